/* zeros/avx2.c - create zeros: the avx2 variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_zeros_avx2 = TB_CREATE_KERNEL("zeros", "avx2", TB_ZEROS, TB_KIND_AVX2);
