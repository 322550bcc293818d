/* sum_rows/threaded.c - sum over each row (one result per row, --size RxC): the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_rows_threaded = TB_RED_KERNEL("sum_rows", "threaded", TB_SUM, TB_AXIS_ROWS, TB_KIND_THREADED);
