/* ones/avx512.c - create ones: the avx512 variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_ones_avx512 = TB_CREATE_KERNEL("ones", "avx512", TB_ONES, TB_KIND_AVX512);
