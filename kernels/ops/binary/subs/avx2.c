/* subs/avx2.c - tensor - scalar: the avx2 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_subs_avx2 = TB_BINS_KERNEL("subs", "avx2", TB_SUB, TB_KIND_AVX2);
