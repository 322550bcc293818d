/* relu/avx512.c - activation relu: the avx512 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_relu_avx512 = TB_ACT_KERNEL("relu", "avx512", TB_RELU, TB_KIND_AVX512);
