/*
 * describe.c - sort, median, MAD, quantiles (describe.h).
 */
#include "describe.h"

#include <math.h>
#include <stdlib.h>

int tb_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void tb_sort_doubles(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(double), tb_cmp_double);
}

double tb_median_sorted(const double *s, size_t n)
{
	if (n == 0)
		return NAN;
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

double tb_median(double *v, size_t n)
{
	tb_sort_doubles(v, n);
	return tb_median_sorted(v, n);
}

void tb_median_mad(double *v, size_t n, double *median, double *mad)
{
	double m = tb_median(v, n);
	for (size_t i = 0; i < n; i++)
		v[i] = fabs(v[i] - m);
	*median = m;
	*mad = tb_median(v, n);
}

double tb_quantile_sorted(const double *s, size_t n, double p)
{
	if (n == 0)
		return NAN;
	double pos = (double)(n - 1) * p;
	size_t lo = (size_t)pos;
	double d = pos - (double)lo;
	if (lo + 1 >= n)
		return s[n - 1];
	return d == 0 ? s[lo] : (1 - d) * s[lo] + d * s[lo + 1];
}
