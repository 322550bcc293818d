/* max/neon.c - max over the whole tensor: the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_neon = TB_RED_KERNEL("max", "neon", TB_MAX, TB_AXIS_ALL, TB_KIND_NEON);
