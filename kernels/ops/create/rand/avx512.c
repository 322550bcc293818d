/* rand/avx512.c - create rand: the avx512 variant, GSL's taus2 recurrence 16 streams at a time (shared code: ../create.c, ../vec_body.h). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_avx512 = TB_CREATE_KERNEL("rand", "avx512", TB_RAND, TB_KIND_AVX512);
