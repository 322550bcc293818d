/* sigmoid/avx2.c - activation sigmoid: the avx2 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sigmoid_avx2 = TB_ACT_KERNEL("sigmoid", "avx2", TB_SIGMOID, TB_KIND_AVX2);
