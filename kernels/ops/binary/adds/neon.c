/* adds/neon.c - tensor + scalar: the neon variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_adds_neon = TB_BINS_KERNEL("adds", "neon", TB_ADD, TB_KIND_NEON);
