/* max_rows/scalar.c - max over each row (one result per row, --size RxC): the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_rows_scalar = TB_RED_KERNEL("max_rows", "scalar", TB_MAX, TB_AXIS_ROWS, TB_KIND_SCALAR);
