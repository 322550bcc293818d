/* sum_cols/avx512.c - sum over each column (one result per column, --size RxC): the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_cols_avx512 = TB_RED_KERNEL("sum_cols", "avx512", TB_SUM, TB_AXIS_COLS, TB_KIND_AVX512);
