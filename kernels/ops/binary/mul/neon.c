/* mul/neon.c - tensor * tensor: the neon variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mul_neon = TB_BIN_KERNEL("mul", "neon", TB_MUL, TB_KIND_NEON);
