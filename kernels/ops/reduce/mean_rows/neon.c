/* mean_rows/neon.c - mean over each row (one result per row, --size RxC): the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_rows_neon = TB_RED_KERNEL("mean_rows", "neon", TB_MEAN, TB_AXIS_ROWS, TB_KIND_NEON);
