/*
 * test_changepoint.c - the change-point detector on synthetic series with
 * known truth: a +10% step at run 12 of 20 is found there, A/A series of
 * noise give (almost) no change, two steps are both found, a drift is seen
 * as changes upwards and as a trend; the statistic against a hand count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#include "reports/changepoint.h"

/* x[i] = level(i) * (1 + sd * N(0,1)) */
static void noisy(double *x, size_t n, double sd, unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, seed);
	for (size_t i = 0; i < n; i++)
		x[i] *= 1 + gsl_ran_gaussian(r, sd);
	gsl_rng_free(r);
}

static void hand_count(void **state)
{
	(void)state;
	const double x[] = {0, 0, 0, 1, 1, 1};
	double q;
	assert_int_equal(tb_cp_best_split(x, 6, 2, &q), 3);
	/* cross 9 pairs of distance 1, none within: e = 2*9/9 = 2, q = 3*3/6 * 2 */
	assert_true(fabs(q - 3) < 1e-12);
	assert_int_equal(tb_cp_best_split(x, 6, 4, &q), 0); /* too short for two segments */
	assert_true(q == 0);
}

static void step_at_run_12(void **state)
{
	(void)state;
	struct tb_cp_opts o;
	tb_cp_defaults(&o);
	for (unsigned long seed = 1; seed <= 20; seed++) {
		double x[20];
		for (size_t i = 0; i < 20; i++)
			x[i] = i < 11 ? 100 : 110; /* run 12 (index 11) is 10% slower */
		noisy(x, 20, 0.01, seed);
		struct tb_changepoint *cp;
		size_t n;
		assert_int_equal(tb_cp_detect(x, 20, &o, &cp, &n), 0);
		size_t step = n;
		for (size_t i = 0; i < n; i++)
			if (cp[i].at == 11)
				step = i;
			else /* alpha 0.01: now and then a tiny shift in the noise passes too */
				assert_true(fabs(cp[i].after / cp[i].before - 1) < 0.02);
		assert_true(step < n);
		assert_true(cp[step].p < o.alpha);
		assert_true(fabs(cp[step].after / cp[step].before - 1.10) < 0.02);
		free(cp);
	}
}

static void aa_series(void **state)
{
	(void)state;
	struct tb_cp_opts o;
	tb_cp_defaults(&o);
	size_t alarms = 0;
	for (unsigned long seed = 100; seed < 150; seed++) {
		double x[20];
		for (size_t i = 0; i < 20; i++)
			x[i] = 100;
		noisy(x, 20, 0.02, seed);
		struct tb_changepoint *cp;
		size_t n;
		assert_int_equal(tb_cp_detect(x, 20, &o, &cp, &n), 0);
		alarms += n > 0;
		free(cp);
	}
	assert_true(alarms <= 2); /* alpha 0.01: about 0.5 of 50 expected */
}

static void two_steps(void **state)
{
	(void)state;
	struct tb_cp_opts o;
	tb_cp_defaults(&o);
	double x[35];
	for (size_t i = 0; i < 35; i++)
		x[i] = i >= 10 && i < 25 ? 110 : 100;
	noisy(x, 35, 0.01, 7);
	struct tb_changepoint *cp;
	size_t n;
	assert_int_equal(tb_cp_detect(x, 35, &o, &cp, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(cp[0].at, 10);
	assert_int_equal(cp[1].at, 25);
	assert_true(cp[0].after > cp[0].before && cp[1].after < cp[1].before);
	free(cp);
}

static void drift(void **state)
{
	(void)state;
	struct tb_cp_opts o;
	tb_cp_defaults(&o);
	double x[40];
	for (size_t i = 0; i < 40; i++)
		x[i] = 100 * pow(1.01, (double)i); /* +1% per run */
	noisy(x, 40, 0.005, 3);
	struct tb_changepoint *cp;
	size_t n;
	assert_int_equal(tb_cp_detect(x, 40, &o, &cp, &n), 0);
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++)
		assert_true(cp[i].after > cp[i].before);
	free(cp);
	struct tb_trend t;
	assert_int_equal(tb_cp_trend(x, 40, &t), 0);
	assert_true(fabs(t.per_point - 0.01) < 0.002);
	assert_true(fabs(t.total - (pow(1.01, 39) - 1)) < 0.08);
	assert_true(t.p < 1e-6);
}

static void exact_trend(void **state)
{
	(void)state;
	double x[10];
	for (size_t i = 0; i < 10; i++)
		x[i] = 100 * pow(1.02, (double)i);
	struct tb_trend t;
	assert_int_equal(tb_cp_trend(x, 10, &t), 0);
	assert_true(fabs(t.per_point - 0.02) < 1e-9);
	assert_true(fabs(t.total - (pow(1.02, 9) - 1)) < 1e-9);
	assert_true(t.p < 1e-9);
	assert_int_equal(tb_cp_trend(x, 2, &t), 0);
	assert_true(isnan(t.p));
}

static void degenerate(void **state)
{
	(void)state;
	struct tb_cp_opts o;
	tb_cp_defaults(&o);
	double c[12] = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
	struct tb_changepoint *cp;
	size_t n;
	assert_int_equal(tb_cp_detect(c, 12, &o, &cp, &n), 0); /* constant: nothing to split */
	assert_int_equal(n, 0);
	assert_null(cp);
	double s[5] = {1, 1, 9, 9, 9};
	assert_int_equal(tb_cp_detect(s, 5, &o, &cp, &n), 0); /* shorter than two segments */
	assert_int_equal(n, 0);
	c[3] = NAN;
	assert_int_equal(tb_cp_detect(c, 12, &o, &cp, &n), -1);
	o.min_size = 1;
	assert_int_equal(tb_cp_detect(s, 5, &o, &cp, &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hand_count), cmocka_unit_test(step_at_run_12),
		cmocka_unit_test(aa_series), cmocka_unit_test(two_steps), cmocka_unit_test(drift),
		cmocka_unit_test(exact_trend), cmocka_unit_test(degenerate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
