/*
 * stats.c - descriptive statistics through GSL.  MAD is the raw median
 * absolute deviation (not scaled by 1.4826); CV is sd / mean.  The CI of
 * the median comes from stats_infer.c (bootstrap).
 */
#include "stats.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void tb_stats_compute(const double *x, size_t n, struct tb_stats *st)
{
	tb_stats_compute_opts(x, n, NULL, st);
}

void tb_stats_compute_opts(const double *x, size_t n, const struct tb_boot_opts *bo,
			   struct tb_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->ci_low = st->ci_high = NAN;
	if (n == 0) {
		st->min = st->max = st->median = st->mean = st->sd = st->mad = NAN;
		st->cv = st->p5 = st->p25 = st->p75 = st->p95 = NAN;
		return;
	}
	double *s = malloc(n * sizeof(double));
	double *w = malloc(n * sizeof(double));
	if (!s || !w) {
		free(s);
		free(w);
		tb_stats_compute_opts(x, 0, bo, st);
		return;
	}
	memcpy(s, x, n * sizeof(double));
	gsl_sort(s, 1, n);
	st->min = s[0];
	st->max = s[n - 1];
	st->median = gsl_stats_median_from_sorted_data(s, 1, n);
	st->mean = gsl_stats_mean(s, 1, n);
	st->sd = n > 1 ? gsl_stats_sd_m(s, 1, n, st->mean) : 0.0;
	st->mad = gsl_stats_mad0(s, 1, n, w);
	st->cv = st->mean != 0 ? st->sd / st->mean : NAN;
	st->p5 = gsl_stats_quantile_from_sorted_data(s, 1, n, 0.05);
	st->p25 = gsl_stats_quantile_from_sorted_data(s, 1, n, 0.25);
	st->p75 = gsl_stats_quantile_from_sorted_data(s, 1, n, 0.75);
	st->p95 = gsl_stats_quantile_from_sorted_data(s, 1, n, 0.95);
	double iqr = st->p75 - st->p25;
	for (size_t i = 0; i < n; i++) {
		double v = s[i];
		if (v < st->p25 - 3 * iqr || v > st->p75 + 3 * iqr)
			st->outliers_severe++;
		else if (v < st->p25 - 1.5 * iqr || v > st->p75 + 1.5 * iqr)
			st->outliers_mild++;
	}
	free(s);
	free(w);
	if (tb_stats_median_ci(x, n, bo, &st->ci_low, &st->ci_high))
		st->ci_low = st->ci_high = NAN;
}
