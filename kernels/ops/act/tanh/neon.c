/* tanh/neon.c - activation tanh: the neon variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_tanh_neon = TB_ACT_KERNEL("tanh", "neon", TB_TANH, TB_KIND_NEON);
