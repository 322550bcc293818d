/*
 * changepoint.c - E-Divisive means with a permutation test, and a
 * log-linear trend (see changepoint.h).
 *
 * For a segment y[0..m), a change at t is judged on A = y[0..t) against
 * B = y[t..k) for the best end k (Matteson & James: so a bump that goes
 * back down is seen too).  With D(i, j) = |y_i - y_j|, the energy statistic
 *   q(t, k) = |A||B| / (|A| + |B|) * (2/(|A||B|) sum_{A x B} D
 *                 - sum_{A pairs} D / C(|A|,2) - sum_{B pairs} D / C(|B|,2)).
 * A table of S(a, b) = sum_{i<a, j<b} D(i, j) makes every (t, k) O(1), so a
 * segment costs O(m^2) time and memory (hence TB_CP_MAX_N).
 */
#include "changepoint.h"

#include "describe.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void tb_cp_defaults(struct tb_cp_opts *o)
{
	o->alpha = 0.01;
	o->permutations = 999;
	o->min_size = 3;
	o->seed = 1;
}

/* best split of y[0..m) with the table S ((m+1)^2 doubles) as workspace */
static size_t best_split(const double *y, size_t m, size_t min_size, double *q, double *S)
{
	*q = 0;
	if (min_size < 2 || m < 2 * min_size)
		return 0;
	size_t w = m + 1;
	for (size_t b = 0; b <= m; b++)
		S[b] = 0;
	for (size_t a = 0; a < m; a++) {
		double *prev = S + a * w, *cur = S + (a + 1) * w;
		cur[0] = 0;
		double row = 0; /* sum_{j<b} D(a, j) */
		for (size_t b = 0; b < m; b++) {
			row += fabs(y[a] - y[b]);
			cur[b + 1] = prev[b + 1] + row;
		}
	}
#define SS(a, b) S[(a) * w + (b)]
	size_t best = 0;
	for (size_t t = min_size; t + min_size <= m; t++) {
		double na = (double)t, wa = SS(t, t) / 2;
		for (size_t k = t + min_size; k <= m; k++) {
			double nb = (double)(k - t);
			double cross = SS(t, k) - SS(t, t);
			double wb = (SS(k, k) - 2 * SS(t, k) + SS(t, t)) / 2;
			double e = 2 * cross / (na * nb) - wa / (na * (na - 1) / 2) -
				   wb / (nb * (nb - 1) / 2);
			double qt = na * nb / (na + nb) * e;
			if (qt > *q * (1 + 1e-12)) { /* ties (rounding) keep the earlier split */
				*q = qt;
				best = t;
			}
		}
	}
#undef SS
	return best;
}

size_t tb_cp_best_split(const double *y, size_t m, size_t min_size, double *q)
{
	*q = 0;
	if (m > TB_CP_MAX_N)
		return 0;
	double *S = malloc((m + 1) * (m + 1) * sizeof(double));
	if (!S)
		return 0;
	size_t t = best_split(y, m, min_size, q, S);
	free(S);
	return t;
}

/* permutation p-value of the best split of y[0..m); stops as soon as the
 * answer cannot be below alpha any more */
static double permutation_p(const double *y, size_t m, double q, const struct tb_cp_opts *o,
			    gsl_rng *rng, double *buf, double *S)
{
	size_t r = o->permutations, exceed = 0, done;
	size_t give_up = (size_t)ceil(o->alpha * (double)(r + 1)); /* p >= alpha from here */
	memcpy(buf, y, m * sizeof(double));
	for (done = 0; done < r; done++) {
		gsl_ran_shuffle(rng, buf, m, sizeof(double));
		double qp;
		best_split(buf, m, o->min_size, &qp, S);
		if (qp >= q && ++exceed + 1 >= give_up) {
			done++;
			return fmax(o->alpha, (double)(exceed + 1) / (double)(done + 1));
		}
	}
	return (double)(exceed + 1) / (double)(r + 1);
}

