/* mean_cols/neon.c - mean over each column (one result per column, --size RxC): the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_cols_neon = TB_RED_KERNEL("mean_cols", "neon", TB_MEAN, TB_AXIS_COLS, TB_KIND_NEON);
