/* muls/neon.c - tensor * scalar: the neon variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_muls_neon = TB_BINS_KERNEL("muls", "neon", TB_MUL, TB_KIND_NEON);
