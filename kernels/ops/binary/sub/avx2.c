/* sub/avx2.c - tensor - tensor: the avx2 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sub_avx2 = TB_BIN_KERNEL("sub", "avx2", TB_SUB, TB_KIND_AVX2);
