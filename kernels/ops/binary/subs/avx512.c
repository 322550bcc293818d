/* subs/avx512.c - tensor - scalar: the avx512 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_subs_avx512 = TB_BINS_KERNEL("subs", "avx512", TB_SUB, TB_KIND_AVX512);
