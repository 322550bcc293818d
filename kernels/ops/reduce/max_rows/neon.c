/* max_rows/neon.c - max over each row (one result per row, --size RxC): the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_rows_neon = TB_RED_KERNEL("max_rows", "neon", TB_MAX, TB_AXIS_ROWS, TB_KIND_NEON);
