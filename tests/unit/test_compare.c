/*
 * test_compare.c - inference (bootstrap CIs, Mann-Whitney U) against
 * reference values, and the comparison and its verdicts on synthetic
 * samples: clearly equal, clearly slower, noisy, too few, unmatched.
 * Reference p-values: brute-force enumeration of all rank arrangements
 * (exact) and the textbook tie-corrected normal formula, in Python.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reports/compare.h"
#include "reports/stats.h"

#define NEAR(a, b, tol) assert_true(fabs((double)(a) - (double)(b)) <= (tol))

static void mw_exact_small(void **state)
{
	(void)state;
	const double a[] = {1.1, 2.2, 3.3, 4.4}, b[] = {5.5, 0.5, 6.6, 7.7, 8.8};
	struct tb_mw r;
	assert_int_equal(tb_stats_mann_whitney(a, 4, b, 5, &r), 0);
	assert_true(r.exact);
	NEAR(r.u, 4, 0);
	NEAR(r.p, 0.19047619047619047, 1e-12); /* 2 * 12 / 126 */
	const double c[] = {12.1, 14.3, 11.0, 15.2, 13.8, 12.9, 16.0, 14.9};
	const double d[] = {10.2, 11.5, 9.8, 12.0, 10.9, 11.1, 13.0, 9.5, 10.0};
	assert_int_equal(tb_stats_mann_whitney(c, 8, d, 9, &r), 0);
	NEAR(r.u, 66, 0);
	NEAR(r.p, 0.0024681201151789387, 1e-12);
	/* symmetric: swapping the sides gives the same p and U' = mn - U */
	assert_int_equal(tb_stats_mann_whitney(d, 9, c, 8, &r), 0);
	NEAR(r.u, 72 - 66, 0);
	NEAR(r.p, 0.0024681201151789387, 1e-12);
	/* the most extreme arrangement of 3 vs 3: p = 2/20 */
	const double e[] = {1, 2, 3}, f[] = {4, 5, 6};
	assert_int_equal(tb_stats_mann_whitney(e, 3, f, 3, &r), 0);
	NEAR(r.p, 0.1, 1e-12);
	NEAR(tb_stats_mw_min_p(3, 3), 0.1, 1e-12);
	NEAR(tb_stats_mw_min_p(5, 5), 2.0 / 252, 1e-12);
}

static void mw_normal_with_ties(void **state)
{
	(void)state;
	const double a[] = {1, 2, 2, 3, 3, 3, 4, 5, 5, 6};
	const double b[] = {3, 4, 4, 5, 5, 6, 6, 6, 7, 8, 8};
	struct tb_mw r;
	assert_int_equal(tb_stats_mann_whitney(a, 10, b, 11, &r), 0);
	assert_false(r.exact);
	NEAR(r.u, 18, 0);
	NEAR(r.p, 0.009299807053179114, 1e-9);
	const double same[] = {7, 7, 7, 7};
	assert_int_equal(tb_stats_mann_whitney(same, 4, same, 4, &r), 0);
	NEAR(r.p, 1, 0);
	assert_int_equal(tb_stats_mann_whitney(same, 0, same, 4, &r), -1);
}

static void bootstrap_median_ci(void **state)
{
	(void)state;
	double x[101];
	for (int i = 0; i < 101; i++)
		x[(i * 37) % 101] = i + 1; /* 1..101, shuffled */
	struct tb_boot_opts bo;
	tb_boot_defaults(&bo);
	double lo, hi, lo2, hi2;
	assert_int_equal(tb_stats_median_ci(x, 101, &bo, &lo, &hi), 0);
	assert_int_equal(tb_stats_median_ci(x, 101, &bo, &lo2, &hi2), 0);
	/* same seed, same interval */
	assert_true(lo == lo2 && hi == hi2);
	/* theory: median 51 +- 1.96 * sqrt(101) / 2 ranks, about [41, 61] */
	assert_true(lo >= 39 && lo <= 46);
	assert_true(hi >= 56 && hi <= 63);
	assert_true(lo < 51 && hi > 51);
	/* a wider level gives a wider interval */
	bo.level = 0.99;
	assert_int_equal(tb_stats_median_ci(x, 101, &bo, &lo2, &hi2), 0);
	assert_true(lo2 <= lo && hi2 >= hi);
	/* another seed: a slightly different interval */
	bo.level = 0.95;
	bo.seed = 7;
	assert_int_equal(tb_stats_median_ci(x, 101, &bo, &lo2, &hi2), 0);
	NEAR(lo2, lo, 3);
	NEAR(hi2, hi, 3);
	/* constant data: a point; too few: NaN */
	const double c[] = {5, 5, 5, 5, 5};
	assert_int_equal(tb_stats_median_ci(c, 5, NULL, &lo, &hi), 0);
	assert_true(lo == 5 && hi == 5);
	assert_int_equal(tb_stats_median_ci(c, 2, NULL, &lo, &hi), 0);
	assert_true(isnan(lo) && isnan(hi));
	/* tb_stats_compute fills the CI */
	struct tb_stats st;
	tb_stats_compute(x, 101, &st);
	NEAR(st.median, 51, 0);
	assert_true(st.ci_low < 51 && st.ci_high > 51);
}

