/* sum/neon.c - sum over the whole tensor: the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_neon = TB_RED_KERNEL("sum", "neon", TB_SUM, TB_AXIS_ALL, TB_KIND_NEON);
