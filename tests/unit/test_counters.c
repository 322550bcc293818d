/*
 * test_counters.c - counters measured for real with events that count on
 * every Linux machine that allows perf at all (the kernel's software
 * events, through PAPI or, where PAPI's CPU component is disabled, through
 * perf_event_open): first touch of N fresh pages gives N page faults
 * (within 1%), a busy loop's TASK-CLOCK is about its CPU time, threads are
 * summed, software events never multiplex.  Unknown events and unavailable
 * presets are refused with a reason and a suggestion.  Each counting test
 * first asks what the kernel allows, the way tbench does, and SKIPs (with
 * the reason) only where nothing can be counted; hardware-counter checks
 * SKIP without a PMU.  tests/CMakeLists.txt runs this file a second time
 * with libpfm4's CPU PMUs disabled (PAPI's CPU component off).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kernels/pool.h"
#include "probes/clock.h"
#include "probes/counters.h"
#include "fresh_pages.h"

#define PAGES 1000

/* N fresh pages give N faults, within 1% (AddressSanitizer touches one
 * shadow page per 8 pages written) */
#ifdef __SANITIZE_ADDRESS__
#define MAX_FAULTS(n) ((n) * 1.125 * 1.01 + 2)
#else
#define MAX_FAULTS(n) ((n) * 1.01)
#endif

/* Counting needs the kernel's permission: skip, saying why, without it
 * (the same probe tbench makes before a run with --events). */
static void need_counting(void)
{
	const char *why;
	if (tb_counters_access(&why) == TB_CTR_NONE) {
		print_message("SKIP: nothing can be counted here: %s\n", why);
		skip();
	}
}

static struct tb_counters *open1(const char *name)
{
	need_counting();
	char err[512] = "";
	struct tb_counters *c = tb_counters_open(&name, 1, err, sizeof(err));
	if (!c)
		print_error("%s\n", err);
	assert_non_null(c);
	return c;
}

static void page_faults_first_touch(void **state)
{
	(void)state;
	struct tb_counters *c = open1("perf::PAGE-FAULTS");
	char err[256];
	assert_int_equal(tb_counters_bind(c, NULL, err, sizeof(err)), 0);
	struct tb_sample_hook h = tb_counters_hook(c);
	double v[1];
	assert_int_equal(h.start(h.ctx), 0);
	touch_fresh(PAGES);
	int rc = h.stop(h.ctx, v);
	tb_counters_close(c);
	assert_int_equal(rc, 0);
	print_message("page faults for %d fresh pages: %.0f\n", PAGES, v[0]);
	assert_true(v[0] >= PAGES);
	assert_true(v[0] <= MAX_FAULTS(PAGES));
}

static void task_clock_matches_wall(void **state)
{
	(void)state;
	struct tb_counters *c = open1("perf::TASK-CLOCK");
	char err[256];
	assert_int_equal(tb_counters_bind(c, NULL, err, sizeof(err)), 0);
	struct tb_sample_hook h = tb_counters_hook(c);
	double v[1];
	struct timespec c0, c1;
	assert_int_equal(h.start(h.ctx), 0);
	uint64_t t0 = tb_now_ns();
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	double cpu;
	do {
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
		cpu = (double)(c1.tv_sec - c0.tv_sec) * 1e9 + (double)(c1.tv_nsec - c0.tv_nsec);
	} while (cpu < 50e6);
	uint64_t wall = tb_now_ns() - t0;
	int rc = h.stop(h.ctx, v);
	tb_counters_close(c);
	assert_int_equal(rc, 0);
	print_message("busy loop: wall %.2f ms, thread CPU time %.2f ms, task-clock %.2f ms\n",
		      wall / 1e6, cpu / 1e6, v[0] / 1e6);
	/* a busy loop runs whenever it is on a CPU: its task clock is the
	 * kernel's CPU time for it (the wall time on an idle machine), and
	 * never more than the wall time */
	assert_true(v[0] >= cpu * 0.9 && v[0] <= cpu * 1.1 + 1e5);
	assert_true(v[0] <= (double)wall * 1.02 + 1e5);
}

static void touch_part(void *arg, unsigned tid, unsigned n)
{
	(void)arg;
	(void)tid;
	touch_fresh(PAGES / n);
}

static void threads_are_summed(void **state)
{
	(void)state;
	char err[256];
	struct tb_pool *pool = tb_pool_create(2, false, 0, err, sizeof(err));
	assert_non_null(pool);
	struct tb_counters *c = open1("perf::PAGE-FAULTS");
	assert_int_equal(tb_counters_bind(c, pool, err, sizeof(err)), 0);
	struct tb_sample_hook h = tb_counters_hook(c);
	double v[1];
	assert_int_equal(h.start(h.ctx), 0);
	tb_pool_run(pool, touch_part, NULL);
	int rc = h.stop(h.ctx, v);
	tb_counters_close(c);
	tb_pool_destroy(pool);
	assert_int_equal(rc, 0);
	print_message("page faults, 2 threads x %d pages: %.0f\n", PAGES / 2, v[0]);
	/* one thread alone would see only half of them */
	assert_true(v[0] >= PAGES);
	assert_true(v[0] <= MAX_FAULTS(PAGES) + 16);
}

/* More software events than the CPU has counters: they take no counter,
 * so they are not multiplexed and all of them count all the time.  (Where
 * only user space may be counted, the kernel-context ones are left out.) */
