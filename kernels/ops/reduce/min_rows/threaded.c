/* min_rows/threaded.c - min over each row (one result per row, --size RxC): the threaded variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_rows_threaded = TB_RED_KERNEL("min_rows", "threaded", TB_MIN, TB_AXIS_ROWS, TB_KIND_THREADED);