static void fill(double *x, size_t n, double mean, double sd, unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, seed);
	for (size_t i = 0; i < n; i++)
		x[i] = mean + gsl_ran_gaussian(r, sd);
	gsl_rng_free(r);
}

static void bootstrap_ratio_ci(void **state)
{
	(void)state;
	double a[200], b[200];
	fill(a, 200, 1000, 10, 1);
	fill(b, 200, 1100, 11, 2);
	double lo, hi;
	assert_int_equal(tb_stats_ratio_ci(a, 200, b, 200, NULL, &lo, &hi), 0);
	assert_true(lo < 1.1 && hi > 1.1);
	assert_true(lo > 1.08 && hi < 1.12);
	const double c[] = {2, 2, 2}, d[] = {3, 3, 3};
	assert_int_equal(tb_stats_ratio_ci(c, 3, d, 3, NULL, &lo, &hi), 0);
	NEAR(lo, 1.5, 1e-12);
	NEAR(hi, 1.5, 1e-12);
}

/* Ten runs a side, each run at its own level (+-2 %, as another clock bin
 * or core gives on a shared VM) with little noise inside: resampling whole
 * runs must widen the interval to cover the run-to-run spread that blocks
 * inside one run cannot see, and still contain the true ratio. */
static void bootstrap_ratio_ci_runs(void **state)
{
	(void)state;
	enum { R = 10, S = 100 };
	static const double level[R] = {0.98, 1.02, 1.00, 0.99, 1.01, 1.02, 0.98, 1.00, 1.01, 0.99};
	double a[R * S], b[R * S];
	for (int r = 0; r < R; r++) {
		fill(a + r * S, S, 1000 * level[r], 1, 10 + r);
		fill(b + r * S, S, 1050 * level[(r + 3) % R], 1, 30 + r);
	}
	double lo1, hi1, lo, hi;
	assert_int_equal(tb_stats_ratio_ci(a, R * S, b, R * S, NULL, &lo1, &hi1), 0);
	assert_int_equal(tb_stats_ratio_ci_runs(a, R * S, R, NULL, b, R * S, R, NULL, NULL, &lo, &hi), 0);
	assert_true(lo < 1.05 && hi > 1.05);
	assert_true(hi - lo > 1.5 * (hi1 - lo1));
	assert_true(lo > 1.0 && hi < 1.1);
	/* one run a side: the same as tb_stats_ratio_ci */
	double lo2, hi2;
	assert_int_equal(tb_stats_ratio_ci_runs(a, R * S, 1, NULL, b, R * S, 1, NULL, NULL, &lo2, &hi2), 0);
	NEAR(lo2, lo1, 0);
	NEAR(hi2, hi1, 0);
}

