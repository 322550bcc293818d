/* subs/threaded.c - tensor - scalar: the threaded variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_subs_threaded = TB_BINS_KERNEL("subs", "threaded", TB_SUB, TB_KIND_THREADED);
