/*
 * common.h - helpers shared by kernels: seeded input, bit-exact comparison,
 * and (from base/) aligned buffers and error messages.  Nothing here prints or measures.
 */
#ifndef TB_KERNELS_COMMON_H
#define TB_KERNELS_COMMON_H

#include "alloc.h" /* base/: tb_alloc, tb_free, tb_mul_size, TB_ALIGN */
#include "err.h"   /* base/: tb_err */

#include <stddef.h>
#include <stdint.h>

/* x[i] uniform in [lo, hi), from a GSL mt19937 seeded with seed */
void tb_fill_uniform(float *x, size_t n, uint64_t seed, float lo, float hi);

/* index of the first float that differs bit-for-bit, or n if none */
size_t tb_first_bit_diff(const float *a, const float *b, size_t n);

#endif
