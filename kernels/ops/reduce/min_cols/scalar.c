/* min_cols/scalar.c - min over each column (one result per column, --size RxC): the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_cols_scalar = TB_RED_KERNEL("min_cols", "scalar", TB_MIN, TB_AXIS_COLS, TB_KIND_SCALAR);
