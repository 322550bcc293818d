/* zeros/pool.c - create zeros: the pool variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_zeros_pool = TB_CREATE_KERNEL("zeros", "pool", TB_ZEROS, TB_KIND_POOL);
