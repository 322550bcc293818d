/* gelu_erf/scalar.c - activation gelu_erf: the scalar variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_erf_scalar = TB_ACT_KERNEL("gelu_erf", "scalar", TB_GELU_ERF, TB_KIND_SCALAR);
