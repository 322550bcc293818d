/* mul/scalar.c - tensor * tensor: the scalar variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mul_scalar = TB_BIN_KERNEL("mul", "scalar", TB_MUL, TB_KIND_SCALAR);
