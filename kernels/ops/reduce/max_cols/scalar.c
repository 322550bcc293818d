/* max_cols/scalar.c - max over each column (one result per column, --size RxC): the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_cols_scalar = TB_RED_KERNEL("max_cols", "scalar", TB_MAX, TB_AXIS_COLS, TB_KIND_SCALAR);
