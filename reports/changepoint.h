/*
 * changepoint.h - change-point detection in a series of measurements (one
 * value per run, in time order): E-Divisive means (Matteson & James 2014,
 * as MongoDB's performance CI uses it, Daly et al. ICPE 2020) with a
 * permutation test for each change, and a log-linear trend for slow drift.
 * Pure numerics on a double array; GSL does the random permutations and
 * the t distribution.  It knows nothing of commits or databases.
 */
#ifndef TB_CHANGEPOINT_H
#define TB_CHANGEPOINT_H

#include <stddef.h>
#include <stdint.h>

#define TB_CP_MAX_N 1000 /* the longest series tb_cp_detect takes (O(n^2) memory) */

struct tb_cp_opts {
	double alpha;        /* a change needs a permutation p-value below this (0.01) */
	size_t permutations; /* permutations per test (999) */
	size_t min_size;     /* the fewest points a segment may have, >= 2 (3) */
	uint64_t seed;       /* permutation generator seed (1): same input, same answer */
};

void tb_cp_defaults(struct tb_cp_opts *o);

struct tb_changepoint {
	size_t at;            /* index of the first point after the change */
	double p;             /* permutation p-value of the split when it was found */
	double before, after; /* medians of the segments on either side (final split) */
};

/* Changes in x[0..n), ordered by position.  Divisive: the best split of
 * any segment (the largest energy statistic q) is tested by permuting that
 * segment; when p < alpha it is kept and the search continues in the two
 * halves, else the search ends.  Non-finite values are not allowed.  *out
 * is malloc'd (NULL when none).  0, or -1 on out of memory, bad options or
 * n > TB_CP_MAX_N. */
int tb_cp_detect(const double *x, size_t n, const struct tb_cp_opts *o,
		 struct tb_changepoint **out, size_t *nout);

/* The best change in x[0..n): the position t of the best split of x[0..n)
 * into A = x[0..t) and B = x[t..k) of at least min_size points each, for
 * the best k <= n, and its statistic q (0 when n < 2 * min_size). */
size_t tb_cp_best_split(const double *x, size_t n, size_t min_size, double *q);

struct tb_trend {
	double per_point; /* relative change per point (exp(slope) - 1 of log x) */
	double total;     /* relative change from the first point to the last */
	double p;         /* two-sided p-value of the slope (t test); NaN when n < 3 */
	double sse;       /* sum of squared residuals of log x around the line */
};

/* Least-squares line through log(x) against the index (x > 0). */
int tb_cp_trend(const double *x, size_t n, struct tb_trend *t);

#endif
