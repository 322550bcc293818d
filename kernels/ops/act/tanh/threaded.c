/* tanh/threaded.c - activation tanh: the threaded variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_tanh_threaded = TB_ACT_KERNEL("tanh", "threaded", TB_TANH, TB_KIND_THREADED);
