/* sum_cols/neon.c - sum over each column (one result per column, --size RxC): the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_cols_neon = TB_RED_KERNEL("sum_cols", "neon", TB_SUM, TB_AXIS_COLS, TB_KIND_NEON);
