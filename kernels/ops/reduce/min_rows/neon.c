/* min_rows/neon.c - min over each row (one result per row, --size RxC): the neon variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_rows_neon = TB_RED_KERNEL("min_rows", "neon", TB_MIN, TB_AXIS_ROWS, TB_KIND_NEON);
