/*
 * test_stats_runs.c - the run-level comparison of pooled sides
 * (tb_stats_compare_runs): signed-rank p-values and Hodges-Lehmann
 * intervals against the exact null computed by hand, drift that pairing
 * cancels, the unpaired form, and tb_compare choosing it for pooled runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/compare.h"
#include "reports/stats.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9 * (1 + fabs((double)(b))))

/* side of r runs x s samples: run i has median m[i] (samples m[i] * (1 +- tiny)) */
static double *side(size_t r, size_t s, const double *m)
{
	double *x = malloc(r * s * sizeof(double));
	for (size_t i = 0; i < r; i++)
		for (size_t j = 0; j < s; j++)
			x[i * s + j] = m[i] * (1 + 1e-4 * ((double)j - (double)(s - 1) / 2));
	return x;
}

static void signed_rank_exact(void **state)
{
	(void)state;
	/* 10 pairs, every log ratio positive: T+ = 55, p = 2 / 2^10 */
	double ma[10], mb[10];
	for (int i = 0; i < 10; i++) {
		ma[i] = 100;
		mb[i] = 100 * exp(0.01 * (i + 1)); /* log ratios 0.01 .. 0.10 */
	}
	double *a = side(10, 5, ma), *b = side(10, 5, mb);
	struct tb_runs_cmp c;
	assert_int_equal(tb_stats_compare_runs(a, 50, 10, NULL, b, 50, 10, NULL, 0.99, &c), 0);
	assert_true(c.paired && c.exact);
	assert_int_equal(c.n, 10);
	NEAR(c.p, 2.0 / 1024);
	NEAR(c.min_p, 2.0 / 1024);
	/* Walsh averages of 0.01k: (i + j) / 200, i <= j; their median is 0.055 */
	NEAR(log(c.ratio), 0.055);
	/* 99%: P(T+ <= 3) = 5/1024 <= 0.005 < P(T+ <= 4) = 7/1024: the 4th
	 * smallest and 4th largest of the 55 averages: 0.02 and 0.09 */
	NEAR(log(c.ci_low), 0.02);
	NEAR(log(c.ci_high), 0.09);
	/* 95%: P(T+ <= 8) = 25/1024 <= 0.025: the 9th from each end */
	assert_int_equal(tb_stats_compare_runs(a, 50, 10, NULL, b, 50, 10, NULL, 0.95, &c), 0);
	NEAR(log(c.ci_low), 0.03);
	NEAR(log(c.ci_high), 0.08);
	/* one negative pair of the smallest magnitude: T+ = 54, p = 4 / 1024 */
	mb[0] = 100 * exp(-0.001);
	free(b);
	b = side(10, 5, mb);
	assert_int_equal(tb_stats_compare_runs(a, 50, 10, NULL, b, 50, 10, NULL, 0.99, &c), 0);
	NEAR(c.p, 4.0 / 1024);
	free(a);
	free(b);
}

/* the machine drifts from run to run by far more than the change: pairs
 * measured together cancel it, unpaired run medians cannot */
static void pairing_cancels_drift(void **state)
{
	(void)state;
	double ma[12], mb[12];
	for (int i = 0; i < 12; i++) {
		double drift = 1 + 0.08 * ((i * 7) % 5); /* up to +32% */
		ma[i] = 1000 * drift;
		mb[i] = 1000 * drift * 1.05 * (1 + 0.0003 * (i - 6)); /* distinct: exact */
	}
	double *a = side(12, 20, ma), *b = side(12, 20, mb);
	struct tb_runs_cmp c;
	assert_int_equal(tb_stats_compare_runs(a, 240, 12, NULL, b, 240, 12, NULL, 0.99, &c), 0);
	assert_true(c.paired);
	NEAR(c.p, 2.0 / 4096); /* all 12 pairs the same way */
	assert_true(c.ratio > 1.045 && c.ratio < 1.055);
	assert_true(c.ci_low > 1.04 && c.ci_high < 1.06);
	/* one run fewer on the new side: unpaired, and the drift swamps it */
	assert_int_equal(tb_stats_compare_runs(a, 240, 12, NULL, b, 220, 11, NULL, 0.99, &c), 0);
	assert_false(c.paired);
	assert_int_equal(c.n, 132);
	assert_true(c.p > 0.01);
	assert_true(c.ci_low < 1 && c.ci_high > 1.1);
	free(a);
	free(b);
}

static void too_few_and_bad_input(void **state)
{
	(void)state;
	double m[3] = {1, 1, 1};
	double *a = side(3, 4, m);
	struct tb_runs_cmp c;
	/* 3 pairs: the smallest p is 2/8, and no 99% interval exists */
	assert_int_equal(tb_stats_compare_runs(a, 12, 3, NULL, a, 12, 3, NULL, 0.99, &c), 0);
	NEAR(c.min_p, 0.25);
	assert_true(isnan(c.ci_low) && isnan(c.ci_high));
	assert_int_equal(tb_stats_compare_runs(a, 12, 1, NULL, a, 12, 3, NULL, 0.99, &c), -1); /* one run */
	assert_int_equal(tb_stats_compare_runs(a, 2, 3, NULL, a, 12, 3, NULL, 0.99, &c), -1);  /* fewer samples than runs */
	free(a);
}

static void fill(struct tb_resultset *rs, const double *x, size_t n, size_t runs)
{
	struct tb_result *r = tb_resultset_add(rs);
	snprintf(r->family, sizeof(r->family), "spin");
	snprintf(r->variant, sizeof(r->variant), "chain");
	snprintf(r->mode, sizeof(r->mode), "-");
	r->status = TB_STATUS_OK;
	r->n = r->cols = 1000;
	r->runs = runs;
	assert_int_equal(tb_result_set_samples(r, x, n), 0);
}

static void compare_uses_runs(void **state)
{
	(void)state;
	double ma[10], mb[10];
	for (int i = 0; i < 10; i++) {
		ma[i] = 1000 * (1 + 0.05 * (i % 4));
		mb[i] = ma[i] * 1.06;
	}
	double *a = side(10, 20, ma), *b = side(10, 20, mb);
	struct tb_resultset old = {0}, new = {0};
	fill(&old, a, 200, 10);
	fill(&new, b, 200, 10);
	struct tb_compare_opts o;
	tb_compare_defaults(&o);
	struct tb_comparison cmp;
	char err[256];
	assert_int_equal(tb_compare(&old, &new, &o, &cmp, err, sizeof(err)), 0);
	assert_int_equal(cmp.nrows, 1);
	assert_int_equal(cmp.rows[0].verdict, TB_VERDICT_SLOWER);
	NEAR(cmp.opts.confidence, 0.99); /* 1 - significance */
	assert_non_null(strstr(cmp.rows[0].note, "10 paired runs"));
	assert_true(fabs(cmp.rows[0].ratio - 1.06) < 1e-3);
	tb_comparison_free(&cmp);
	/* A/A: unchanged */
	assert_int_equal(tb_compare(&old, &old, &o, &cmp, err, sizeof(err)), 0);
	assert_int_equal(cmp.rows[0].verdict, TB_VERDICT_UNCHANGED);
	tb_comparison_free(&cmp);
	tb_resultset_free(&old);
	tb_resultset_free(&new);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signed_rank_exact),
		cmocka_unit_test(pairing_cancels_drift),
		cmocka_unit_test(too_few_and_bad_input),
		cmocka_unit_test(compare_uses_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
