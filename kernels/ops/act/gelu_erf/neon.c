/* gelu_erf/neon.c - activation gelu_erf: the neon variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_erf_neon = TB_ACT_KERNEL("gelu_erf", "neon", TB_GELU_ERF, TB_KIND_NEON);
