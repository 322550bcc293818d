/* divs/threaded.c - tensor / scalar: the threaded variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_divs_threaded = TB_BINS_KERNEL("divs", "threaded", TB_DIV, TB_KIND_THREADED);
