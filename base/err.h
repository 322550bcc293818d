/*
 * err.h - the one error convention of every layer: a function returns 0, or
 * -1 (a negative code) with a one-line message in the caller's err/errlen
 * buffer naming the bad value and what is allowed.  Only cmd/ prints.
 */
#ifndef TB_BASE_ERR_H
#define TB_BASE_ERR_H

#include <stdarg.h>
#include <stddef.h>

/* snprintf into err (if non-NULL and errlen > 0) and return -1 */
int tb_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* the same with a va_list */
int tb_verr(char *err, size_t errlen, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
