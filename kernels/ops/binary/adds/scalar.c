/* adds/scalar.c - tensor + scalar: the scalar variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_adds_scalar = TB_BINS_KERNEL("adds", "scalar", TB_ADD, TB_KIND_SCALAR);
