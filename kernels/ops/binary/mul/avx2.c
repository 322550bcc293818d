/* mul/avx2.c - tensor * tensor: the avx2 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mul_avx2 = TB_BIN_KERNEL("mul", "avx2", TB_MUL, TB_KIND_AVX2);
