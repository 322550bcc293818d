/*
 * stats_runs.c - comparing two sides pooled from several runs with the run
 * as the unit (stats.h: tb_stats_compare_runs): run medians, the Wilcoxon
 * signed-rank test on paired log ratios or the Mann-Whitney test on log run
 * medians, each with its Hodges-Lehmann estimate and distribution-free
 * interval (order statistics of the Walsh averages / pairwise differences
 * at the exact null distribution's critical value).
 */
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_MAX_PAIRS 100 /* signed-rank null by counting up to here */

void tb_stats_run_medians(const double *x, size_t n, size_t runs, double *out)
{
	double *buf = malloc((n / runs + 2) * sizeof(double));
	for (size_t i = 0; i < runs; i++) {
		size_t from = i * n / runs, to = (i + 1) * n / runs;
		if (!buf || to == from) {
			out[i] = NAN;
			continue;
		}
		memcpy(buf, x + from, (to - from) * sizeof(double));
		gsl_sort(buf, 1, to - from);
		out[i] = gsl_stats_median_from_sorted_data(buf, 1, to - from);
	}
	free(buf);
}

/* the largest C with P(T <= C) <= tail, for a null given as probabilities
 * of 0..len-1; -1 when even P(T <= 0) is larger */
static long critical(const double *prob, size_t len, double tail)
{
	double cum = 0;
	long c = -1;
	for (size_t k = 0; k < len; k++) {
		cum += prob[k];
		if (cum > tail * (1 + 1e-12))
			break;
		c = (long)k;
	}
	return c;
}

/* the signed-rank null for n pairs: P(T+ = k), k = 0 .. n(n+1)/2 */
static double *signed_rank_null(size_t n)
{
	size_t len = n * (n + 1) / 2 + 1;
	double *c = calloc(len, sizeof(double));
	if (!c)
		return NULL;
	c[0] = 1;
	for (size_t r = 1; r <= n; r++) /* subsets of 1..r by sum */
		for (size_t k = len; k-- > r;)
			c[k] += c[k - r];
	double total = ldexp(1.0, (int)n);
	for (size_t k = 0; k < len; k++)
		c[k] /= total;
	return c;
}

struct ranked {
	double a;
	int pos;
};

static int cmp_ranked(const void *x, const void *y)
{
	double a = ((const struct ranked *)x)->a, b = ((const struct ranked *)y)->a;
	return (a > b) - (a < b);
}

/* Wilcoxon signed-rank on d: p two-sided; exact when n <= EXACT_MAX_PAIRS
 * and there are no zeros or ties in |d| */
static int signed_rank(const double *d, size_t n, double *p, bool *exact)
{
	struct ranked *t = malloc(n * sizeof(*t));
	if (!t)
		return -1;
	size_t nz = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i] != 0)
			t[nz++] = (struct ranked){fabs(d[i]), d[i] > 0};
	bool ties = nz < n;
	qsort(t, nz, sizeof(*t), cmp_ranked);
	double tplus = 0, tie_term = 0;
	for (size_t i = 0; i < nz;) {
		size_t j = i;
		while (j + 1 < nz && t[j + 1].a == t[i].a)
			j++;
		double len = (double)(j - i + 1), rank = (double)(i + j) / 2 + 1;
		ties = ties || len > 1;
		tie_term += len * len * len - len;
		for (size_t k = i; k <= j; k++)
			if (t[k].pos)
				tplus += rank;
		i = j + 1;
	}
	free(t);
	double m = (double)nz;
	*exact = !ties && n <= EXACT_MAX_PAIRS;
	if (nz == 0) {
		*p = 1;
		return 0;
	}
	if (*exact) {
		double *c = signed_rank_null(n);
		if (!c)
			return -1;
		size_t len = n * (n + 1) / 2 + 1, t0 = (size_t)llround(tplus);
		double lo = 0, hi = 0;
		for (size_t k = 0; k < len; k++) {
			if (k <= t0)
				lo += c[k];
			if (k >= t0)
				hi += c[k];
		}
		free(c);
		*p = fmin(1.0, 2 * fmin(lo, hi));
		return 0;
	}
	double mean = m * (m + 1) / 4, var = m * (m + 1) * (2 * m + 1) / 24 - tie_term / 48;
	if (var <= 0) {
		*p = 1;
		return 0;
	}
	double z = fmax(0, fabs(tplus - mean) - 0.5) / sqrt(var);
	*p = fmin(1.0, 2 * gsl_cdf_ugaussian_Q(z));
	return 0;
}

/* median and the [c, M-1-c] order statistics of the M values v (sorted here) */
static void hl(double *v, size_t M, long c, struct tb_runs_cmp *o)
{
	gsl_sort(v, 1, M);
	o->ratio = exp(gsl_stats_median_from_sorted_data(v, 1, M));
	if (c >= 0 && (size_t)c < M - 1 - (size_t)c) {
		o->ci_low = exp(v[c]);
		o->ci_high = exp(v[M - 1 - (size_t)c]);
	}
}