static void verdict_rule(void **state)
{
	(void)state;
	/* significant and beyond the threshold */
	assert_int_equal(tb_compare_verdict(true, 1e-6, 1e-30, 1.10, 1.09, 1.11, 0.01, 0.05),
			 TB_VERDICT_SLOWER);
	assert_int_equal(tb_compare_verdict(true, 1e-6, 1e-30, 0.90, 0.89, 0.91, 0.01, 0.05),
			 TB_VERDICT_FASTER);
	/* large change, not significant */
	assert_int_equal(tb_compare_verdict(true, 0.2, 1e-30, 1.30, 0.8, 1.9, 0.01, 0.05),
			 TB_VERDICT_UNCHANGED);
	/* significant, but provably inside the threshold */
	assert_int_equal(tb_compare_verdict(true, 1e-9, 1e-30, 1.02, 1.015, 1.025, 0.01, 0.05),
			 TB_VERDICT_UNCHANGED);
	/* too few samples for the test to reach alpha */
	assert_int_equal(tb_compare_verdict(true, 0.1, 0.1, 2.0, 1.5, 2.5, 0.01, 0.05),
			 TB_VERDICT_TOO_FEW);
	/* no samples: the threshold alone */
	assert_int_equal(tb_compare_verdict(false, NAN, 1, 1.06, NAN, NAN, 0.01, 0.05),
			 TB_VERDICT_SLOWER);
	assert_int_equal(tb_compare_verdict(false, NAN, 1, 1.04, NAN, NAN, 0.01, 0.05),
			 TB_VERDICT_UNCHANGED);
	assert_int_equal(tb_compare_verdict(true, 0, 0, NAN, NAN, NAN, 0.01, 0.05),
			 TB_VERDICT_NOT_OK);
}

static struct tb_result *add(struct tb_resultset *rs, const char *variant, const double *x,
			     size_t n)
{
	struct tb_result *r = tb_resultset_add(rs);
	snprintf(r->family, sizeof(r->family), "spin");
	snprintf(r->variant, sizeof(r->variant), "%s", variant);
	snprintf(r->mode, sizeof(r->mode), "-");
	r->status = TB_STATUS_OK;
	r->n = 1000;
	r->cols = 1000;
	assert_int_equal(tb_result_set_samples(r, x, n), 0);
	return r;
}

static const struct tb_compare_row *row_of(const struct tb_comparison *c, const char *v)
{
	for (size_t i = 0; i < c->nrows; i++)
		if (!strcmp(c->rows[i].key.variant, v))
			return &c->rows[i];
	fail_msg("no row %s", v);
	return NULL;
}

