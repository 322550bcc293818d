/* max/avx512.c - max over the whole tensor: the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_avx512 = TB_RED_KERNEL("max", "avx512", TB_MAX, TB_AXIS_ALL, TB_KIND_AVX512);
