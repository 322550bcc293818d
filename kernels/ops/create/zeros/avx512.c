/* zeros/avx512.c - create zeros: the avx512 variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_zeros_avx512 = TB_CREATE_KERNEL("zeros", "avx512", TB_ZEROS, TB_KIND_AVX512);
