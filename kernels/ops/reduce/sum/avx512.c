/* sum/avx512.c - sum over the whole tensor: the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_avx512 = TB_RED_KERNEL("sum", "avx512", TB_SUM, TB_AXIS_ALL, TB_KIND_AVX512);
