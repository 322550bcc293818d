/* max_rows/threaded.c - max over each row (one result per row, --size RxC): the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_rows_threaded = TB_RED_KERNEL("max_rows", "threaded", TB_MAX, TB_AXIS_ROWS, TB_KIND_THREADED);
