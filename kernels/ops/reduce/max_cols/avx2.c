/* max_cols/avx2.c - max over each column (one result per column, --size RxC): the avx2 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_cols_avx2 = TB_RED_KERNEL("max_cols", "avx2", TB_MAX, TB_AXIS_COLS, TB_KIND_AVX2);
