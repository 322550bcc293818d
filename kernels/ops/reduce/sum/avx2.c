/* sum/avx2.c - sum over the whole tensor: the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_avx2 = TB_RED_KERNEL("sum", "avx2", TB_SUM, TB_AXIS_ALL, TB_KIND_AVX2);
