/* gelu/avx512.c - activation gelu: the avx512 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_avx512 = TB_ACT_KERNEL("gelu", "avx512", TB_GELU, TB_KIND_AVX512);
