/*
 * alloc.c - aligned, overflow-checked allocation (alloc.h).
 */
#include "alloc.h"

#include "err.h"

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
