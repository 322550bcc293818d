/* min/avx2.c - min over the whole tensor: the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_avx2 = TB_RED_KERNEL("min", "avx2", TB_MIN, TB_AXIS_ALL, TB_KIND_AVX2);
