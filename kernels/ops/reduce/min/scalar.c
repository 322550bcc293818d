/* min/scalar.c - min over the whole tensor: the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_scalar = TB_RED_KERNEL("min", "scalar", TB_MIN, TB_AXIS_ALL, TB_KIND_SCALAR);
