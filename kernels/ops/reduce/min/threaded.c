/* min/threaded.c - min over the whole tensor: the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_threaded = TB_RED_KERNEL("min", "threaded", TB_MIN, TB_AXIS_ALL, TB_KIND_THREADED);
