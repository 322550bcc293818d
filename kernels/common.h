/*
 * common.h - helpers shared by kernels.  Aligned buffers, seeded input,
 * error messages and the bit-exact / ULP comparisons are part of the public
 * API (include/tbench/kernel.h, declared there once); this adds what only
 * tbench's own code uses.  Nothing here prints or measures.
 */
#ifndef TB_KERNELS_COMMON_H
#define TB_KERNELS_COMMON_H

#include "../include/tbench/kernel.h"

#include <stddef.h>
#include <stdint.h>

/* n * size without overflow; 0 on overflow */
size_t tb_mul_size(size_t n, size_t size);

#endif
