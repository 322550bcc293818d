/*
 * test_stats.c - descriptive statistics against values computed by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "reports/results.h"
#include "reports/stats.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9 * (1 + fabs((double)(b))))

static void five_values(void **state)
{
	(void)state;
	const double x[] = {4, 1, 100, 3, 2};
	struct tb_stats s;
	tb_stats_compute(x, 5, &s);
	NEAR(s.min, 1);
	NEAR(s.max, 100);
	NEAR(s.median, 3);
	NEAR(s.mean, 22);
	/* sample sd: sqrt(((21^2+20^2+19^2+18^2+78^2))/4) */
	NEAR(s.sd, sqrt((441.0 + 400 + 361 + 324 + 6084) / 4));
	NEAR(s.mad, 1); /* |x-3| = 1,2,97,0,1 -> median 1 */
	NEAR(s.cv, s.sd / 22);
	NEAR(s.p25, 2);
	NEAR(s.p75, 4);
	NEAR(s.p5, 1.2); /* GSL: (n-1)*0.05 = 0.2 -> 1 + 0.2*(2-1) */
	NEAR(s.p95, 4 + 0.8 * 96);
	assert_int_equal(s.outliers_severe, 1); /* 100 > 4 + 3*2 */
	assert_int_equal(s.outliers_mild, 0);
	assert_true(s.ci_low <= 3 && s.ci_high >= 3); /* bootstrap CI of the median */
}

static void even_count_and_mild_outlier(void **state)
{
	(void)state;
	const double x[] = {10, 10, 11, 11, 12, 12, 13, 16.5};
	struct tb_stats s;
	tb_stats_compute(x, 8, &s);
	NEAR(s.median, 11.5);
	/* p25 at 1.75 -> 10.75; p75 at 5.25 -> 12.25; IQR 1.5: mild fence 14.5, severe 16.75 */
	NEAR(s.p25, 10.75);
	NEAR(s.p75, 12.25);
	assert_int_equal(s.outliers_mild, 1);
	assert_int_equal(s.outliers_severe, 0);
}

static void empty_and_single(void **state)
{
	(void)state;
	struct tb_stats s;
	tb_stats_compute(NULL, 0, &s);
	assert_true(isnan(s.median) && isnan(s.mean));
	const double one[] = {42};
	tb_stats_compute(one, 1, &s);
	NEAR(s.median, 42);
	NEAR(s.sd, 0);
	NEAR(s.mad, 0);
}

static void result_rates(void **state)
{
	(void)state;
	struct tb_resultset rs = {0};
	struct tb_result *r = tb_resultset_add(&rs);
	r->bytes = 8000;
	r->items = 1000;
	const double ns[] = {1000, 2000, 3000};
	assert_int_equal(tb_result_set_samples(r, ns, 3), 0);
	NEAR(r->st.median, 2000);
	NEAR(r->items_per_s, 1000 / 2e-6);
	NEAR(r->gbps, 4.0);
	tb_resultset_free(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(five_values), cmocka_unit_test(even_count_and_mild_outlier),
		cmocka_unit_test(empty_and_single), cmocka_unit_test(result_rates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
