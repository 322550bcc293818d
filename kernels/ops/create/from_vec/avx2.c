/* from_vec/avx2.c - create from_vec: the avx2 variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_from_vec_avx2 = TB_CREATE_KERNEL("from_vec", "avx2", TB_FROM_VEC, TB_KIND_AVX2);
