/* add/neon.c - tensor + tensor: the neon variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_add_neon = TB_BIN_KERNEL("add", "neon", TB_ADD, TB_KIND_NEON);
