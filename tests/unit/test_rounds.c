/*
 * test_rounds.c - cases pooled from several processes and cases disturbed
 * by preemption: run boundaries, the spread between runs beside the spread
 * within one, the cluster bootstrap and the paired run-level comparison
 * with unequal runs, the gap test for two
 * modes, pooling (--append, --rounds) and the new columns written and read
 * back (CSV, JSON), malformed values refused; a round's process started
 * without the parent's signal handler.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/baseline.h"
#include "reports/csv_read.h"
#include "reports/json.h"
#include "reports/outfile.h"
#include "reports/stats.h"
#include "reports/writer.h"
#include "probes/subprocess.h"

static char dir[] = "/tmp/tb_test_rounds_XXXXXX";

static char *path(const char *name)
{
	static char buf[256];
	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static void bounds(void **state)
{
	(void)state;
	size_t from, to, len[] = {3, 5, 2};
	tb_stats_run_bounds(10, 3, len, 1, &from, &to);
	assert_true(from == 3 && to == 8);
	tb_stats_run_bounds(10, 3, len, 2, &from, &to);
	assert_true(from == 8 && to == 10);
	tb_stats_run_bounds(10, 2, NULL, 1, &from, &to); /* equal shares */
	assert_true(from == 5 && to == 10);
}

/* three runs, each tight around its own level: the spread between them is
 * far above the one inside them */
static void spread_between_and_within(void **state)
{
	(void)state;
	double x[30];
	for (int i = 0; i < 30; i++)
		x[i] = (i < 10 ? 100 : i < 20 ? 110 : 120) + (i % 2 ? 0.5 : -0.5);
	double between, within;
	tb_stats_run_spread(x, 30, 3, NULL, &between, &within);
	/* medians 100, 110, 120: sd 10 / mean 110 */
	assert_true(fabs(between - 10.0 / 110) < 1e-9);
	assert_true(fabs(within - 1.482602218505602 * 0.5 / 110) < 1e-9); /* robust CV of the middle run */
	/* one run: no figure */
	tb_stats_run_spread(x, 30, 1, NULL, &between, &within);
	assert_true(isnan(between) && isnan(within));
	/* the counts decide where a run ends: 10, 10, 10 as given, or not */
	size_t len[] = {20, 5, 5};
	tb_stats_run_spread(x, 30, 3, len, &between, &within);
	assert_true(fabs(between - 10.0 / 110) > 1e-3);
}

/* b is run 1: 10 samples at 2, run 2: 90 at 1.  Resampled by its real
 * runs, a quarter of the resamples are run 1 twice (median 2); by equal
 * shares of 50 each, no resample reaches 2. */
static void cluster_bootstrap_uses_the_run_counts(void **state)
{
	(void)state;
	double a[100], b[100];
	for (int i = 0; i < 100; i++) {
		a[i] = 1.0;
		b[i] = i < 10 ? 2.0 : 1.0;
	}
	size_t blen[] = {10, 90};
	double lo, hi;
	assert_int_equal(tb_stats_ratio_ci_runs(a, 100, 1, NULL, b, 100, 2, blen, NULL, &lo, &hi), 0);
	assert_true(hi == 2.0);
	assert_int_equal(tb_stats_ratio_ci_runs(a, 100, 1, NULL, b, 100, 2, NULL, NULL, &lo, &hi), 0);
	assert_true(hi == 1.0);
}

/* the run-level comparison pairs run i with run i by their real counts:
 * a's runs are 5, 20, 5 samples at 100, 200, 100; b's 20, 5, 5 at 110,
 * 220, 110 (every run 10% slower).  By the counts each pair says 1.1; by
 * equal shares of 10 the runs mix levels and it says something else. */
static void paired_runs_use_the_run_counts(void **state)
{
	(void)state;
	double a[30], b[30];
	for (int i = 0; i < 30; i++) {
		a[i] = i >= 5 && i < 25 ? 200 : 100;
		b[i] = i >= 20 && i < 25 ? 220 : 110;
	}
	size_t alen[] = {5, 20, 5}, blen[] = {20, 5, 5};
	struct tb_runs_cmp c;
	assert_int_equal(tb_stats_compare_runs(a, 30, 3, alen, b, 30, 3, blen, 0.9, &c), 0);
	assert_true(c.paired && c.n == 3);
	assert_true(fabs(c.ratio - 1.1) < 1e-9);
	assert_int_equal(tb_stats_compare_runs(a, 30, 3, NULL, b, 30, 3, NULL, 0.9, &c), 0);
	assert_true(fabs(c.ratio - 1.1) > 0.01);
	double med[3];
	tb_stats_run_medians(b, 30, 3, blen, med);
	assert_true(med[0] == 110 && med[1] == 220 && med[2] == 110);
}

