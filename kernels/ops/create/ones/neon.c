/* ones/neon.c - create ones: the neon variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_ones_neon = TB_CREATE_KERNEL("ones", "neon", TB_ONES, TB_KIND_NEON);
