/* softmax/neon.c - activation softmax: the neon variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_softmax_neon = TB_ACT_KERNEL("softmax", "neon", TB_SOFTMAX, TB_KIND_NEON);
