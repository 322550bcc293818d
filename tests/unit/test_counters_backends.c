/*
 * test_counters_backends.c - the two counting backends and what the
 * kernel allows: the same page faults counted by PAPI and by
 * perf_event_open agree; context switches, which the kernel counts in its
 * own context, are really counted (or refused where only user space may
 * be counted, never read as 0); the line naming each event's backend; the
 * refusal messages name kernel.perf_event_paranoid and the value needed;
 * a sample an event was not counted in is left out of its figure, not
 * taken as 0.  Counting tests SKIP, with the reason, only where the kernel
 * allows no counting at all.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "probes/counters.h"
#include "probes/counters_perf.h"
#include "reports/ctr_metrics.h"
#include "fresh_pages.h"

#define PAGES 1000

static void need_counting(void)
{
	const char *why;
	if (tb_counters_access(&why) == TB_CTR_NONE) {
		print_message("SKIP: nothing can be counted here: %s\n", why);
		skip();
	}
}

static struct tb_counters *open_bound(const char *name)
{
	char err[512] = "";
	struct tb_counters *c = tb_counters_open(&name, 1, err, sizeof(err));
	if (!c)
		print_error("%s\n", err);
	assert_non_null(c);
	assert_int_equal(tb_counters_bind(c, NULL, err, sizeof(err)), 0);
	return c;
}

/* The same first touch counted by the first choice (PAPI where its CPU
 * component is active) and by perf_event_open, in the same sample. */
static void backends_agree_on_page_faults(void **state)
{
	(void)state;
	need_counting();
	struct tb_counters *a = open_bound("perf::PAGE-FAULTS");
	setenv("TB_COUNTERS_BACKEND", "perf", 1);
	struct tb_counters *b = open_bound("perf::PAGE-FAULTS");
	unsetenv("TB_COUNTERS_BACKEND");
	assert_string_equal(tb_counters_backend(b, 0), "perf_event_open");
	print_message("backends: %s and %s\n", tb_counters_backend(a, 0), tb_counters_backend(b, 0));
	struct tb_sample_hook ha = tb_counters_hook(a), hb = tb_counters_hook(b);
	double va[1], vb[1];
	assert_int_equal(ha.start(ha.ctx), 0);
	assert_int_equal(hb.start(hb.ctx), 0);
	touch_fresh(PAGES);
	assert_int_equal(hb.stop(hb.ctx, vb), 0);
	assert_int_equal(ha.stop(ha.ctx, va), 0);
	tb_counters_close(a);
	tb_counters_close(b);
	print_message("page faults: %.0f and %.0f for %d fresh pages\n", va[0], vb[0], PAGES);
	assert_true(va[0] >= PAGES && vb[0] >= PAGES);
	assert_true(fabs(va[0] - vb[0]) <= 0.01 * PAGES);
}

/* Sleeping 20 times switches context at least 20 times.  PAPI's default
 * (user space only) read 0 here; where the kernel forbids kernel-side
 * counting to this user the event is refused, naming the sysctl. */
static void context_switches_are_counted(void **state)
{
	(void)state;
	need_counting();
	const char *name = "perf::CONTEXT-SWITCHES", *why;
	char err[512] = "";
	if (tb_counters_access(&why) == TB_CTR_USER) {
		assert_null(tb_counters_open(&name, 1, err, sizeof(err)));
		print_message("refused: %s\n", err);
		assert_non_null(strstr(err, "kernel.perf_event_paranoid"));
		assert_non_null(strstr(err, "would read 0"));
		return;
	}
	for (int forced = 0; forced < 2; forced++) {
		if (forced)
			setenv("TB_COUNTERS_BACKEND", "perf", 1);
		struct tb_counters *c = open_bound(name);
		unsetenv("TB_COUNTERS_BACKEND");
		struct tb_sample_hook h = tb_counters_hook(c);
		double v[1];
		assert_int_equal(h.start(h.ctx), 0);
		for (int i = 0; i < 20; i++)
			usleep(1000);
		assert_int_equal(h.stop(h.ctx, v), 0);
		print_message("%s: %.0f context switches over 20 sleeps\n", tb_counters_backend(c, 0),
			      v[0]);
		tb_counters_close(c);
		assert_true(v[0] >= 20);
	}
}

