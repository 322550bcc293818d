/* gelu_erf/avx2.c - activation gelu_erf: the avx2 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_erf_avx2 = TB_ACT_KERNEL("gelu_erf", "avx2", TB_GELU_ERF, TB_KIND_AVX2);
