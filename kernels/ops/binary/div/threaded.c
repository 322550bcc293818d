/* div/threaded.c - tensor / tensor: the threaded variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_div_threaded = TB_BIN_KERNEL("div", "threaded", TB_DIV, TB_KIND_THREADED);
