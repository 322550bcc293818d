/* gelu/avx2.c - activation gelu: the avx2 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_avx2 = TB_ACT_KERNEL("gelu", "avx2", TB_GELU, TB_KIND_AVX2);
