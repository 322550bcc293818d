/* min/neon.c - min over the whole tensor: the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_neon = TB_RED_KERNEL("min", "neon", TB_MIN, TB_AXIS_ALL, TB_KIND_NEON);
