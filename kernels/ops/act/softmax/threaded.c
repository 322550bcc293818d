/* softmax/threaded.c - activation softmax: the threaded variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_softmax_threaded = TB_ACT_KERNEL("softmax", "threaded", TB_SOFTMAX, TB_KIND_THREADED);
