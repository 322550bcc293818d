/* mean_cols/threaded.c - mean over each column (one result per column, --size RxC): the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_cols_threaded = TB_RED_KERNEL("mean_cols", "threaded", TB_MEAN, TB_AXIS_COLS, TB_KIND_THREADED);
