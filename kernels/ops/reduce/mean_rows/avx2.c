/* mean_rows/avx2.c - mean over each row (one result per row, --size RxC): the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_rows_avx2 = TB_RED_KERNEL("mean_rows", "avx2", TB_MEAN, TB_AXIS_ROWS, TB_KIND_AVX2);
