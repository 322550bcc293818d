/* sigmoid/avx512.c - activation sigmoid: the avx512 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sigmoid_avx512 = TB_ACT_KERNEL("sigmoid", "avx512", TB_SIGMOID, TB_KIND_AVX512);