static void two_modes(void **state)
{
	(void)state;
	double x[100];
	/* 5.2 us most of the time, 840 us when a worker waits for the CPU */
	for (int i = 0; i < 100; i++)
		x[i] = (i % 4 == 0 ? 840e3 : 5.2e3) * (1 + 0.01 * (i % 7));
	assert_true(fabs(tb_stats_bimodal(x, 100) - 0.25) < 1e-12);
	/* one mode with a spread of +-30%: no gap */
	for (int i = 0; i < 100; i++)
		x[i] = 1000 * (0.7 + 0.006 * i);
	assert_true(isnan(tb_stats_bimodal(x, 100)));
	/* three outliers (< 5%) are outliers, not a mode */
	for (int i = 0; i < 100; i++)
		x[i] = i < 3 ? 1e6 : 1000 + i;
	assert_true(isnan(tb_stats_bimodal(x, 100)));
	assert_true(isnan(tb_stats_bimodal(x, TB_BIMODAL_MIN_N - 1)));
}

static void one_run(struct tb_resultset *rs, double level, size_t n, double disturbed)
{
	memset(rs, 0, sizeof(*rs));
	struct tb_result *r = tb_resultset_add(rs);
	snprintf(r->family, sizeof(r->family), "add");
	snprintf(r->variant, sizeof(r->variant), "threaded");
	snprintf(r->mode, sizeof(r->mode), "inplace");
	r->status = TB_STATUS_OK;
	r->n = r->cols = 65536;
	r->rows = 1;
	r->threads = 2;
	r->iters = 3;
	double ns[64];
	for (size_t i = 0; i < n; i++)
		ns[i] = level + (double)(i % 3);
	assert_int_equal(tb_result_set_samples(r, ns, n), 0);
	r->disturbed = disturbed;
}

static void pooled(struct tb_resultset *all)
{
	struct tb_resultset r2, r3;
	char err[256];
	one_run(all, 100, 20, 0.0);
	one_run(&r2, 130, 30, 0.5);
	one_run(&r3, 115, 10, NAN); /* disturbance not measured */
	assert_int_equal(tb_resultset_append_samples(all, &r2, err, sizeof(err)), 0);
	assert_int_equal(tb_resultset_append_samples(all, &r3, err, sizeof(err)), 0);
	tb_resultset_free(&r2);
	tb_resultset_free(&r3);
}

static void pooling_counts_runs(void **state)
{
	(void)state;
	struct tb_resultset all;
	pooled(&all);
	const struct tb_result *r = &all.r[0];
	assert_int_equal(r->runs, 3);
	assert_int_equal(r->nsamples, 60);
	assert_non_null(r->run_n);
	assert_true(r->run_n[0] == 20 && r->run_n[1] == 30 && r->run_n[2] == 10);
	/* 15 of the 50 samples where it was measured */
	assert_true(fabs(r->disturbed - 15.0 / 50) < 1e-12);
	assert_true(r->between_cv > r->within_cv);
	assert_true(tb_result_runs_differ(r));
	assert_true(tb_result_disturbed(r));
	/* a run that measured nothing adds no run; a failure in it shows */
	struct tb_resultset none;
	char err[256];
	one_run(&none, 1, 0, NAN);
	none.r[0].status = TB_STATUS_FAILED_VERIFY;
	assert_int_equal(tb_resultset_append_samples(&all, &none, err, sizeof(err)), 0);
	assert_int_equal(all.r[0].runs, 3);
	assert_int_equal(all.r[0].status, TB_STATUS_FAILED_VERIFY);
	tb_resultset_free(&none);
	tb_resultset_free(&all);
}

static int write_with(const struct tb_writer *w, const struct tb_resultset *rs, const char *name,
		      bool samples)
{
	struct tb_outfile o;
	char err[256];
	assert_int_equal(tb_outfile_open(&o, path(name), err, sizeof(err)), 0);
	struct tb_report rep = {.rs = rs, .samples = samples};
	assert_int_equal(w->write(o.f, &rep, err, sizeof(err)), 0);
	return tb_outfile_commit(&o, err, sizeof(err));
}

static void same_runs(const struct tb_result *a, const struct tb_result *b)
{
	assert_int_equal(b->runs, a->runs);
	assert_non_null(b->run_n);
	assert_memory_equal(b->run_n, a->run_n, a->runs * sizeof(size_t));
	assert_true(fabs(b->between_cv - a->between_cv) < 1e-9);
	assert_true(fabs(b->within_cv - a->within_cv) < 1e-9);
	assert_true(fabs(b->disturbed - a->disturbed) < 1e-9);
	assert_true(isnan(a->bimodal) ? isnan(b->bimodal) : fabs(b->bimodal - a->bimodal) < 1e-9);
}