static void synthetic_sets(void **state)
{
	(void)state;
	struct tb_resultset old = {0}, new = {0};
	double x[100], y[100];
	fill(x, 100, 1000, 5, 11); /* equal: same distribution, other draws */
	fill(y, 100, 1000, 5, 12);
	add(&old, "equal", x, 100);
	add(&new, "equal", y, 100);
	fill(y, 100, 1200, 6, 13); /* clearly slower */
	add(&old, "slower", x, 100);
	add(&new, "slower", y, 100);
	fill(y, 100, 800, 4, 14); /* clearly faster */
	add(&old, "faster", x, 100);
	add(&new, "faster", y, 100);
	double nx[100], ny[100]; /* noisy: CV 30 %, +3 % */
	fill(nx, 100, 1000, 300, 15);
	fill(ny, 100, 1030, 300, 16);
	add(&old, "noisy", nx, 100);
	add(&new, "noisy", ny, 100);
	fill(y, 100, 1020, 5, 17); /* significant but small: +2 % */
	add(&old, "small", x, 100);
	add(&new, "small", y, 100);
	add(&old, "few", x, 3);
	add(&new, "few", y, 3);
	double fs[3];
	fill(fs, 3, 1200, 6, 18); /* too few for the test, +20 %: the threshold says slower */
	add(&old, "fewslow", x, 3);
	add(&new, "fewslow", fs, 3);
	add(&old, "gone", x, 10);
	add(&new, "added", y, 10);
	tb_kv_set(&old.fingerprint, "cpu.model", "A");
	tb_kv_set(&new.fingerprint, "cpu.model", "B");
	tb_kv_set(&old.fingerprint, "run.timestamp", "1");
	tb_kv_set(&new.fingerprint, "run.timestamp", "2");

	struct tb_compare_opts o;
	tb_compare_defaults(&o);
	struct tb_comparison c;
	char err[256];
	assert_int_equal(tb_compare(&old, &new, &o, &c, err, sizeof(err)), 0);
	assert_int_equal(c.nrows, 7);
	assert_int_equal(row_of(&c, "equal")->verdict, TB_VERDICT_UNCHANGED);
	assert_int_equal(row_of(&c, "slower")->verdict, TB_VERDICT_SLOWER);
	assert_true(row_of(&c, "slower")->p < 1e-6);
	NEAR(row_of(&c, "slower")->ratio, 1.2, 0.01);
	assert_int_equal(row_of(&c, "faster")->verdict, TB_VERDICT_FASTER);
	assert_int_equal(row_of(&c, "noisy")->verdict, TB_VERDICT_UNCHANGED);
	assert_int_equal(row_of(&c, "small")->verdict, TB_VERDICT_UNCHANGED);
	assert_true(row_of(&c, "small")->p < 0.01);
	/* too few samples for the test: the medians against the threshold, said */
	assert_int_equal(row_of(&c, "few")->verdict, TB_VERDICT_UNCHANGED);
	assert_true(row_of(&c, "few")->too_few);
	assert_non_null(strstr(row_of(&c, "few")->note, "threshold only"));
	assert_int_equal(row_of(&c, "fewslow")->verdict, TB_VERDICT_SLOWER);
	assert_true(row_of(&c, "fewslow")->too_few);
	assert_false(row_of(&c, "slower")->too_few);
	assert_int_equal(c.nslower, 2);
	assert_int_equal(c.nfaster, 1);
	assert_int_equal(c.nfew, 2);
	assert_int_equal(c.ntoofew, 0);
	assert_int_equal(c.nonly_old, 1);
	assert_string_equal(c.only_old[0].variant, "gone");
	assert_int_equal(c.nonly_new, 1);
	assert_string_equal(c.only_new[0].variant, "added");
	assert_int_equal(c.nfp_diffs, 1);
	assert_string_equal(c.fp_diffs[0].key, "cpu.model");
	tb_comparison_free(&c);

	/* a per-case threshold of 25 % turns "slower" (+20 %) into unchanged */
	snprintf(o.rules[0].pattern, sizeof(o.rules[0].pattern), "spin/slower");
	o.rules[0].threshold = 0.25;
	o.nrules = 1;
	assert_int_equal(tb_compare(&old, &new, &o, &c, err, sizeof(err)), 0);
	assert_int_equal(row_of(&c, "slower")->verdict, TB_VERDICT_UNCHANGED);
	NEAR(row_of(&c, "slower")->threshold, 0.25, 0);
	NEAR(row_of(&c, "equal")->threshold, 0.05, 0);
	tb_comparison_free(&c);

	/* a counter nobody has is an error naming it */
	snprintf(o.metric, sizeof(o.metric), "nosuch");
	assert_int_equal(tb_compare(&old, &new, &o, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'nosuch'"));
	tb_resultset_free(&old);
	tb_resultset_free(&new);
}

static void counter_metric_medians_only(void **state)
{
	(void)state;
	struct tb_resultset old = {0}, new = {0};
	double x[20];
	fill(x, 20, 100, 1, 3);
	tb_result_add_metric(add(&old, "a", x, 20), "INS", NAN, 1000);
	tb_result_add_metric(add(&new, "a", x, 20), "INS", NAN, 1100);
	tb_result_add_metric(add(&old, "b", x, 20), "INS", NAN, 1000);
	tb_result_add_metric(add(&new, "b", x, 20), "INS", NAN, 1010);
	add(&old, "c", x, 20);
	add(&new, "c", x, 20);
	struct tb_compare_opts o;
	tb_compare_defaults(&o);
	snprintf(o.metric, sizeof(o.metric), "ctr_INS");
	struct tb_comparison c;
	char err[256];
	assert_int_equal(tb_compare(&old, &new, &o, &c, err, sizeof(err)), 0);
	assert_int_equal(row_of(&c, "a")->verdict, TB_VERDICT_SLOWER);
	assert_true(isnan(row_of(&c, "a")->p));
	assert_int_equal(row_of(&c, "b")->verdict, TB_VERDICT_UNCHANGED);
	assert_int_equal(row_of(&c, "c")->verdict, TB_VERDICT_NOT_OK);
	assert_true(c.metric_note[0] != 0);
	tb_comparison_free(&c);
	tb_resultset_free(&old);
	tb_resultset_free(&new);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mw_exact_small),      cmocka_unit_test(mw_normal_with_ties),
		cmocka_unit_test(bootstrap_median_ci), cmocka_unit_test(bootstrap_ratio_ci),
		cmocka_unit_test(bootstrap_ratio_ci_runs),
		cmocka_unit_test(verdict_rule),        cmocka_unit_test(synthetic_sets),
		cmocka_unit_test(counter_metric_medians_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
