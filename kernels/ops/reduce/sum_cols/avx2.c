/* sum_cols/avx2.c - sum over each column (one result per column, --size RxC): the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_sum_cols_avx2 = TB_RED_KERNEL("sum_cols", "avx2", TB_SUM, TB_AXIS_COLS, TB_KIND_AVX2);
