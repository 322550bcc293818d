/* div/avx2.c - tensor / tensor: the avx2 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_div_avx2 = TB_BIN_KERNEL("div", "avx2", TB_DIV, TB_KIND_AVX2);
