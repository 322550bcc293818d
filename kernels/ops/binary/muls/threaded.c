/* muls/threaded.c - tensor * scalar: the threaded variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_muls_threaded = TB_BINS_KERNEL("muls", "threaded", TB_MUL, TB_KIND_THREADED);
