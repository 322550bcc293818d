/* rand/threaded.c - create rand: the threaded variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_threaded = TB_CREATE_KERNEL("rand", "threaded", TB_RAND, "GSL's taus2 recurrence on the widest SIMD here, blocks split over the persistent pool, fresh allocation", NULL, NULL, true, TB_OPS_THREADED);
