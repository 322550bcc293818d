/* max_cols/neon.c - max over each column (one result per column, --size RxC): the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_cols_neon = TB_RED_KERNEL("max_cols", "neon", TB_MAX, TB_AXIS_COLS, TB_KIND_NEON);
