/* gelu_erf/avx512.c - activation gelu_erf: the avx512 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_erf_avx512 = TB_ACT_KERNEL("gelu_erf", "avx512", TB_GELU_ERF, TB_KIND_AVX512);
