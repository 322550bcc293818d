/* gelu/threaded.c - activation gelu: the threaded variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_gelu_threaded = TB_ACT_KERNEL("gelu", "threaded", TB_GELU, TB_KIND_THREADED);
