/* rand/pool.c - create rand: the pool variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_pool = TB_CREATE_KERNEL("rand", "pool", TB_RAND, "GSL mt19937 per block into a buffer reused from a pool", &tb_ops_scalar, NULL, false, TB_OPS_POOLED);
