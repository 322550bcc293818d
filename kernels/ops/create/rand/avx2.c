/* rand/avx2.c - create rand: the avx2 variant, GSL's taus2 recurrence 16 streams at a time (shared code: ../create.c, ../vec_body.h). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_avx2 = TB_CREATE_KERNEL("rand", "avx2", TB_RAND, TB_KIND_AVX2);