static void written_and_read_back(void **state)
{
	(void)state;
	struct tb_resultset a, b = {0}, c = {0};
	char err[256] = "";
	pooled(&a);
	assert_int_equal(write_with(&tb_writer_csv, &a, "s.csv", false), 0);
	assert_int_equal(write_with(&tb_writer_samples_csv, &a, "x.csv", false), 0);
	assert_int_equal(tb_csv_read_summary(path("s.csv"), &b, err, sizeof(err)), 0);
	same_runs(&a.r[0], &b.r[0]);
	assert_int_equal(tb_csv_read_samples(path("x.csv"), &b, err, sizeof(err)), 0);
	same_runs(&a.r[0], &b.r[0]); /* re-derived from the samples: the same */
	assert_int_equal(write_with(&tb_writer_json, &a, "s.json", true), 0);
	assert_int_equal(tb_json_read(path("s.json"), &c, err, sizeof(err)), 0);
	same_runs(&a.r[0], &c.r[0]);
	tb_resultset_free(&a);
	tb_resultset_free(&b);
	tb_resultset_free(&c);
	/* files without the new columns: one run, nothing known */
	FILE *f = fopen(path("old.csv"), "w");
	fputs("schema,family,variant,mode,n,threads,median_ns\ntbench-1,add,s,-,10,1,5\n", f);
	fclose(f);
	assert_int_equal(tb_csv_read_summary(path("old.csv"), &b, err, sizeof(err)), 0);
	assert_true(isnan(b.r[0].between_cv) && isnan(b.r[0].disturbed) && !b.r[0].run_n);
	tb_resultset_free(&b);
}

#define HDR "schema,family,variant,mode,n,threads,median_ns,samples,runs,run_samples,disturbed,between_cv\n"

static void refused(const char *row, const char *needle)
{
	struct tb_resultset rs = {0};
	char err[256] = "";
	FILE *f = fopen(path("bad.csv"), "w");
	fprintf(f, HDR "%s\n", row);
	fclose(f);
	assert_int_equal(tb_csv_read_summary(path("bad.csv"), &rs, err, sizeof(err)), -1);
	if (!strstr(err, needle) || !strstr(err, "bad.csv:2"))
		fail_msg("error '%s' lacks '%s'", err, needle);
	tb_resultset_free(&rs);
}

static void malformed_values_refused(void **state)
{
	(void)state;
	refused("tbench-1,add,s,-,10,1,5,30,3,10;10,,", "2 counts for 3 runs");
	refused("tbench-1,add,s,-,10,1,5,30,3,10;10;11,,", "add up to 31, not the 30");
	refused("tbench-1,add,s,-,10,1,5,30,3,10;x;10,,", "not positive counts");
	refused("tbench-1,add,s,-,10,1,5,30,3,10;0;20,,", "not positive counts");
	refused("tbench-1,add,s,-,10,1,5,30,3,10;10;10,1.5,", "column disturbed");
	refused("tbench-1,add,s,-,10,1,5,30,3,10;10;10,,-1", "column between_cv");
	struct tb_resultset rs = {0};
	char err[256] = "";
	FILE *f = fopen(path("ok.csv"), "w");
	fputs(HDR "tbench-1,add,s,-,10,1,5,30,3,10;12;8,0.25,0.03\n", f);
	fclose(f);
	assert_int_equal(tb_csv_read_summary(path("ok.csv"), &rs, err, sizeof(err)), 0);
	assert_true(rs.r[0].run_n[1] == 12 && rs.r[0].disturbed == 0.25);
	tb_resultset_free(&rs);
}

/* A round's process must not run the parent's signal handler: a signal
 * forwarded between fork and exec (the parent forwards the first Ctrl-C at
 * once, also to a child just forked) reached the copy of run_session.c's
 * handler, which, seeing the parent's stop flag, took it for a second
 * Ctrl-C and removed the parent's temporary output files (t1120 saw
 * "cannot write 'i.csv': No such file or directory").  This handler does
 * the same to a file; the forwarded signal must never reach it. */
static volatile sig_atomic_t stop_flag;
static char victim[256];

static void parent_handler(int sig)
{
	if (stop_flag)
		unlink(victim);
	stop_flag = sig;
}

static void forwarded_signal_skips_the_parents_handler(void **state)
{
	(void)state;
	snprintf(victim, sizeof(victim), "%s", path("victim"));
	struct sigaction sa = {0}, old;
	sa.sa_handler = parent_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	char *const argv[] = {(char *)"true", NULL};
	for (int i = 0; i < 40; i++) {
		FILE *f = fopen(victim, "w");
		assert_non_null(f);
		fclose(f);
		stop_flag = SIGINT; /* the first Ctrl-C came: forwarded at once */
		struct tb_spawn sp = {.path = "/bin/true", .argv = argv, .stop = &stop_flag};
		int status = -1;
		char err[256];
		assert_int_equal(tb_spawn_wait(&sp, &status, err, sizeof(err)), 0);
		if (access(victim, F_OK))
			fail_msg("round %d: the child ran the parent's handler (status %d)", i, status);
	}
	sigaction(SIGINT, &old, NULL);
	stop_flag = 0;
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bounds),
		cmocka_unit_test(spread_between_and_within),
		cmocka_unit_test(cluster_bootstrap_uses_the_run_counts),
		cmocka_unit_test(paired_runs_use_the_run_counts),
		cmocka_unit_test(two_modes),
		cmocka_unit_test(pooling_counts_runs),
		cmocka_unit_test(written_and_read_back),
		cmocka_unit_test(malformed_values_refused),
		cmocka_unit_test(forwarded_signal_skips_the_parents_handler),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
