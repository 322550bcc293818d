/* max_cols/threaded.c - max over each column (one result per column, --size RxC): the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_cols_threaded = TB_RED_KERNEL("max_cols", "threaded", TB_MAX, TB_AXIS_COLS, TB_KIND_THREADED);
