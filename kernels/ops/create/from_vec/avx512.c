/* from_vec/avx512.c - create from_vec: the avx512 variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_from_vec_avx512 = TB_CREATE_KERNEL("from_vec", "avx512", TB_FROM_VEC, TB_KIND_AVX512);
