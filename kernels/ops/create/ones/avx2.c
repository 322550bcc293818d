/* ones/avx2.c - create ones: the avx2 variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_ones_avx2 = TB_CREATE_KERNEL("ones", "avx2", TB_ONES, TB_KIND_AVX2);
