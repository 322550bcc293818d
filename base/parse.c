/*
 * parse.c - option value parsing.  Nothing here prints.
 */
#include "parse.h"

#include "err.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tb_parse_u64(const char *what, const char *s, uint64_t min, uint64_t max, uint64_t *out,
		 char *err, size_t errlen)
{
	char *end;
	if (!s || !isdigit((unsigned char)*s))
		return tb_err(err, errlen, "invalid %s '%s': expected a whole number from %llu to %llu",
			    what, s ? s : "", (unsigned long long)min, (unsigned long long)max);
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || errno == ERANGE || v < min || v > max)
		return tb_err(err, errlen, "invalid %s '%s': expected a whole number from %llu to %llu",
			    what, s, (unsigned long long)min, (unsigned long long)max);
	*out = v;
	return 0;
}

int tb_parse_double(const char *what, const char *s, double min, double max, double *out,
		    char *err, size_t errlen)
{
	char *end;
	errno = 0;
	double v = s && *s ? strtod(s, &end) : NAN;
	if (!s || !*s || *end || errno == ERANGE || !isfinite(v) || v < min || v > max)
		return tb_err(err, errlen, "invalid %s '%s': expected a number from %g to %g", what,
			    s ? s : "", min, max);
	*out = v;
	return 0;
}

/* one count with an optional suffix; 0 ok */
static int count_with_suffix(const char *s, const char *e, uint64_t *out)
{
	if (s == e || !isdigit((unsigned char)*s))
		return -1;
	uint64_t v = 0;
	const char *p = s;
	for (; p < e && isdigit((unsigned char)*p); p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	uint64_t mul = 1;
	size_t rest = (size_t)(e - p);
	if (rest == 1 && (*p == 'k' || *p == 'K'))
		mul = 1000;
	else if (rest == 1 && *p == 'M')
		mul = 1000000;
	else if (rest == 1 && *p == 'G')
		mul = 1000000000;
	else if (rest == 2 && (p[0] == 'K' || p[0] == 'k') && p[1] == 'i')
		mul = 1024;
	else if (rest == 2 && p[0] == 'M' && p[1] == 'i')
		mul = 1024 * 1024;
	else if (rest == 2 && p[0] == 'G' && p[1] == 'i')
		mul = 1024 * 1024 * 1024;
	else if (rest != 0)
		return -1;
	if (__builtin_mul_overflow(v, mul, out))
		return -1;
	return 0;
}

#define SIZE_HELP "expected a positive count N (suffixes k M G = x1000, Ki Mi Gi = x1024) or RxC, e.g. 1000, 4Mi, 1000x1000"

int tb_parse_size(const char *s, struct tb_size *out, char *err, size_t errlen)
{
	if (!s || !*s)
		return tb_err(err, errlen, "invalid size '': " SIZE_HELP);
	const char *x = strchr(s, 'x');
	uint64_t r = 1, c;
	if (x) {
		if (count_with_suffix(s, x, &r) || count_with_suffix(x + 1, s + strlen(s), &c))
			return tb_err(err, errlen, "invalid size '%s': " SIZE_HELP, s);
	} else if (count_with_suffix(s, s + strlen(s), &c)) {
		return tb_err(err, errlen, "invalid size '%s': " SIZE_HELP, s);
	}
	uint64_t n;
	if (r == 0 || c == 0)
		return tb_err(err, errlen, "invalid size '%s': must be at least 1", s);
	if (__builtin_mul_overflow(r, c, &n) || n > TB_SIZE_MAX)
		return tb_err(err, errlen, "invalid size '%s': more than %llu elements", s,
			    (unsigned long long)TB_SIZE_MAX);
	out->n = n;
	out->rows = r;
	out->cols = c;
	return 0;
}

static int positive(const char *what, const char *noun, const char *s, uint64_t *out,
		    char *err, size_t errlen)
{
	if (!s || count_with_suffix(s, s + strlen(s), out) || *out == 0)
		return tb_err(err, errlen,
			    "invalid %s '%s': expected a positive %s (suffixes k M G, Ki Mi Gi)",
			    what, s ? s : "", noun);
	return 0;
}

int tb_parse_bytes(const char *what, const char *s, uint64_t *out, char *err, size_t errlen)
{
	return positive(what, "byte count", s, out, err, errlen);
}

int tb_parse_count(const char *what, const char *s, uint64_t *out, char *err, size_t errlen)
{
	return positive(what, "count", s, out, err, errlen);
}

int tb_parse_duration(const char *what, const char *s, double *ns, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	double v = s && *s && (isdigit((unsigned char)*s) || *s == '.') ? strtod(s, &end) : NAN;
	double mul = 0;
	if (!isnan(v)) {
		if (!*end || !strcmp(end, "s"))
			mul = 1e9;
		else if (!strcmp(end, "ms"))
			mul = 1e6;
		else if (!strcmp(end, "us") || !strcmp(end, "\xc2\xb5s"))
			mul = 1e3;
		else if (!strcmp(end, "ns"))
			mul = 1;
	}
	if (mul == 0 || errno == ERANGE || !isfinite(v) || v <= 0 || v * mul > 86400e9)
		return tb_err(err, errlen,
			    "invalid %s '%s': expected a positive duration up to a day, e.g. 2s, 500ms, 250us",
			    what, s ? s : "");
	*ns = v * mul;
	return 0;
}

int tb_split_list(char *s, char **items, int max)
{
	int n = 0;
	char *save = NULL;
	if (!*s)
		return -1;
	size_t len = strlen(s);
	if (s[0] == ',' || s[len - 1] == ',' || strstr(s, ",,"))
		return -1;
	for (char *t = strtok_r(s, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (n == max)
			return -1;
		items[n++] = t;
	}
	return n;
}
