/*
 * test_exec_counters.c - `tbench exec --events` below the command line:
 * the cross-check's tolerances; a counter that disagrees with wait4's
 * rusage becomes unknown in the result (NaN, said in the note), never a
 * figure; a real counted run of a child that faults, sleeps and forks
 * counts it within bounds, its grandchild included, and agrees with its
 * rusage; a bad name is refused naming it; a name PAPI alone knows is
 * refused for a whole command.  Counting tests SKIP only where the kernel
 * allows no counting at all.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probes/counters.h"
#include "probes/exec_counters.h"
#include "reports/exec_result.h"

static void need_counting(void)
{
	const char *why, *pre = getenv("LD_PRELOAD");
	/* scripts/test.sh's memcheck pass: libpapi's own allocations show as
	 * leaks there (test_counters is left out of it for that); ASan runs it */
	if (pre && strstr(pre, "vgpreload")) {
		print_message("SKIP: counting under valgrind (libpapi's allocations)\n");
		skip();
	}
	if (tb_counters_access(&why) == TB_CTR_NONE) {
		print_message("SKIP: nothing can be counted here: %s\n", why);
		skip();
	}
}

static void test_tolerances(void **state)
{
	(void)state;
	double tol;
	assert_true(tb_exec_xcheck(TB_XC_FAULTS, 1000, 1003, &tol));
	assert_false(tb_exec_xcheck(TB_XC_FAULTS, 1000, 1500, &tol));
	assert_true(tol > 8 && tol < 100);
	assert_true(tb_exec_xcheck(TB_XC_SWITCHES, 10, 11, &tol));
	assert_false(tb_exec_xcheck(TB_XC_SWITCHES, 20, 10, &tol)); /* counter above rusage */
	assert_false(tb_exec_xcheck(TB_XC_SWITCHES, 2, 40, &tol));
	assert_true(tb_exec_xcheck(TB_XC_CPU_TIME, 1.0e6, 1.05e6, &tol));
	assert_true(tb_exec_xcheck(TB_XC_CPU_TIME, 0.6e6, 0.95e6, &tol)); /* the exec before enabling */
	assert_false(tb_exec_xcheck(TB_XC_CPU_TIME, 10e6, 20e6, &tol));   /* a child's time lost */
	assert_false(tb_exec_xcheck(TB_XC_CPU_TIME, 20e6, 10e6, &tol));   /* more than the runtime */
	assert_false(tb_exec_xcheck(TB_XC_FAULTS, NAN, 10, &tol)); /* not counted: no figure */
	assert_true(tb_exec_xcheck(TB_XC_NONE, 123, NAN, &tol));
}

/* a counter that disagrees in one run is unknown for the case */
static void test_disagreement_unknown(void **state)
{
	(void)state;
	struct tb_exec_counters x = {.n = 2, .xc = {TB_XC_FAULTS, TB_XC_NONE}};
	struct tb_exec_result res = {0};
	res.nctr = 2;
	snprintf(res.ctr_name[0], sizeof(res.ctr_name[0]), "perf::PAGE-FAULTS");
	snprintf(res.ctr_name[1], sizeof(res.ctr_name[1]), "perf::CPU-MIGRATIONS");
	res.runs = calloc(3, sizeof(*res.runs));
	assert_non_null(res.runs);
	for (size_t i = 0; i < 3; i++) {
		struct tb_exec_run *r = &res.runs[i];
		r->wall_ns = 1e6 + (double)i;
		r->minflt = 110;
		r->pre_minflt = 10;
		r->ctr[0] = i == 1 ? 400 : 101; /* run 2 disagrees */
		r->ctr[1] = 1;
		res.n = i + 1;
		tb_exec_counters_judge(&x, r, &res);
	}
	assert_true(res.ctr_unknown[0]);
	assert_false(res.ctr_unknown[1]);
	assert_non_null(strstr(res.ctr_why[0], "run 2"));
	assert_non_null(strstr(res.ctr_why[0], "ru_minflt"));
	struct tb_result r = {0};
	assert_int_equal(tb_result_from_exec(&r, "x", &res, 1), 0);
	bool seen = false;
	for (size_t j = 0; j < r.nmetrics; j++) {
		if (!strcmp(r.metrics[j].name, "perf::PAGE-FAULTS")) {
			assert_true(isnan(r.metrics[j].median));
			seen = true;
		}
		if (!strcmp(r.metrics[j].name, "perf::CPU-MIGRATIONS"))
			assert_true(r.metrics[j].median == 1);
	}
	assert_true(seen);
	assert_non_null(strstr(r.note, "perf::PAGE-FAULTS unknown"));
	tb_result_free(&r);
	free(res.runs);
}

