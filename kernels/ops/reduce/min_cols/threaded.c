/* min_cols/threaded.c - min over each column (one result per column, --size RxC): the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_cols_threaded = TB_RED_KERNEL("min_cols", "threaded", TB_MIN, TB_AXIS_COLS, TB_KIND_THREADED);
