/*
 * stats_runs.c - the figures of a case pooled from several processes: run
 * boundaries, the spread between runs (the CV of their medians) beside the
 * spread within one (the median of their robust CVs), and a gap test for a case
 * whose samples fall into two separated modes (a threaded case that waits
 * for a descheduled worker some of the time).
 */
#include "stats.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void tb_stats_run_bounds(size_t n, size_t runs, const size_t *run_n, size_t i, size_t *from,
			 size_t *to)
{
	if (!run_n) {
		*from = i * n / runs;
		*to = (i + 1) * n / runs;
		return;
	}
	size_t s = 0;
	for (size_t k = 0; k < i; k++)
		s += run_n[k];
	*from = s < n ? s : n;
	*to = s + run_n[i] < n ? s + run_n[i] : n;
}

static double cv_of(const double *x, size_t n)
{
	double m = gsl_stats_mean(x, 1, n);
	return n >= 2 && m > 0 ? gsl_stats_sd_m(x, 1, n, m) / m : NAN;
}

/* the robust CV of sorted samples: 1.4826 MAD / median (the CV of normal
 * samples, but a preempted sample 10x longer does not inflate it); buf
 * holds n values */
static double robust_cv(const double *sorted, size_t n, double *buf)
{
	if (n < 2)
		return NAN;
	double med = gsl_stats_median_from_sorted_data(sorted, 1, n);
	for (size_t i = 0; i < n; i++)
		buf[i] = fabs(sorted[i] - med);
	gsl_sort(buf, 1, n);
	return med > 0 ? 1.482602218505602 * gsl_stats_median_from_sorted_data(buf, 1, n) / med : NAN;
}

void tb_stats_run_spread(const double *x, size_t n, size_t runs, const size_t *run_n,
			 double *between_cv, double *within_cv)
{
	*between_cv = *within_cv = NAN;
	if (runs < 2 || !n)
		return;
	double *med = malloc(runs * sizeof(double)), *cv = malloc(runs * sizeof(double));
	double *buf = malloc(2 * n * sizeof(double));
	size_t k = 0;
	for (size_t i = 0; med && cv && buf && i < runs; i++) {
		size_t from, to;
		tb_stats_run_bounds(n, runs, run_n, i, &from, &to);
		if (to <= from)
			break; /* a run without samples: no figure */
		memcpy(buf, x + from, (to - from) * sizeof(double));
		gsl_sort(buf, 1, to - from);
		med[k] = gsl_stats_median_from_sorted_data(buf, 1, to - from);
		cv[k] = robust_cv(buf, to - from, buf + n);
		k++;
	}
	if (k == runs) {
		*between_cv = cv_of(med, k);
		size_t m = 0;
		for (size_t i = 0; i < k; i++)
			if (!isnan(cv[i]))
				cv[m++] = cv[i];
		if (m) {
			gsl_sort(cv, 1, m);
			*within_cv = gsl_stats_median_from_sorted_data(cv, 1, m);
		}
	}
	free(med);
	free(cv);
	free(buf);
}

double tb_stats_bimodal(const double *x, size_t n)
{
	if (n < TB_BIMODAL_MIN_N)
		return NAN;
	double *s = malloc(n * sizeof(double));
	if (!s)
		return NAN;
	memcpy(s, x, n * sizeof(double));
	gsl_sort(s, 1, n);
	size_t side = (size_t)ceil(TB_BIMODAL_SIDE * (double)n);
	if (side < 2)
		side = 2;
	double best = 0;
	size_t at = 0;
	/* the gap between s[i] and s[i + 1], with i + 1 >= side below it and
	 * n - i - 1 >= side above it */
	for (size_t i = side - 1; i + side < n; i++)
		if (s[i] > 0 && s[i + 1] / s[i] > best) {
			best = s[i + 1] / s[i];
			at = i;
		}
	free(s);
	return best >= TB_BIMODAL_GAP ? (double)(n - at - 1) / (double)n : NAN;
}
