/* sigmoid/scalar.c - activation sigmoid: the scalar variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sigmoid_scalar = TB_ACT_KERNEL("sigmoid", "scalar", TB_SIGMOID, TB_KIND_SCALAR);
