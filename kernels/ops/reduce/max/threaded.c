/* max/threaded.c - max over the whole tensor: the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_threaded = TB_RED_KERNEL("max", "threaded", TB_MAX, TB_AXIS_ALL, TB_KIND_THREADED);
