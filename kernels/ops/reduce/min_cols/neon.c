/* min_cols/neon.c - min over each column (one result per column, --size RxC): the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_cols_neon = TB_RED_KERNEL("min_cols", "neon", TB_MIN, TB_AXIS_COLS, TB_KIND_NEON);
