/* sum/threaded.c - sum over the whole tensor: the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_threaded = TB_RED_KERNEL("sum", "threaded", TB_SUM, TB_AXIS_ALL, TB_KIND_THREADED);
