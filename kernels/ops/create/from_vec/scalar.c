/* from_vec/scalar.c - create from_vec: the scalar variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_from_vec_scalar = TB_CREATE_KERNEL("from_vec", "scalar", TB_FROM_VEC, TB_KIND_SCALAR);
