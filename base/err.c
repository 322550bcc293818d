/*
 * err.c - the error message helper (err.h).
 */
#include "err.h"

#include <stdio.h>

int tb_verr(char *err, size_t errlen, const char *fmt, va_list ap)
{
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	return -1;
}

int tb_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tb_verr(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}
