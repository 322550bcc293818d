/* min_rows/scalar.c - min over each row (one result per row, --size RxC): the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_rows_scalar = TB_RED_KERNEL("min_rows", "scalar", TB_MIN, TB_AXIS_ROWS, TB_KIND_SCALAR);
