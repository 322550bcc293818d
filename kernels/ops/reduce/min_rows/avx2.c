/* min_rows/avx2.c - min over each row (one result per row, --size RxC): the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_rows_avx2 = TB_RED_KERNEL("min_rows", "avx2", TB_MIN, TB_AXIS_ROWS, TB_KIND_AVX2);
