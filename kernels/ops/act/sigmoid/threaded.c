/* sigmoid/threaded.c - activation sigmoid: the threaded variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sigmoid_threaded = TB_ACT_KERNEL("sigmoid", "threaded", TB_SIGMOID, TB_KIND_THREADED);
