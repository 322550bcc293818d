/* from_vec/neon.c - create from_vec: the neon variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_from_vec_neon = TB_CREATE_KERNEL("from_vec", "neon", TB_FROM_VEC, TB_KIND_NEON);
