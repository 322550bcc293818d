/* softmax/scalar.c - activation softmax: the scalar variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_softmax_scalar = TB_ACT_KERNEL("softmax", "scalar", TB_SOFTMAX, TB_KIND_SCALAR);
