/* softmax/avx2.c - activation softmax: the avx2 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_softmax_avx2 = TB_ACT_KERNEL("softmax", "avx2", TB_SOFTMAX, TB_KIND_AVX2);
