/*
 * common.c - aligned allocation, error helper, bit-exact comparison.
 * (Seeded input is in fill.c: the one GSL user, left out of cross builds.)
 */
#include "common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t tb_mul_size(size_t n, size_t size)
{
	size_t r;
	if (__builtin_mul_overflow(n, size, &r))
		return 0;
	return r;
}

void *tb_alloc(size_t bytes, char *err, size_t errlen)
{
	if (bytes == 0) {
		tb_err(err, errlen, "cannot allocate 0 bytes");
		return NULL;
	}
	size_t rounded = (bytes + TB_ALIGN - 1) / TB_ALIGN * TB_ALIGN;
	if (rounded < bytes) {
		tb_err(err, errlen, "allocation of %zu bytes overflows", bytes);
		return NULL;
	}
	void *p = NULL;
	if (posix_memalign(&p, TB_ALIGN, rounded) != 0) {
		tb_err(err, errlen, "cannot allocate %zu bytes", bytes);
		return NULL;
	}
	memset(p, 0, rounded);
	return p;
}

void tb_free(void *p) { free(p); }

int tb_err(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

size_t tb_first_bit_diff(const float *a, const float *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(&a[i], &b[i], sizeof(float)) != 0)
			return i;
	return n;
}
