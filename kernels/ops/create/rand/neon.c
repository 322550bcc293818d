/* rand/neon.c - create rand: the neon variant, GSL's taus2 recurrence 16 streams at a time (shared code: ../create.c, ../vec_body.h). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_neon = TB_CREATE_KERNEL("rand", "neon", TB_RAND, TB_KIND_NEON);
