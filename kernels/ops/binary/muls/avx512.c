/* muls/avx512.c - tensor * scalar: the avx512 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_muls_avx512 = TB_BINS_KERNEL("muls", "avx512", TB_MUL, TB_KIND_AVX512);
