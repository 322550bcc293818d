/* add/threaded.c - tensor + tensor: the threaded variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_add_threaded = TB_BIN_KERNEL("add", "threaded", TB_ADD, TB_KIND_THREADED);
