/*
 * stats_infer.c - inference for comparisons: bootstrap percentile CIs (of
 * a median, of a ratio of medians) with a seeded GSL generator, and the
 * Mann-Whitney U test (exact for small samples without ties, else normal
 * approximation with tie and continuity corrections).
 */
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void tb_boot_defaults(struct tb_boot_opts *o)
{
	o->resamples = TB_BOOT_RESAMPLES;
	o->level = TB_BOOT_LEVEL;
	o->seed = TB_BOOT_SEED;
}

static gsl_rng *new_rng(uint64_t seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	if (r)
		gsl_rng_set(r, (unsigned long)seed);
	return r;
}

/* median of a resample with replacement of x (n values), using buf: blocks
 * of `block` consecutive samples from random starts, wrapping around
 * (circular block bootstrap; block 1 is the ordinary bootstrap) */
static double resample_median(const double *x, size_t n, size_t block, gsl_rng *rng,
			      double *buf)
{
	for (size_t i = 0; i < n;) {
		size_t s = gsl_rng_uniform_int(rng, n);
		for (size_t j = 0; j < block && i < n; j++, i++)
			buf[i] = x[(s + j) % n];
	}
	return gsl_stats_median(buf, 1, n);
}

/* one side of a ratio: n samples pooled from runs runs (their counts in
 * len, or NULL for equal shares); starts[runs + 1] the runs' boundaries */
struct side {
	const double *x;
	size_t n, runs, *starts;
};

static int side_init(struct side *s, const double *x, size_t n, size_t runs, const size_t *len)
{
	*s = (struct side){.x = x, .n = n, .runs = runs};
	if (runs < 2 || runs > n)
		return 0;
	if (!(s->starts = malloc((runs + 1) * sizeof(size_t))))
		return -1;
	for (size_t i = 0; i < runs; i++)
		tb_stats_run_bounds(n, runs, len, i, &s->starts[i], &s->starts[i + 1]);
	return 0;
}

/* median of a resample of a side by whole runs: `runs` runs drawn with
 * replacement, each with all its samples; buf holds side_room() values */
static double resample_runs_median(const struct side *s, gsl_rng *rng, double *buf)
{
	size_t k = 0;
	for (size_t i = 0; i < s->runs; i++) {
		size_t r = gsl_rng_uniform_int(rng, s->runs);
		size_t from = s->starts[r], to = s->starts[r + 1];
		memcpy(buf + k, s->x + from, (to - from) * sizeof(double));
		k += to - from;
	}
	return k ? gsl_stats_median(buf, 1, k) : NAN;
}

static double resample_side(const struct side *s, gsl_rng *rng, double *buf)
{
	if (s->starts)
		return resample_runs_median(s, rng, buf);
	return resample_median(s->x, s->n, tb_stats_block_len(s->n), rng, buf);
}

/* room a resample of s may need: runs x its largest run, or n */
static size_t side_room(const struct side *s)
{
	size_t big = 0;
	for (size_t i = 0; s->starts && i < s->runs; i++)
		if (s->starts[i + 1] - s->starts[i] > big)
			big = s->starts[i + 1] - s->starts[i];
	return s->starts ? big * s->runs : s->n;
}

size_t tb_stats_block_len(size_t n)
{
	size_t b = (size_t)ceil(sqrt((double)n));
	return b ? b : 1;
}

static void percentile_ci(double *v, size_t r, double level, double *lo, double *hi)
{
	gsl_sort(v, 1, r);
	*lo = gsl_stats_quantile_from_sorted_data(v, 1, r, (1 - level) / 2);
	*hi = gsl_stats_quantile_from_sorted_data(v, 1, r, (1 + level) / 2);
}

