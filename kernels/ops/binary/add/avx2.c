/* add/avx2.c - tensor + tensor: the avx2 variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_add_avx2 = TB_BIN_KERNEL("add", "avx2", TB_ADD, TB_KIND_AVX2);
