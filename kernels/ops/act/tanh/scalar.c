/* tanh/scalar.c - activation tanh: the scalar variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_tanh_scalar = TB_ACT_KERNEL("tanh", "scalar", TB_TANH, TB_KIND_SCALAR);
