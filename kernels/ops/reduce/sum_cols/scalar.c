/* sum_cols/scalar.c - sum over each column (one result per column, --size RxC): the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_cols_scalar = TB_RED_KERNEL("sum_cols", "scalar", TB_SUM, TB_AXIS_COLS, TB_KIND_SCALAR);
