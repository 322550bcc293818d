/* relu/avx2.c - activation relu: the avx2 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_relu_avx2 = TB_ACT_KERNEL("relu", "avx2", TB_RELU, TB_KIND_AVX2);