static int by_at(const void *a, const void *b)
{
	const struct tb_changepoint *x = a, *y = b;
	return (x->at > y->at) - (x->at < y->at);
}

static double median_of(const double *x, size_t n, double *buf)
{
	memcpy(buf, x, n * sizeof(double));
	return tb_median(buf, n);
}

int tb_cp_detect(const double *x, size_t n, const struct tb_cp_opts *o,
		 struct tb_changepoint **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	if (o->min_size < 2 || !(o->alpha > 0 && o->alpha < 1) || o->permutations < 1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return -1;
	if (n > TB_CP_MAX_N)
		return -1;
	if (n < 2 * o->min_size)
		return 0;
	/* segment boundaries: cut[0] = 0 < ... < cut[k] = n */
	size_t *cut = malloc((n + 1) * sizeof(*cut));
	struct tb_changepoint *cp = malloc(n * sizeof(*cp));
	double *buf = malloc(n * sizeof(double));
	double *S = malloc((n + 1) * (n + 1) * sizeof(double));
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!cut || !cp || !buf || !S || !rng) {
		free(cut);
		free(cp);
		free(buf);
		free(S);
		if (rng)
			gsl_rng_free(rng);
		return -1;
	}
	gsl_rng_set(rng, (unsigned long)o->seed);
	size_t ncut = 2, ncp = 0;
	cut[0] = 0;
	cut[1] = n;
	for (;;) {
		size_t seg = 0, at = 0;
		double q = 0;
		for (size_t s = 0; s + 1 < ncut; s++) {
			double qs;
			size_t t = best_split(x + cut[s], cut[s + 1] - cut[s], o->min_size, &qs, S);
			if (qs > q) {
				q = qs;
				seg = s;
				at = t;
			}
		}
		if (!(q > 0))
			break;
		size_t a = cut[seg], m = cut[seg + 1] - a;
		double p = permutation_p(x + a, m, q, o, rng, buf, S);
		if (!(p < o->alpha))
			break;
		cp[ncp++] = (struct tb_changepoint){.at = a + at, .p = p};
		memmove(&cut[seg + 2], &cut[seg + 1], (ncut - seg - 1) * sizeof(*cut));
		cut[seg + 1] = a + at;
		ncut++;
	}
	qsort(cp, ncp, sizeof(*cp), by_at);
	for (size_t i = 0; i < ncp; i++) {
		size_t lo = i ? cp[i - 1].at : 0, hi = i + 1 < ncp ? cp[i + 1].at : n;
		cp[i].before = median_of(x + lo, cp[i].at - lo, buf);
		cp[i].after = median_of(x + cp[i].at, hi - cp[i].at, buf);
	}
	free(cut);
	free(buf);
	free(S);
	gsl_rng_free(rng);
	if (!ncp)
		free(cp);
	else
		*out = cp;
	*nout = ncp;
	return 0;
}

int tb_cp_trend(const double *x, size_t n, struct tb_trend *t)
{
	t->per_point = t->total = t->p = t->sse = NAN;
	if (n < 3)
		return 0;
	double *lx = malloc(n * sizeof(double)), *ix = malloc(n * sizeof(double));
	if (!lx || !ix) {
		free(lx);
		free(ix);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		ix[i] = (double)i;
		lx[i] = x[i] > 0 ? log(x[i]) : NAN;
	}
	double c0, c1, cov00, cov01, cov11, sumsq;
	gsl_fit_linear(ix, 1, lx, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
	free(lx);
	free(ix);
	if (!isfinite(c1))
		return 0;
	t->per_point = expm1(c1);
	t->sse = sumsq;
	t->total = expm1(c1 * (double)(n - 1));
	if (cov11 > 0)
		t->p = 2 * gsl_cdf_tdist_Q(fabs(c1) / sqrt(cov11), (double)(n - 2));
	else
		t->p = c1 != 0 ? 0 : 1; /* a perfect line */
	return 0;
}
