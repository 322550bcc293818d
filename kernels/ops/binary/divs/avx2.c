/* divs/avx2.c - tensor / scalar: the avx2 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_divs_avx2 = TB_BINS_KERNEL("divs", "avx2", TB_DIV, TB_KIND_AVX2);
