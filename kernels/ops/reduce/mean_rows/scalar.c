/* mean_rows/scalar.c - mean over each row (one result per row, --size RxC): the scalar variant (shared code: ../reduce.c). */
#include "../../ops.h"

const struct tb_kernel tb_k_mean_rows_scalar = TB_RED_KERNEL("mean_rows", "scalar", TB_MEAN, TB_AXIS_ROWS, TB_KIND_SCALAR);
