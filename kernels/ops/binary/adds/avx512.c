/* adds/avx512.c - tensor + scalar: the avx512 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_adds_avx512 = TB_BINS_KERNEL("adds", "avx512", TB_ADD, TB_KIND_AVX512);
