/*
 * stats_runs.c - the figures of a case pooled from several runs (rounds,
 * --append): run boundaries and medians; the spread between runs (the CV
 * of their medians) beside the spread within one (the median of their
 * robust CVs); a gap test for a case whose samples fall into two separated
 * modes (a threaded case that waits for a descheduled worker some of the
 * time); and comparing two pooled sides with the run as the unit
 * (tb_stats_compare_runs): the Wilcoxon signed-rank test on paired log
 * ratios or the Mann-Whitney test on log run medians, each with its
 * Hodges-Lehmann estimate and distribution-free interval (order statistics
 * of the Walsh averages / pairwise differences at the exact null
 * distribution's critical value).
 */
#include "stats.h"

#include "describe.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EXACT_MAX_PAIRS 100 /* signed-rank null by counting up to here */

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

/* run i of x, sorted, into buf (room for its samples): its length */
static size_t sorted_run(const double *x, size_t n, size_t runs, const size_t *run_n, size_t i,
			 double *buf)
{
	size_t from, to;
	tb_stats_run_bounds(n, runs, run_n, i, &from, &to);
	if (to <= from)
		return 0;
	memcpy(buf, x + from, (to - from) * sizeof(double));
	gsl_sort(buf, 1, to - from);
	return to - from;
}

void tb_stats_run_medians(const double *x, size_t n, size_t runs, const size_t *run_n,
			  double *out)
{
	double *buf = malloc((n ? n : 1) * sizeof(double));
	for (size_t i = 0; i < runs; i++) {
		size_t len = buf ? sorted_run(x, n, runs, run_n, i, buf) : 0;
		out[i] = len ? gsl_stats_median_from_sorted_data(buf, 1, len) : NAN;
	}
	free(buf);
}

static double cv_of(const double *x, size_t n)
{
	double m = gsl_stats_mean(x, 1, n);
	return n >= 2 && m > 0 ? gsl_stats_sd_m(x, 1, n, m) / m : NAN;
}

/* the robust CV of samples: 1.4826 MAD / median (the CV of normal
 * samples, but a preempted sample 10x longer does not inflate it); buf
 * holds n values */
static double robust_cv(const double *x, size_t n, double *buf)
{
	if (n < 2)
		return NAN;
	double med, mad;
	memcpy(buf, x, n * sizeof(double));
	tb_median_mad(buf, n, &med, &mad);
	return med > 0 ? 1.482602218505602 * mad / med : NAN;
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
		size_t len = sorted_run(x, n, runs, run_n, i, buf);
		if (!len)
			break; /* a run without samples: no figure */
		med[k] = gsl_stats_median_from_sorted_data(buf, 1, len);
		cv[k] = robust_cv(buf, len, buf + n);
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

/* The log ratio of each pair of runs: when every run has as many samples
 * on both sides, the median of the log ratios of samples at the same
 * position (runs that took turns, `run --turns`, measured them
 * microseconds apart, so load that comes and goes within a run cancels
 * too); else the log ratio of the run medians.  -1 when a value is not
 * positive. */
static int pair_logs(const double *a, size_t na, const size_t *alen, const double *b, size_t nb,
		     const size_t *blen, size_t runs, const double *ma, const double *mb, double *d)
{
	bool same = true;
	for (size_t r = 0; r < runs && same; r++) {
		size_t f1, t1, f2, t2;
		tb_stats_run_bounds(na, runs, alen, r, &f1, &t1);
		tb_stats_run_bounds(nb, runs, blen, r, &f2, &t2);
		same = t1 - f1 == t2 - f2 && t1 > f1;
	}
	double *t = same ? malloc(na * sizeof(double)) : NULL;
	for (size_t r = 0; r < runs; r++) {
		if (!t) {
			if (!(ma[r] > 0) || !(mb[r] > 0))
				return -1;
			d[r] = log(mb[r] / ma[r]);
			continue;
		}
		size_t fa, ta, fb, tb;
		tb_stats_run_bounds(na, runs, alen, r, &fa, &ta);
		tb_stats_run_bounds(nb, runs, blen, r, &fb, &tb);
		for (size_t i = 0; i < ta - fa; i++) {
			double x = a[fa + i], y = b[fb + i];
			if (!(x > 0) || !(y > 0)) {
				free(t);
				return -1;
			}
			t[i] = log(y / x);
		}
		gsl_sort(t, 1, ta - fa);
		d[r] = gsl_stats_median_from_sorted_data(t, 1, ta - fa);
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

int tb_stats_compare_runs(const double *a, size_t na, size_t ra, const size_t *alen,
			  const double *b, size_t nb, size_t rb, const size_t *blen, double level,
			  struct tb_runs_cmp *out)
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
	tb_stats_run_medians(a, na, ra, alen, x);
	tb_stats_run_medians(b, nb, rb, blen, y);
	out->paired = ra == rb;
	out->n = out->paired ? ra : ra * rb;
	if (out->paired) {
		double *d = malloc(ra * sizeof(double));
		rc = !d || pair_logs(a, na, alen, b, nb, blen, ra, x, y, d) ? -1 : paired(d, ra, level, out);
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
