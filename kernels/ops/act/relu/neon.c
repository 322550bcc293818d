/* relu/neon.c - activation relu: the neon variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_relu_neon = TB_ACT_KERNEL("relu", "neon", TB_RELU, TB_KIND_NEON);
