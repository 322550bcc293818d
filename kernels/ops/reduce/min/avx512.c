/* min/avx512.c - min over the whole tensor: the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_avx512 = TB_RED_KERNEL("min", "avx512", TB_MIN, TB_AXIS_ALL, TB_KIND_AVX512);
