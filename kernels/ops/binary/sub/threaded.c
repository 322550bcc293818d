/* sub/threaded.c - tensor - tensor: the threaded variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sub_threaded = TB_BIN_KERNEL("sub", "threaded", TB_SUB, TB_KIND_THREADED);
