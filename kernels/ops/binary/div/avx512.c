/* div/avx512.c - tensor / tensor: the avx512 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_div_avx512 = TB_BIN_KERNEL("div", "avx512", TB_DIV, TB_KIND_AVX512);
