/* sub/scalar.c - tensor - tensor: the scalar variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sub_scalar = TB_BIN_KERNEL("sub", "scalar", TB_SUB, TB_KIND_SCALAR);