static void backend_line_names_each_event(void **state)
{
	(void)state;
	need_counting();
	const char *names[] = {"perf::TASK-CLOCK", "perf::PAGE-FAULTS"};
	char err[512], line[1024];
	struct tb_counters *c = tb_counters_open(names, 2, err, sizeof(err));
	assert_non_null(c);
	tb_counters_describe(c, line, sizeof(line));
	print_message("%s\n", line);
	assert_true(!strncmp(line, "counters: ", 10));
	assert_non_null(strstr(line, "perf::TASK-CLOCK"));
	assert_non_null(strstr(line, "perf::PAGE-FAULTS"));
	assert_non_null(strstr(line, tb_counters_backend(c, 0)));
	if (!strcmp(tb_counters_backend(c, 0), "perf_event_open"))
		assert_non_null(strstr(line, "(PAPI")); /* and why not PAPI */
	assert_non_null(strstr(line, tb_counters_access(NULL) == TB_CTR_ALL ? "user and kernel side"
									  : "user space only"));
	tb_counters_close(c);
	setenv("TB_COUNTERS_BACKEND", "papi-please", 1);
	assert_null(tb_counters_open(names, 1, err, sizeof(err)));
	unsetenv("TB_COUNTERS_BACKEND");
	assert_non_null(strstr(err, "invalid TB_COUNTERS_BACKEND 'papi-please'"));
}

static void refusals_name_the_sysctl(void **state)
{
	(void)state;
	char b[512];
	tb_perf_refusal(3, false, EACCES, false, b, sizeof(b));
	assert_non_null(strstr(b, "kernel.perf_event_paranoid is 3"));
	assert_non_null(strstr(b, "2 or lower"));
	tb_perf_refusal(2, false, EACCES, true, b, sizeof(b));
	assert_non_null(strstr(b, "kernel.perf_event_paranoid is 2"));
	assert_non_null(strstr(b, "user space only"));
	assert_non_null(strstr(b, "1 or lower"));
	tb_perf_refusal(2, true, EPERM, false, b, sizeof(b)); /* not the sysctl's doing */
	assert_non_null(strstr(b, "seccomp"));
	tb_perf_refusal(1, false, ENOSYS, false, b, sizeof(b));
	assert_non_null(strstr(b, "CONFIG_PERF_EVENTS"));
	const struct tb_perf_access *ac = tb_perf_access();
	if (ac->paranoid != -99) {
		FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
		int v = -100;
		assert_non_null(f);
		assert_int_equal(fscanf(f, "%d", &v), 1);
		fclose(f);
		assert_int_equal(ac->paranoid, v);
	}
}

/* a multiplexed-out sample (NaN) is no sample of that event, not a 0 */
static void uncounted_samples_are_left_out(void **state)
{
	(void)state;
	struct tb_result r;
	memset(&r, 0, sizeof(r));
	const char *names[] = {"perf::CYCLES", "perf::INSTRUCTIONS"};
	const double v[] = {100, 200, NAN, 300, 300, NAN, NAN, NAN};
	assert_int_equal(tb_result_add_counters(&r, names, 2, v, 4, 10), 0);
	assert_int_equal(r.nmetrics, 3); /* both events and IPC */
	assert_string_equal(r.metrics[0].name, "perf::CYCLES");
	assert_true(fabs(r.metrics[0].mean - 20) < 1e-9); /* (100 + 300) / 2 / 10 */
	assert_true(fabs(r.metrics[1].mean - 25) < 1e-9); /* (200 + 300) / 2 / 10 */
	assert_string_equal(r.metrics[2].name, "IPC");
	assert_true(fabs(r.metrics[2].median - 2) < 1e-9); /* the one sample with both */
	const double none[] = {NAN, 1, NAN, 1};
	struct tb_result q;
	memset(&q, 0, sizeof(q));
	assert_int_equal(tb_result_add_counters(&q, names, 2, none, 2, 1), 0);
	assert_int_equal(q.nmetrics, 1); /* never counted: no figure at all */
	assert_string_equal(q.metrics[0].name, "perf::INSTRUCTIONS");
	tb_result_free(&r);
	tb_result_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backends_agree_on_page_faults),
		cmocka_unit_test(context_switches_are_counted),
		cmocka_unit_test(backend_line_names_each_event),
		cmocka_unit_test(refusals_name_the_sysctl),
		cmocka_unit_test(uncounted_samples_are_left_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