static void many_software_events_need_no_multiplexing(void **state)
{
	(void)state;
	need_counting();
	const char *all[] = {"perf::PAGE-FAULTS", "perf::TASK-CLOCK", "perf::MINOR-FAULTS",
			     "perf::MAJOR-FAULTS", "perf::CPU-CLOCK", "perf::CONTEXT-SWITCHES",
			     "perf::CPU-MIGRATIONS", "perf::CGROUP-SWITCHES"};
	const char **names = all;
	size_t n = sizeof(all) / sizeof(all[0]);
	if (tb_counters_access(NULL) == TB_CTR_USER)
		n -= 3;
	int slots = tb_counters_hw_slots();
	if ((int)n <= slots)
		skip(); /* a PMU with more counters than this test has events */
	char err[512];
	struct tb_counters *c = tb_counters_open(names, n, err, sizeof(err));
	if (!c)
		print_error("%s\n", err);
	assert_non_null(c);
	assert_false(tb_counters_multiplexed(c));
	assert_true(tb_counters_coverage(c) == 1.0);
	assert_int_equal(tb_counters_bind(c, NULL, err, sizeof(err)), 0);
	struct tb_sample_hook h = tb_counters_hook(c);
	double v[16];
	assert_int_equal(h.start(h.ctx), 0);
	touch_fresh(PAGES);
	int rc = h.stop(h.ctx, v);
	tb_counters_close(c);
	assert_int_equal(rc, 0);
	print_message("%zu events on %d counters: page faults %.0f, minor %.0f\n", n, slots, v[0], v[2]);
	assert_true(v[0] >= PAGES && v[0] <= MAX_FAULTS(PAGES));
	assert_true(v[2] >= PAGES && v[2] <= MAX_FAULTS(PAGES));
}

static void hardware_multiplexing(void **state)
{
	(void)state;
	const char *why;
	if (!tb_counters_hw_available(&why)) {
		print_message("SKIP: %s\n", why);
		skip();
	}
	int slots = tb_counters_hw_slots();
	const char *names[] = {"perf::CYCLES", "perf::INSTRUCTIONS", "perf::BRANCHES",
			       "perf::BRANCH-MISSES", "perf::CACHE-REFERENCES", "perf::CACHE-MISSES",
			       "perf::L1-DCACHE-LOADS", "perf::L1-DCACHE-LOAD-MISSES",
			       "perf::L1-ICACHE-LOAD-MISSES", "perf::STALLED-CYCLES-FRONTEND"};
	size_t n = (size_t)slots + 2 < 10 ? (size_t)slots + 2 : 10;
	char err[512];
	struct tb_counters *c = tb_counters_open(names, n, err, sizeof(err));
	if (!c) {
		print_message("SKIP: %s\n", err);
		skip();
	}
	assert_true(tb_counters_multiplexed(c));
	assert_true(tb_counters_coverage(c) < 1.0);
	assert_int_equal(tb_counters_bind(c, NULL, err, sizeof(err)), 0);
	struct tb_sample_hook h = tb_counters_hook(c);
	double v[16];
	assert_int_equal(h.start(h.ctx), 0);
	for (volatile int i = 0; i < 10000000; i++)
		;
	assert_int_equal(h.stop(h.ctx, v), 0);
	tb_counters_close(c);
	/* scaled estimates, but of a loop of 10 M iterations */
	assert_true(v[0] > 1e6 && v[1] > 1e7);
}

static void unknown_event_suggests(void **state)
{
	(void)state;
	need_counting();
	const char *name = "perf::PAGE-FALTS";
	char err[512];
	assert_null(tb_counters_open(&name, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "'perf::PAGE-FALTS'"));
	assert_non_null(strstr(err, "did you mean 'perf::PAGE-FAULTS'"));
	name = "NO_SUCH_THING_AT_ALL_42";
	assert_null(tb_counters_open(&name, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "unknown event 'NO_SUCH_THING_AT_ALL_42'"));
	assert_null(strstr(err, "did you mean"));
}

static void unavailable_preset_refused(void **state)
{
	(void)state;
	need_counting();
	const char *why;
	if (tb_counters_hw_available(&why))
		skip(); /* here PAPI_TOT_CYC counts: nothing to refuse */
	const char *name = "PAPI_TOT_CYC";
	char err[512];
	assert_null(tb_counters_open(&name, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "'PAPI_TOT_CYC'"));
	assert_non_null(strstr(err, "not available"));
	name = "perf::CYCLES";
	assert_null(tb_counters_open(&name, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "cannot be counted here"));
}

static void edit_distance(void **state)
{
	(void)state;
	assert_int_equal(tb_edit_distance("kitten", "sitting", 5), 3);
	assert_int_equal(tb_edit_distance("abc", "ABC", 5), 0);
	assert_int_equal(tb_edit_distance("a", "abcdefgh", 2), 3); /* capped */
	assert_int_equal(tb_edit_distance("", "ab", 5), 2);
}

static void default_set_counts_here(void **state)
{
	(void)state;
	need_counting();
	const char *names[8];
	bool hw;
	size_t n = tb_counters_default(names, 8, &hw);
	assert_true(n >= 1);
	char err[512] = "";
	struct tb_counters *c = tb_counters_open(names, n, err, sizeof(err));
	if (!c)
		print_error("%s\n", err);
	assert_non_null(c);
	if (!hw) { /* the kernel's task clock and page faults count everywhere */
		assert_true(n >= 2);
		assert_string_equal(names[0], "perf::TASK-CLOCK");
		assert_string_equal(names[1], "perf::PAGE-FAULTS");
	}
	tb_counters_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_faults_first_touch), cmocka_unit_test(task_clock_matches_wall),
		cmocka_unit_test(threads_are_summed),
		cmocka_unit_test(many_software_events_need_no_multiplexing),
		cmocka_unit_test(hardware_multiplexing), cmocka_unit_test(unknown_event_suggests),
		cmocka_unit_test(unavailable_preset_refused), cmocka_unit_test(edit_distance),
		cmocka_unit_test(default_set_counts_here),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
