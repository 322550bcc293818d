/* subs/scalar.c - tensor - scalar: the scalar variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_subs_scalar = TB_BINS_KERNEL("subs", "scalar", TB_SUB, TB_KIND_SCALAR);
