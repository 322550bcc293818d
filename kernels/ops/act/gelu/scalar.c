/* gelu/scalar.c - activation gelu: the scalar variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_scalar = TB_ACT_KERNEL("gelu", "scalar", TB_GELU, TB_KIND_SCALAR);
