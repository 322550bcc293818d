/* from_vec/pool.c - create from_vec: the pool variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_from_vec_pool = TB_CREATE_KERNEL("from_vec", "pool", TB_FROM_VEC, TB_KIND_POOL);