/* d: the n per-pair log ratios */
static int paired(double *d, size_t n, double level, struct tb_runs_cmp *o)
{
	size_t M = n * (n + 1) / 2;
	double *w = malloc(M * sizeof(double));
	int rc = -1;
	if (!w)
		goto out;
	if (signed_rank(d, n, &o->p, &o->exact))
		goto out;
	o->min_p = fmin(1.0, 2 * ldexp(1.0, -(int)(n < 1000 ? n : 1000)));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i; j < n; j++)
			w[k++] = (d[i] + d[j]) / 2;
	double tail = (1 - level) / 2;
	long c;
	if (n <= EXACT_MAX_PAIRS) {
		double *nul = signed_rank_null(n);
		if (!nul)
			goto out;
		c = critical(nul, M + 1, tail);
		free(nul);
	} else {
		double nn = (double)n;
		c = (long)floor(nn * (nn + 1) / 4 -
				gsl_cdf_ugaussian_Qinv(tail) * sqrt(nn * (nn + 1) * (2 * nn + 1) / 24));
	}
	hl(w, M, c, o);
	rc = 0;
out:
	free(w);
	return rc;
}

/* The log ratio of each pair of runs: with as many samples per run on both
 * sides, the median of the log ratios of samples at the same position
 * (runs that took turns, `run --turns`, measured them microseconds apart,
 * so load that comes and goes within a run cancels too); else the log
 * ratio of the run medians.  -1 when a value is not positive. */
static int pair_logs(const double *a, size_t na, const double *b, size_t nb, size_t runs,
		     const double *ma, const double *mb, double *d)
{
	size_t s = na / runs;
	bool same = na == nb && na % runs == 0 && s >= 1;
	double *t = same ? malloc(s * sizeof(double)) : NULL;
	for (size_t r = 0; r < runs; r++) {
		if (!t) {
			if (!(ma[r] > 0) || !(mb[r] > 0))
				return -1;
			d[r] = log(mb[r] / ma[r]);
			continue;
		}
		for (size_t i = 0; i < s; i++) {
			double x = a[r * s + i], y = b[r * s + i];
			if (!(x > 0) || !(y > 0)) {
				free(t);
				return -1;
			}
			t[i] = log(y / x);
		}
		gsl_sort(t, 1, s);
		d[r] = gsl_stats_median_from_sorted_data(t, 1, s);
	}
	free(t);
	return 0;
}

static int unpaired(const double *x, size_t m, const double *y, size_t n, double level,
		    struct tb_runs_cmp *o)
{
	struct tb_mw mw;
	size_t M = m * n;
	double *dif = malloc(M * sizeof(double));
	if (!dif || tb_stats_mann_whitney(y, n, x, m, &mw)) {
		free(dif);
		return -1;
	}
	o->p = mw.p;
	o->exact = mw.exact;
	o->min_p = tb_stats_mw_min_p(m, n);
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < n; j++)
			dif[i * n + j] = y[j] - x[i];
	double tail = (1 - level) / 2;
	long c;
	if (M <= TB_MW_EXACT_MAX) {
		double *nul = tb_stats_mw_null(m, n);
		if (!nul) {
			free(dif);
			return -1;
		}
		c = critical(nul, M + 1, tail);
		free(nul);
	} else {
		double mm = (double)m, nn = (double)n;
		c = (long)floor(mm * nn / 2 -
				gsl_cdf_ugaussian_Qinv(tail) * sqrt(mm * nn * (mm + nn + 1) / 12));
	}
	hl(dif, M, c, o);
	free(dif);
	return 0;
}

int tb_stats_compare_runs(const double *a, size_t na, size_t ra, const double *b, size_t nb,
			  size_t rb, double level, struct tb_runs_cmp *out)
{
	memset(out, 0, sizeof(*out));
	out->ratio = out->ci_low = out->ci_high = out->p = NAN;
	out->min_p = 1;
	if (ra < 2 || rb < 2 || na < ra || nb < rb)
		return -1;
	double *x = malloc(ra * sizeof(double)), *y = malloc(rb * sizeof(double));
	int rc = -1;
	if (!x || !y)
		goto out;
	tb_stats_run_medians(a, na, ra, x);
	tb_stats_run_medians(b, nb, rb, y);
	out->paired = ra == rb;
	out->n = out->paired ? ra : ra * rb;
	if (out->paired) {
		double *d = malloc(ra * sizeof(double));
		rc = !d || pair_logs(a, na, b, nb, ra, x, y, d) ? -1 : paired(d, ra, level, out);
		free(d);
		goto out;
	}
	for (size_t i = 0; i < ra || i < rb; i++)
		if ((i < ra && !(x[i] > 0)) || (i < rb && !(y[i] > 0)))
			goto out; /* a run without a positive median: no log ratio */
	for (size_t i = 0; i < ra; i++)
		x[i] = log(x[i]);
	for (size_t i = 0; i < rb; i++)
		y[i] = log(y[i]);
	rc = unpaired(x, ra, y, rb, level, out);
out:
	free(x);
	free(y);
	return rc;
}
