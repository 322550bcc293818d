/* sum_cols/threaded.c - sum over each column (one result per column, --size RxC): the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_cols_threaded = TB_RED_KERNEL("sum_cols", "threaded", TB_SUM, TB_AXIS_COLS, TB_KIND_THREADED);
