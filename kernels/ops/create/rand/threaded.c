/* rand/threaded.c - create rand: the threaded variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_threaded = TB_CREATE_KERNEL("rand", "threaded", TB_RAND, "GSL mt19937 blocks split over the persistent pool, fresh allocation", &tb_ops_scalar, NULL, true, TB_OPS_THREADED);
