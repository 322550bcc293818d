/* add/avx512.c - tensor + tensor: the avx512 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_add_avx512 = TB_BIN_KERNEL("add", "avx512", TB_ADD, TB_KIND_AVX512);
