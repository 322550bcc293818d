/* mean_rows/threaded.c - mean over each row (one result per row, --size RxC): the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_rows_threaded = TB_RED_KERNEL("mean_rows", "threaded", TB_MEAN, TB_AXIS_ROWS, TB_KIND_THREADED);
