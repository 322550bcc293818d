/* mean_cols/avx2.c - mean over each column (one result per column, --size RxC): the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_cols_avx2 = TB_RED_KERNEL("mean_cols", "avx2", TB_MEAN, TB_AXIS_COLS, TB_KIND_AVX2);
