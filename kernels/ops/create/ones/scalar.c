/* ones/scalar.c - create ones: the scalar variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_ones_scalar = TB_CREATE_KERNEL("ones", "scalar", TB_ONES, TB_KIND_SCALAR);
