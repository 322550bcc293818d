/* subs/neon.c - tensor - scalar: the neon variant (shared code: ../binary.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_subs_neon = TB_BINS_KERNEL("subs", "neon", TB_SUB, TB_KIND_NEON);