/* distribution-free CI of the median from order statistics (large n) */
static int order_stat_ci(const double *x, size_t n, double level, double *lo, double *hi)
{
	double *s = malloc(n * sizeof(double));
	if (!s)
		return -1;
	memcpy(s, x, n * sizeof(double));
	gsl_sort(s, 1, n);
	double z = gsl_cdf_ugaussian_Pinv((1 + level) / 2);
	double half = z * sqrt((double)n) / 2;
	double j = floor((double)n / 2 - half), k = ceil((double)n / 2 + half);
	if (j < 0)
		j = 0;
	if (k > (double)n - 1)
		k = (double)n - 1;
	*lo = s[(size_t)j];
	*hi = s[(size_t)k];
	free(s);
	return 0;
}

static void opts_or_default(const struct tb_boot_opts *o, struct tb_boot_opts *out)
{
	if (o)
		*out = *o;
	else
		tb_boot_defaults(out);
	if (out->resamples < 100)
		out->resamples = 100;
	if (!(out->level > 0 && out->level < 1))
		out->level = TB_BOOT_LEVEL;
}

int tb_stats_median_ci(const double *x, size_t n, const struct tb_boot_opts *o, double *lo,
		       double *hi)
{
	struct tb_boot_opts bo;
	opts_or_default(o, &bo);
	*lo = *hi = NAN;
	if (n < TB_BOOT_MIN_N)
		return 0;
	if (n > TB_BOOT_MAX_N)
		return order_stat_ci(x, n, bo.level, lo, hi);
	double *buf = malloc(n * sizeof(double));
	double *med = malloc(bo.resamples * sizeof(double));
	gsl_rng *rng = new_rng(bo.seed);
	int rc = -1;
	if (buf && med && rng) {
		for (size_t r = 0; r < bo.resamples; r++)
			med[r] = resample_median(x, n, 1, rng, buf);
		percentile_ci(med, bo.resamples, bo.level, lo, hi);
		rc = 0;
	}
	free(buf);
	free(med);
	if (rng)
		gsl_rng_free(rng);
	return rc;
}

int tb_stats_ratio_ci(const double *a, size_t na, const double *b, size_t nb,
		      const struct tb_boot_opts *o, double *lo, double *hi)
{
	return tb_stats_ratio_ci_runs(a, na, 1, NULL, b, nb, 1, NULL, o, lo, hi);
}

int tb_stats_ratio_ci_runs(const double *a, size_t na, size_t ra, const size_t *alen,
			   const double *b, size_t nb, size_t rb, const size_t *blen,
			   const struct tb_boot_opts *o, double *lo, double *hi)
{
	struct tb_boot_opts bo;
	opts_or_default(o, &bo);
	*lo = *hi = NAN;
	if (na < TB_BOOT_MIN_N || nb < TB_BOOT_MIN_N)
		return 0;
	/* large sets: resample a bounded subset size would change the figure,
	 * so resample in full but with fewer resamples */
	size_t rs = bo.resamples;
	if ((na + nb) * rs > (size_t)400e6)
		rs = 100 + (size_t)(400e6 / (double)(na + nb));
	struct side sa = {0}, sb = {0};
	int rc = -1;
	double *buf = NULL, *ratio = NULL;
	gsl_rng *rng = NULL;
	if (side_init(&sa, a, na, ra, alen) || side_init(&sb, b, nb, rb, blen))
		goto out;
	size_t big = side_room(&sa) > side_room(&sb) ? side_room(&sa) : side_room(&sb);
	buf = malloc((big ? big : 1) * sizeof(double));
	ratio = malloc(rs * sizeof(double));
	rng = new_rng(bo.seed);
	if (buf && ratio && rng) {
		size_t k = 0;
		for (size_t r = 0; r < rs; r++) {
			double ma = resample_side(&sa, rng, buf);
			double mb = resample_side(&sb, rng, buf);
			if (ma > 0 && mb >= 0)
				ratio[k++] = mb / ma;
		}
		if (k >= 2)
			percentile_ci(ratio, k, bo.level, lo, hi);
		rc = 0;
	}
out:
	free(sa.starts);
	free(sb.starts);
	free(buf);
	free(ratio);
	if (rng)
		gsl_rng_free(rng);
	return rc;
}

