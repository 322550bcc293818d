/* relu/threaded.c - activation relu: the threaded variant (shared code: ../act.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_relu_threaded = TB_ACT_KERNEL("relu", "threaded", TB_RELU, TB_KIND_THREADED);
