/* divs/neon.c - tensor / scalar: the neon variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_divs_neon = TB_BINS_KERNEL("divs", "neon", TB_DIV, TB_KIND_NEON);
