/* sum_rows/scalar.c - sum over each row (one result per row, --size RxC): the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_rows_scalar = TB_RED_KERNEL("sum_rows", "scalar", TB_SUM, TB_AXIS_ROWS, TB_KIND_SCALAR);
