/* zeros/neon.c - create zeros: the neon variant (shared code: ../create.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_zeros_neon = TB_CREATE_KERNEL("zeros", "neon", TB_ZEROS, TB_KIND_NEON);
