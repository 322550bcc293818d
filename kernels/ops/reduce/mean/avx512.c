/* mean/avx512.c - mean over the whole tensor: the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_avx512 = TB_RED_KERNEL("mean", "avx512", TB_MEAN, TB_AXIS_ALL, TB_KIND_AVX512);
