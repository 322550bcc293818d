/* max_cols/avx512.c - max over each column (one result per column, --size RxC): the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_max_cols_avx512 = TB_RED_KERNEL("max_cols", "avx512", TB_MAX, TB_AXIS_COLS, TB_KIND_AVX512);
