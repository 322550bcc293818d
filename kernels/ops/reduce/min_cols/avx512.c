/* min_cols/avx512.c - min over each column (one result per column, --size RxC): the avx512 variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_min_cols_avx512 = TB_RED_KERNEL("min_cols", "avx512", TB_MIN, TB_AXIS_COLS, TB_KIND_AVX512);
