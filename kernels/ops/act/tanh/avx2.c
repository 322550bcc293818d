/* tanh/avx2.c - activation tanh: the avx2 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_tanh_avx2 = TB_ACT_KERNEL("tanh", "avx2", TB_TANH, TB_KIND_AVX2);
