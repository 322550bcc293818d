/* gelu_erf/threaded.c - activation gelu_erf: the threaded variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_erf_threaded = TB_ACT_KERNEL("gelu_erf", "threaded", TB_GELU_ERF, TB_KIND_THREADED);
