/* div/scalar.c - tensor / tensor: the scalar variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_div_scalar = TB_BIN_KERNEL("div", "scalar", TB_DIV, TB_KIND_SCALAR);
