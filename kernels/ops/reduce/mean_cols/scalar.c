/* mean_cols/scalar.c - mean over each column (one result per column, --size RxC): the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_cols_scalar = TB_RED_KERNEL("mean_cols", "scalar", TB_MEAN, TB_AXIS_COLS, TB_KIND_SCALAR);
