/* sum_rows/neon.c - sum over each row (one result per row, --size RxC): the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_rows_neon = TB_RED_KERNEL("sum_rows", "neon", TB_SUM, TB_AXIS_ROWS, TB_KIND_NEON);
