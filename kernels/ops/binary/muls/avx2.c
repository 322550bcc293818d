/* muls/avx2.c - tensor * scalar: the avx2 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_muls_avx2 = TB_BINS_KERNEL("muls", "avx2", TB_MUL, TB_KIND_AVX2);