/* ---- Mann-Whitney U ---- */

struct tagged {
	double v;
	int from_a;
};

static int cmp_tagged(const void *x, const void *y)
{
	double a = ((const struct tagged *)x)->v, b = ((const struct tagged *)y)->v;
	return (a > b) - (a < b);
}

double *tb_stats_mw_null(size_t m, size_t n)
{
	size_t len = m * n + 1;
	double *c = calloc(len, sizeof(double));
	if (!c)
		return NULL;
	c[0] = 1;
	for (size_t i = 1; i <= m; i++) {
		size_t a = n + i; /* multiply by (1 - q^a), truncated to len */
		for (size_t k = len; k-- > a;)
			c[k] -= c[k - a];
		for (size_t k = i; k < len; k++) /* divide by (1 - q^i) */
			c[k] += c[k - i];
	}
	double total = 0;
	for (size_t k = 0; k < len; k++) {
		c[k] = c[k] > 0 ? c[k] : 0; /* rounding can leave a tiny negative */
		total += c[k];
	}
	for (size_t k = 0; k < len; k++)
		c[k] /= total;
	return c;
}

/* P(U <= u) under the null for sizes m, n without ties */
static int exact_cdf(size_t m, size_t n, double u, double *p)
{
	double *c = tb_stats_mw_null(m, n);
	if (!c)
		return -1;
	double below = 0;
	for (size_t k = 0; k <= m * n && (double)k <= u + 1e-9; k++)
		below += c[k];
	free(c);
	*p = below;
	return 0;
}

int tb_stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
			  struct tb_mw *res)
{
	memset(res, 0, sizeof(*res));
	res->z = res->p = res->u = NAN;
	if (!na || !nb)
		return -1;
	size_t n = na + nb;
	struct tagged *t = malloc(n * sizeof(*t));
	if (!t)
		return -1;
	for (size_t i = 0; i < na; i++)
		t[i] = (struct tagged){a[i], 1};
	for (size_t j = 0; j < nb; j++)
		t[na + j] = (struct tagged){b[j], 0};
	qsort(t, n, sizeof(*t), cmp_tagged);
	double rank_a = 0, ties = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && t[j + 1].v == t[i].v)
			j++;
		double tl = (double)(j - i + 1), avg = (double)(i + j) / 2 + 1;
		for (size_t k = i; k <= j; k++)
			if (t[k].from_a)
				rank_a += avg;
		ties += tl * tl * tl - tl;
		i = j + 1;
	}
	free(t);
	double m = (double)na, nn = (double)nb, N = (double)n;
	res->u = rank_a - m * (m + 1) / 2;
	double mean = m * nn / 2;
	if (ties == 0 && na * nb <= TB_MW_EXACT_MAX) {
		double lower;
		if (exact_cdf(na, nb, fmin(res->u, m * nn - res->u), &lower))
			return -1;
		res->exact = true;
		res->p = fmin(1.0, 2 * lower);
		return 0;
	}
	double var = m * nn / 12 * ((N + 1) - ties / (N * (N - 1)));
	if (var <= 0) { /* every value equal */
		res->z = 0;
		res->p = 1;
		return 0;
	}
	double d = fabs(res->u - mean) - 0.5;
	if (d < 0)
		d = 0;
	res->z = (res->u - mean) / sqrt(var);
	res->p = fmin(1.0, 2 * gsl_cdf_ugaussian_Q(d / sqrt(var)));
	return 0;
}

double tb_stats_mw_min_p(size_t na, size_t nb)
{
	if (!na || !nb)
		return 1;
	return fmin(1.0, 2 * exp(-gsl_sf_lnchoose((unsigned)(na + nb), (unsigned)na)));
}
