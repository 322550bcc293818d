/* mul/avx512.c - tensor * tensor: the avx512 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mul_avx512 = TB_BIN_KERNEL("mul", "avx512", TB_MUL, TB_KIND_AVX512);
