/* ones/pool.c - create ones: the pool variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_ones_pool = TB_CREATE_KERNEL("ones", "pool", TB_ONES, TB_KIND_POOL);
