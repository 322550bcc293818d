/* gelu/neon.c - activation gelu: the neon variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_neon = TB_ACT_KERNEL("gelu", "neon", TB_GELU, TB_KIND_NEON);
