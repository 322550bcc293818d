/* max/scalar.c - max over the whole tensor: the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_scalar = TB_RED_KERNEL("max", "scalar", TB_MAX, TB_AXIS_ALL, TB_KIND_SCALAR);
