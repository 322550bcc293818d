/*
 * common.h - helpers shared by kernels: aligned buffers, seeded input,
 * error messages.  Nothing here prints or measures.
 */
#ifndef TB_KERNELS_COMMON_H
#define TB_KERNELS_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define TB_ALIGN 64 /* cache line: every buffer starts on one */

/* 64-byte aligned, zero-filled (first touch by the caller's thread);
 * NULL with err filled when bytes is 0, overflows or cannot be allocated */
void *tb_alloc(size_t bytes, char *err, size_t errlen);
void tb_free(void *p);

/* n * size without overflow; 0 on overflow */
size_t tb_mul_size(size_t n, size_t size);

/* x[i] uniform in [lo, hi), from a GSL mt19937 seeded with seed */
void tb_fill_uniform(float *x, size_t n, uint64_t seed, float lo, float hi);

/* snprintf into err (if non-NULL) and return -1 */
int tb_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* index of the first float that differs bit-for-bit, or n if none */
size_t tb_first_bit_diff(const float *a, const float *b, size_t n);

#endif
