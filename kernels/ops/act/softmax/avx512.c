/* softmax/avx512.c - activation softmax: the avx512 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_softmax_avx512 = TB_ACT_KERNEL("softmax", "avx512", TB_SOFTMAX, TB_KIND_AVX512);
