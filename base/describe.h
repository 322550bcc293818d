/*
 * describe.h - descriptive statistics every layer may use: the one sort of
 * doubles, the median, the MAD and quantiles (linear interpolation between
 * order statistics, as GSL's gsl_stats_quantile_from_sorted_data).  No
 * allocation; functions that sort say so.  Inference (bootstrap, tests)
 * stays in reports/stats*.c.
 */
#ifndef TB_BASE_DESCRIBE_H
#define TB_BASE_DESCRIBE_H

#include <stddef.h>

/* qsort comparator for doubles, ascending */
int tb_cmp_double(const void *a, const void *b);
/* sort v[0..n) ascending in place */
void tb_sort_doubles(double *v, size_t n);

/* median of sorted s[0..n) (mean of the middle two when n is even); NaN for n == 0 */
double tb_median_sorted(const double *s, size_t n);
/* median of v[0..n); v is sorted in place */
double tb_median(double *v, size_t n);
/* median and median absolute deviation (unscaled) of v[0..n); v is
 * overwritten (it holds the absolute deviations, sorted, afterwards) */
void tb_median_mad(double *v, size_t n, double *median, double *mad);
/* quantile p in [0, 1] of sorted s[0..n); NaN for n == 0 */
double tb_quantile_sorted(const double *s, size_t n, double p);

#endif
