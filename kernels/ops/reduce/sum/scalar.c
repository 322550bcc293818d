/* sum/scalar.c - sum over the whole tensor: the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_scalar = TB_RED_KERNEL("sum", "scalar", TB_SUM, TB_AXIS_ALL, TB_KIND_SCALAR);
