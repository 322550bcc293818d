/* rand/scalar.c - create rand: the scalar variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_rand_scalar = TB_CREATE_KERNEL("rand", "scalar", TB_RAND, "GSL mt19937 per 16Ki-element block, fresh allocation (the reference)", &tb_ops_scalar, NULL, false, 0);
