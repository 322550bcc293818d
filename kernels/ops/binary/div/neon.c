/* div/neon.c - tensor / tensor: the neon variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_div_neon = TB_BIN_KERNEL("div", "neon", TB_DIV, TB_KIND_NEON);
