/* mul/threaded.c - tensor * tensor: the threaded variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mul_threaded = TB_BIN_KERNEL("mul", "threaded", TB_MUL, TB_KIND_THREADED);
