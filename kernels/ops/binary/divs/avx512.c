/* divs/avx512.c - tensor / scalar: the avx512 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_divs_avx512 = TB_BINS_KERNEL("divs", "avx512", TB_DIV, TB_KIND_AVX512);
