/* mean/avx2.c - mean over the whole tensor: the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_avx2 = TB_RED_KERNEL("mean", "avx2", TB_MEAN, TB_AXIS_ALL, TB_KIND_AVX2);
