/* rand/pool.c - create rand: the pool variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_pool = TB_CREATE_KERNEL("rand", "pool", TB_RAND, "GSL's taus2 recurrence on the widest SIMD here, into a buffer reused from a pool", NULL, NULL, false, TB_OPS_POOLED);
