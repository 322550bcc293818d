/* sub/neon.c - tensor - tensor: the neon variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sub_neon = TB_BIN_KERNEL("sub", "neon", TB_SUB, TB_KIND_NEON);
