/* adds/avx2.c - tensor + scalar: the avx2 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_adds_avx2 = TB_BINS_KERNEL("adds", "avx2", TB_ADD, TB_KIND_AVX2);
