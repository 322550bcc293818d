/* sub/avx512.c - tensor - tensor: the avx512 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sub_avx512 = TB_BIN_KERNEL("sub", "avx512", TB_SUB, TB_KIND_AVX512);
