/* mean/threaded.c - mean over the whole tensor: the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_threaded = TB_RED_KERNEL("mean", "threaded", TB_MEAN, TB_AXIS_ALL, TB_KIND_THREADED);
