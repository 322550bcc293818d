/*
 * test_runner.c - the runner's phases on the null kernel: calibration's
 * steps (on given timings) reach the minimum sample time, the sample count is honoured, fixed
 * iterations skip warmup and calibration, a stop request gives a partial
 * measurement, the hook is called around every sample, and the phase
 * callback (perf's control fifo) once on right before the first measured
 * sample and once off right after the last, also when a sample fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kernels/kernel.h"
#include "probes/clock.h"
#include "probes/runner.h"

static struct tb_case null_case(void)
{
	return (struct tb_case){.k = tb_kernel_find("null", "empty"), .n = 1, .threads = 1};
}

static void calibrates_to_min_sample(void **state)
{
	(void)state;
	struct tb_case c = null_case();
	struct tb_runner_opts o;
	tb_runner_defaults(&o);
	o.samples = 20;
	o.warmup_min_ns = 1e6;
	o.min_sample_ns = 2e6;
	struct tb_measurement m;
	char err[128];
	assert_int_equal(tb_measure(&c, &o, &m, err, sizeof(err)), 0);
	assert_int_equal(m.nsamples, 20);
	assert_false(m.partial);
	assert_true(m.warmup_iters >= o.warmup_iters);
	assert_true(m.iters > 1); /* an empty call is far shorter than 2 ms */
	for (size_t i = 0; i < m.nsamples; i++)
		assert_true(m.ns[i] > 0);
	/* the count it settles on: calibration's steps, on given timings */
	assert_int_equal(tb_calibrate_next(1000, 2000000, 2e6), 0);    /* reached */
	assert_int_equal(tb_calibrate_next(1000, 3000000, 2e6), 0);    /* beyond */
	assert_int_equal(tb_calibrate_next(1000, 100000, 2e6), 22000); /* x20, +10% */
	assert_int_equal(tb_calibrate_next(1000, 1500000, 2e6), 2000); /* close: doubles */
	assert_int_equal(tb_calibrate_next(1, 1, 2e6), 1024);          /* at most x1024 */
	assert_int_equal(tb_calibrate_next(8, 0, 2e6), 8192);          /* a 0 ns timing */
	assert_int_equal(tb_calibrate_next(UINT64_MAX / 8, 1, 2e6), 0); /* cannot grow */
	tb_measurement_free(&m);
}

static void fixed_iters(void **state)
{
	(void)state;
	struct tb_case c = null_case();
	struct tb_runner_opts o;
	tb_runner_defaults(&o);
	o.samples = 5;
	o.fixed_iters = 777;
	struct tb_measurement m;
	char err[128];
	assert_int_equal(tb_measure(&c, &o, &m, err, sizeof(err)), 0);
	assert_int_equal(m.iters, 777);
	assert_int_equal(m.warmup_iters, 0);
	assert_int_equal(m.nsamples, 5);
	tb_measurement_free(&m);
}

static void stop_gives_partial(void **state)
{
	(void)state;
	struct tb_case c = null_case();
	struct tb_runner_opts o;
	tb_runner_defaults(&o);
	o.fixed_iters = 10;
	tb_stop_requested = 2;
	struct tb_measurement m;
	char err[128];
	assert_int_equal(tb_measure(&c, &o, &m, err, sizeof(err)), 0);
	tb_stop_requested = 0;
	assert_true(m.partial);
	assert_int_equal(m.nsamples, 0);
	tb_measurement_free(&m);
}

static int starts, stops;
static int h_start(void *ctx) { (void)ctx; starts++; return 0; }
static int h_stop(void *ctx, double *v) { (void)ctx; v[0] = ++stops; v[1] = 2; return 0; }

static void hook_around_each_sample(void **state)
{
	(void)state;
	struct tb_case c = null_case();
	struct tb_sample_hook h = {.nvalues = 2, .start = h_start, .stop = h_stop};
	struct tb_runner_opts o;
	tb_runner_defaults(&o);
	o.fixed_iters = 10;
	o.samples = 7;
	o.hook = &h;
	struct tb_measurement m;
	char err[128];
	starts = stops = 0;
	assert_int_equal(tb_measure(&c, &o, &m, err, sizeof(err)), 0);
	assert_int_equal(starts, 7);
	assert_int_equal(stops, 7);
	assert_true(m.values[6 * 2] == 7 && m.values[6 * 2 + 1] == 2);
	tb_measurement_free(&m);
}

/* the phase callback: on before the first sample, off after the last */
static int phase_on, phase_off, samples_while_on, fail_at;
static int p_start(void *ctx)
{
	(void)ctx;
	samples_while_on += phase_on == 1 && phase_off == 0;
	return ++starts == fail_at ? -1 : 0;
}
static int p_stop(void *ctx, double *v) { (void)ctx; v[0] = 1; return 0; }
static int p_phase(void *ctx, bool on, char *err, size_t len)
{
	(void)ctx;
	(void)err;
	(void)len;
	if (on)
		phase_on++;
	else
		phase_off++;
	return 0;
}

static void phase_brackets_the_samples(void **state)
{
	(void)state;
	struct tb_case c = null_case();
	struct tb_sample_hook h = {.nvalues = 1, .start = p_start, .stop = p_stop};
	struct tb_runner_opts o;
	tb_runner_defaults(&o);
	o.samples = 5;
	o.warmup_min_ns = 1e5;
	o.min_sample_ns = 1e4;
	o.hook = &h;
	o.phase = p_phase;
	struct tb_measurement m;
	char err[128];
	starts = phase_on = phase_off = samples_while_on = fail_at = 0;
	assert_int_equal(tb_measure(&c, &o, &m, err, sizeof(err)), 0);
	assert_int_equal(phase_on, 1);
	assert_int_equal(phase_off, 1);
	assert_int_equal(samples_while_on, 5); /* every sample, nothing before */
	tb_measurement_free(&m);
	/* a failing counter read still turns the profile off */
	starts = phase_on = phase_off = samples_while_on = 0;
	fail_at = 3;
	assert_int_equal(tb_measure(&c, &o, &m, err, sizeof(err)), -1);
	assert_string_equal(err, "could not start the counters");
	assert_int_equal(phase_on, 1);
	assert_int_equal(phase_off, 1);
}

static void clock_probe_is_sane(void **state)
{
	(void)state;
	struct tb_clock_info ci;
	tb_clock_probe(&ci);
	double res = ci.resolution_ns, cost = ci.overhead_ns;
	assert_true(res >= 1.0 && res < 1e6);  /* a real step was seen */
	assert_true(cost > 0.0 && cost < 1e5); /* a read costs something finite */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calibrates_to_min_sample), cmocka_unit_test(fixed_iters),
		cmocka_unit_test(stop_gives_partial), cmocka_unit_test(hook_around_each_sample),
		cmocka_unit_test(phase_brackets_the_samples), cmocka_unit_test(clock_probe_is_sane),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
