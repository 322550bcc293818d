/*
 * stats.h - statistics of samples (GSL): descriptive figures (min, median,
 * mean, sd, MAD, CV, quantiles, Tukey outlier counts, bootstrap CI of the
 * median) and the inference used by comparisons (bootstrap CI of a ratio of
 * medians, Mann-Whitney U test).
 */
#ifndef TB_STATS_H
#define TB_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The descriptive figures of one case's samples (ns per call). */
struct tb_stats {
	double min, max, median, mean, sd, mad, cv;
	double p5, p25, p75, p95;
	double ci_low, ci_high; /* CI of the median; NaN when not computed */
	size_t outliers_mild, outliers_severe; /* Tukey: 1.5 and 3 IQR */
};

/* Bootstrap settings (percentile method, GSL mt19937 with a fixed seed so
 * every figure can be reproduced). */
#define TB_BOOT_RESAMPLES 2000
#define TB_BOOT_LEVEL 0.95
#define TB_BOOT_SEED 1
#define TB_BOOT_MIN_N 3         /* fewer samples: no CI (NaN) */
#define TB_BOOT_MAX_N 100000    /* more samples: order-statistic CI instead */

struct tb_boot_opts {
	size_t resamples; /* >= 100 */
	double level;     /* in (0, 1) */
	uint64_t seed;
};

void tb_boot_defaults(struct tb_boot_opts *o);

/* x is not modified; n == 0 gives NaNs.  The CI of the median uses the
 * default bootstrap settings. */
void tb_stats_compute(const double *x, size_t n, struct tb_stats *st);
/* The same with explicit bootstrap settings (NULL = defaults). */
void tb_stats_compute_opts(const double *x, size_t n, const struct tb_boot_opts *bo,
			   struct tb_stats *st);

/* Bootstrap percentile CI of the median of x.  NaNs when n < TB_BOOT_MIN_N;
 * beyond TB_BOOT_MAX_N samples the distribution-free order-statistic
 * interval (binomial, normal approximation) is used instead.  0, or -1 when
 * out of memory. */
int tb_stats_median_ci(const double *x, size_t n, const struct tb_boot_opts *o, double *lo,
		       double *hi);

/* Bootstrap percentile CI of median(b) / median(a), each side resampled
 * independently with the circular block bootstrap (blocks of
 * tb_stats_block_len(n) consecutive samples, so slow drift within a run -
 * load on a shared machine - widens the interval instead of hiding in it).
 * Samples must be in time order.  NaNs when either side has fewer than
 * TB_BOOT_MIN_N. */
int tb_stats_ratio_ci(const double *a, size_t na, const double *b, size_t nb,
		      const struct tb_boot_opts *o, double *lo, double *hi);
/* The same when a side pools the samples of several runs (ra, rb >= 1; the
 * runs' samples consecutive, in order): a side of two or more runs is
 * resampled by whole runs (cluster bootstrap: the samples split into that
 * many consecutive equal shares), so the run-to-run spread of a shared
 * machine - another clock bin, another core - widens the interval as it
 * should; a side of one run is resampled in blocks as above. */
int tb_stats_ratio_ci_runs(const double *a, size_t na, size_t ra, const double *b, size_t nb,
			   size_t rb, const struct tb_boot_opts *o, double *lo, double *hi);

/* block length of the ratio bootstrap: ceil(sqrt(n)) */
size_t tb_stats_block_len(size_t n);

struct tb_mw {
	double u;     /* U of sample a: pairs (a_i, b_j) with a_i > b_j, ties count 1/2 */
	double z;     /* normal score (NaN when exact) */
	double p;     /* two-sided p-value */
	bool exact;   /* exact null distribution (no ties, na*nb <= TB_MW_EXACT_MAX) */
};

#define TB_MW_EXACT_MAX 10000

/* Mann-Whitney U (Wilcoxon rank-sum) test of a against b, two-sided.
 * Exact distribution when there are no ties and na*nb <= TB_MW_EXACT_MAX;
 * otherwise the normal approximation with tie correction and continuity
 * correction.  0, or -1 (na or nb is 0, or out of memory). */
int tb_stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
			  struct tb_mw *res);
/* The smallest two-sided p-value the test can give for these counts
 * (2 / C(na+nb, na)): if it is not below alpha, no verdict is possible. */
double tb_stats_mw_min_p(size_t na, size_t nb);
/* The null distribution of U for sizes m, n without ties: m*n + 1
 * probabilities (malloc'd; coefficients of the Gaussian binomial
 * [m+n choose m]_q), or NULL when out of memory. */
double *tb_stats_mw_null(size_t m, size_t n);

/* Two sides pooled from several runs each (ra, rb >= 2; a run's samples
 * consecutive, runs in order): the run is the unit.  With as many runs on
 * both sides the runs are paired by position (run i of each side measured
 * together, as rounds are) and each pair gives one log ratio: the median
 * of the log ratios of its samples at the same position when both runs
 * have as many samples (runs that took turns measured those microseconds
 * apart), else the log ratio of the run medians; the Wilcoxon signed-rank
 * test and its Hodges-Lehmann estimate and interval are computed on them,
 * so load that moves both members of a pair cancels.  Otherwise each run
 * is reduced to its median and the Mann-Whitney test and its
 * Hodges-Lehmann shift apply to the log run medians.  Distribution-free,
 * exact when small and without ties. */
struct tb_runs_cmp {
	bool paired;
	size_t n;              /* pairs, or runs of a x runs of b */
	double ratio;          /* Hodges-Lehmann estimate of median(b) / median(a) */
	double ci_low, ci_high; /* its interval at the level (NaN: too few runs for it) */
	double p;              /* two-sided */
	double min_p;          /* the smallest p these counts allow */
	bool exact;
};
int tb_stats_compare_runs(const double *a, size_t na, size_t ra, const double *b, size_t nb,
			  size_t rb, double level, struct tb_runs_cmp *out);
/* the median of each of the runs equal consecutive shares of x (out: runs) */
void tb_stats_run_medians(const double *x, size_t n, size_t runs, double *out);

#endif
