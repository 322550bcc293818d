/* min_rows/avx512.c - min over each row (one result per row, --size RxC): the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_rows_avx512 = TB_RED_KERNEL("min_rows", "avx512", TB_MIN, TB_AXIS_ROWS, TB_KIND_AVX512);
