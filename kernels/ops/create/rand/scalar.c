/* rand/scalar.c - create rand: the reference, GSL's taus2 (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_scalar = TB_CREATE_KERNEL("rand", "scalar", TB_RAND, "GSL gsl_rng_get per element, 16 taus2 streams per 16Ki block, fresh allocation (the reference)", &tb_ops_scalar, NULL, false, 0);
