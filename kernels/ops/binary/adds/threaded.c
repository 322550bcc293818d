/* adds/threaded.c - tensor + scalar: the threaded variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_adds_threaded = TB_BINS_KERNEL("adds", "threaded", TB_ADD, TB_KIND_THREADED);
