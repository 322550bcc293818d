/* divs/scalar.c - tensor / scalar: the scalar variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_divs_scalar = TB_BINS_KERNEL("divs", "scalar", TB_DIV, TB_KIND_SCALAR);
