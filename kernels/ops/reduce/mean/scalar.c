/* mean/scalar.c - mean over the whole tensor: the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_scalar = TB_RED_KERNEL("mean", "scalar", TB_MEAN, TB_AXIS_ALL, TB_KIND_SCALAR);
