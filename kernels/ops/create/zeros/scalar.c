/* zeros/scalar.c - create zeros: the scalar variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_zeros_scalar = TB_CREATE_KERNEL("zeros", "scalar", TB_ZEROS, TB_KIND_SCALAR);
