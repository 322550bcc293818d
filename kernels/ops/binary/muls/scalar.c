/* muls/scalar.c - tensor * scalar: the scalar variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_muls_scalar = TB_BINS_KERNEL("muls", "scalar", TB_MUL, TB_KIND_SCALAR);
