/* relu/scalar.c - activation relu: the scalar variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_relu_scalar = TB_ACT_KERNEL("relu", "scalar", TB_RELU, TB_KIND_SCALAR);
