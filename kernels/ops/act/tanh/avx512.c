/* tanh/avx512.c - activation tanh: the avx512 variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_tanh_avx512 = TB_ACT_KERNEL("tanh", "avx512", TB_TANH, TB_KIND_AVX512);
