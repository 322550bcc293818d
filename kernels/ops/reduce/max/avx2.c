/* max/avx2.c - max over the whole tensor: the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_avx2 = TB_RED_KERNEL("max", "avx2", TB_MAX, TB_AXIS_ALL, TB_KIND_AVX2);
