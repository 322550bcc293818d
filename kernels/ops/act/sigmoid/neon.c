/* sigmoid/neon.c - activation sigmoid: the neon variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sigmoid_neon = TB_ACT_KERNEL("sigmoid", "neon", TB_SIGMOID, TB_KIND_NEON);
