/* sum_rows/avx512.c - sum over each row (one result per row, --size RxC): the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_rows_avx512 = TB_RED_KERNEL("sum_rows", "avx512", TB_SUM, TB_AXIS_ROWS, TB_KIND_AVX512);
