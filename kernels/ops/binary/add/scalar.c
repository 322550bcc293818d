/* add/scalar.c - tensor + tensor: the scalar variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_add_scalar = TB_BIN_KERNEL("add", "scalar", TB_ADD, TB_KIND_SCALAR);
