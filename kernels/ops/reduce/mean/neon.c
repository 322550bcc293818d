/* mean/neon.c - mean over the whole tensor: the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_neon = TB_RED_KERNEL("mean", "neon", TB_MEAN, TB_AXIS_ALL, TB_KIND_NEON);