/* tests/helpers/touch_pages.c, built beside this test */
static const char *helper(void)
{
	static char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	assert_true(n > 0);
	path[n] = 0;
	char *slash = strrchr(path, '/');
	assert_non_null(slash);
	strcpy(slash + 1, "tb_touch_pages");
	return path;
}

static void test_counted_child(void **state)
{
	(void)state;
	need_counting();
	struct tb_exec_counters x;
	char note[512], err[512];
	assert_int_equal(tb_exec_counters_open(&x, "perf::PAGE-FAULTS,perf::CONTEXT-SWITCHES,"
					      "perf::TASK-CLOCK", note, sizeof(note), err,
					      sizeof(err)), 0);
	assert_int_equal(x.n, 3);
	assert_int_equal(x.xc[0], TB_XC_FAULTS);
	assert_int_equal(x.xc[1], TB_XC_SWITCHES);
	assert_int_equal(x.xc[2], TB_XC_CPU_TIME);
	double base = NAN;
	for (int k = 0; k < 3; k++) {
		/* 0 pages; 2000 pages and 5 sleeps; the same in a forked child */
		char *const a0[] = {(char *)helper(), "0", NULL};
		char *const a1[] = {(char *)helper(), "2000", "5", NULL};
		char *const a2[] = {(char *)helper(), "2000", "5", "fork", NULL};
		struct tb_exec_run r;
		int rc = tb_exec_counted(k == 0 ? a0 : k == 1 ? a1 : a2, false, &x, &r, err,
					 sizeof(err));
		if (rc)
			print_message("%s\n", err);
		assert_int_equal(rc, 0);
		assert_int_equal(r.status, 0);
		for (size_t i = 0; i < 3; i++) {
			double tol, ref = tb_exec_xcheck_ref(x.xc[i], &r);
			print_message("run %d: %s %.0f, rusage %.0f\n", k, tb_counters_name(x.c, i),
				      r.ctr[i], ref);
			assert_true(tb_exec_xcheck(x.xc[i], r.ctr[i], ref, &tol));
		}
		if (k == 0) {
			base = r.ctr[0];
			assert_true(base > 0);
		} else {
			assert_true(r.ctr[0] >= base + 2000 - 10); /* the runs differ by a few */
			assert_true(r.ctr[0] <= base + 2000 + 400);
			assert_true(r.ctr[1] >= 5);
		}
		assert_true(r.ctr[2] > 0);
	}
	tb_exec_counters_close(&x);
}

static void test_bad_names(void **state)
{
	(void)state;
	need_counting();
	struct tb_exec_counters x;
	char note[512], err[512];
	assert_int_equal(tb_exec_counters_open(&x, "perf::PAGE-FALTS", note, sizeof(note), err,
					      sizeof(err)), -1);
	assert_non_null(strstr(err, "'perf::PAGE-FALTS'"));
	assert_int_equal(tb_exec_counters_open(&x, "perf::CS,perf::CS", note, sizeof(note), err,
					      sizeof(err)), -1);
	assert_non_null(strstr(err, "listed twice"));
	/* a PAPI preset with no perf_event equivalent: PAPI only */
	if (tb_counters_init(NULL, 0) == 0) {
		int rc = tb_exec_counters_open(&x, "PAPI_L1_DCM", note, sizeof(note), err, sizeof(err));
		if (rc == 0)
			tb_exec_counters_close(&x);
		else
			assert_non_null(strstr(err, "PAPI_L1_DCM"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tolerances),
		cmocka_unit_test(test_disagreement_unknown),
		cmocka_unit_test(test_counted_child),
		cmocka_unit_test(test_bad_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
