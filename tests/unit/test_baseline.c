/*
 * test_baseline.c - baselines saved and loaded back (samples, fingerprint
 * values with edge blanks), replaced atomically, never damaged by
 * concurrent savers, merged for interleaved rounds, listed when missing,
 * and damaged ones rejected naming the file and line.
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
#include <sys/wait.h>
#include <unistd.h>

#include "reports/baseline.h"
#include "reports/load.h"

static char dir[] = "/tmp/tb_test_baseline_XXXXXX";

static void make_set(struct tb_resultset *rs, double base, size_t n)
{
	memset(rs, 0, sizeof(*rs));
	for (int i = 0; i < 2; i++) {
		struct tb_result *r = tb_resultset_add(rs);
		snprintf(r->family, sizeof(r->family), "spin");
		snprintf(r->variant, sizeof(r->variant), "v%d", i);
		snprintf(r->mode, sizeof(r->mode), "-");
		r->status = TB_STATUS_OK;
		r->n = 1000;
		r->cols = 1000;
		r->iters = 3;
		double ns[64];
		for (size_t k = 0; k < n; k++)
			ns[k] = base + (double)k;
		assert_int_equal(tb_result_set_samples(r, ns, n), 0);
	}
	tb_kv_set(&rs->fingerprint, "cpu.model", "Test CPU");
	tb_kv_set(&rs->fingerprint, "build.flags", " -O3 -DNDEBUG");
	tb_kv_set(&rs->options, "samples", "10");
}

static int save(const char *name, const struct tb_resultset *rs)
{
	struct tb_baseline_tx tx;
	char err[512];
	if (tb_baseline_begin(&tx, dir, name, err, sizeof(err)))
		return -1;
	return tb_baseline_commit(&tx, rs, err, sizeof(err));
}

static void round_trip(void **state)
{
	(void)state;
	struct tb_resultset rs, back = {0};
	make_set(&rs, 100, 10);
	assert_int_equal(save("rt", &rs), 0);
	char err[512];
	assert_int_equal(tb_baseline_load(dir, "rt", &back, err, sizeof(err)), 0);
	assert_int_equal(back.n, 2);
	assert_int_equal(back.r[1].nsamples, 10);
	assert_true(back.r[1].samples[9] == 109);
	assert_true(back.r[0].st.median == 104.5);
	assert_string_equal(tb_kv_get(&back.fingerprint, "build.flags"), " -O3 -DNDEBUG");
	assert_string_equal(tb_kv_get(&back.options, "samples"), "10");
	tb_resultset_free(&back);
	/* replace it: the new content is what loads; no temporary left */
	struct tb_resultset rs2;
	make_set(&rs2, 500, 20);
	assert_int_equal(save("rt", &rs2), 0);
	assert_int_equal(tb_baseline_load(dir, "rt", &back, err, sizeof(err)), 0);
	assert_int_equal(back.r[0].nsamples, 20);
	assert_true(back.r[0].samples[0] == 500);
	tb_resultset_free(&back);
	char list[256];
	tb_baseline_list(dir, list, sizeof(list));
	assert_string_equal(list, "rt");
	tb_resultset_free(&rs);
	tb_resultset_free(&rs2);
}

static void missing_lists_existing(void **state)
{
	(void)state;
	struct tb_resultset rs, back = {0};
	make_set(&rs, 1, 5);
	assert_int_equal(save("zeta", &rs), 0);
	assert_int_equal(save("alpha", &rs), 0);
	char err[512];
	assert_int_equal(tb_baseline_load(dir, "nosuch", &back, err, sizeof(err)), -2);
	assert_non_null(strstr(err, "'nosuch'"));
	assert_non_null(strstr(err, "alpha, "));
	assert_non_null(strstr(err, "zeta"));
	assert_int_equal(tb_baseline_load(dir, "../etc", &back, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "invalid baseline name"));
	tb_resultset_free(&back);
	tb_resultset_free(&rs);
}

/* Several processes replace one baseline at once while another loads it:
 * every load sees one complete baseline (all samples of one saver). */
static void concurrent_savers(void **state)
{
	(void)state;
	struct tb_resultset first;
	make_set(&first, 1000, 8);
	assert_int_equal(save("race", &first), 0);
	tb_resultset_free(&first);
	pid_t kids[4];
	for (int p = 0; p < 4; p++) {
		kids[p] = fork();
		assert_true(kids[p] >= 0);
		if (kids[p] == 0) {
			struct tb_resultset rs;
			make_set(&rs, 1000.0 * (p + 2), 8 + 8 * (size_t)p);
			for (int i = 0; i < 25; i++)
				if (save("race", &rs))
					_exit(1);
			tb_resultset_free(&rs);
			_exit(0);
		}
	}
	int bad = 0;
	for (int i = 0; i < 60; i++) {
		struct tb_resultset back = {0};
		char err[512];
		if (tb_baseline_load(dir, "race", &back, err, sizeof(err))) {
			fprintf(stderr, "load failed: %s\n", err);
			bad++;
		} else {
			/* one saver's set: base b has 8*(b/1000 - 1) samples */
			double b = back.r[0].samples[0];
			size_t want = (size_t)(8 * (b / 1000 - 1));
			if (want == 0)
				want = 8;
			if (back.n != 2 || back.r[0].nsamples != want || back.r[1].nsamples != want)
				bad++;
		}
		tb_resultset_free(&back);
	}
	for (int p = 0; p < 4; p++) {
		int st;
		waitpid(kids[p], &st, 0);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	assert_int_equal(bad, 0);
	char list[256];
	tb_baseline_list(dir, list, sizeof(list));
	assert_null(strstr(list, "tmp"));
}

static void merge_rounds(void **state)
{
	(void)state;
	struct tb_resultset a, b;
	make_set(&a, 100, 4);
	make_set(&b, 200, 6);
	struct tb_result *extra = tb_resultset_add(&b);
	snprintf(extra->family, sizeof(extra->family), "spin");
	snprintf(extra->variant, sizeof(extra->variant), "new");
	snprintf(extra->mode, sizeof(extra->mode), "-");
	extra->status = TB_STATUS_OK;
	extra->n = extra->cols = 1000;
	const double two[] = {7, 8};
	assert_int_equal(tb_result_set_samples(extra, two, 2), 0);
	char err[256];
	assert_int_equal(tb_resultset_append_samples(&a, &b, err, sizeof(err)), 0);
	assert_int_equal(a.n, 3);
	assert_int_equal(a.r[0].nsamples, 10);
	assert_true(a.r[0].samples[0] == 100 && a.r[0].samples[4] == 200);
	assert_true(a.r[0].st.median == 200.5); /* 100..103 and 200..205 */
	assert_string_equal(a.r[2].variant, "new");
	/* the merged case pools two runs; a case new in b is one run */
	assert_int_equal(a.r[0].runs, 2);
	assert_true(a.r[2].runs <= 1);
	assert_int_equal(tb_resultset_append_samples(&a, &b, err, sizeof(err)), 0);
	assert_int_equal(a.r[0].runs, 3);
	assert_int_equal(a.r[2].runs, 2);
	/* the run count survives a save and a load (summary column runs) */
	assert_int_equal(save("merged", &a), 0);
	struct tb_resultset back = {0};
	if (tb_baseline_load(dir, "merged", &back, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(back.r[0].runs, 3);
	assert_int_equal(back.r[0].nsamples, 16);
	tb_resultset_free(&back);
	tb_resultset_free(&a);
	tb_resultset_free(&b);
}

static void write_file(const char *name, const char *text)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void truncated_samples(void **state)
{
	(void)state;
	struct tb_resultset rs, back = {0};
	make_set(&rs, 100, 10);
	assert_int_equal(save("trunc", &rs), 0);
	tb_resultset_free(&rs);
	/* cut samples.csv at a row boundary: the counts no longer match */
	char p[256];
	snprintf(p, sizeof(p), "%s/trunc/samples.csv", dir);
	FILE *f = fopen(p, "r+");
	assert_non_null(f);
	char line[256];
	long keep = 0;
	for (int i = 0; i < 6 && fgets(line, sizeof(line), f); i++)
		keep = ftell(f);
	fclose(f);
	assert_int_equal(truncate(p, keep), 0);
	char err[512];
	assert_int_equal(tb_baseline_load(dir, "trunc", &back, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "samples.csv"));
	assert_non_null(strstr(err, "summary.csv:2"));
	tb_resultset_free(&back);
	/* a summary CSV path with its -samples.csv beside it */
	write_file("x.csv", "schema,family,variant,mode,n,threads,median_ns,samples\n"
			    "tbench-1,spin,a,-,10,1,2,3\n");
	write_file("x-samples.csv", "schema,family,variant,mode,n,threads,sample,iters,ns_per_iter\n"
				    "tbench-1,spin,a,-,10,1,0,1,1\ntbench-1,spin,a,-,10,1,1,1,2\n"
				    "tbench-1,spin,a,-,10,1,2,1,3\n");
	snprintf(p, sizeof(p), "%s/x.csv", dir);
	assert_int_equal(tb_results_load(p, &back, NULL, 0, err, sizeof(err)), 0);
	assert_int_equal(back.r[0].nsamples, 3);
	tb_resultset_free(&back);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),       cmocka_unit_test(missing_lists_existing),
		cmocka_unit_test(concurrent_savers), cmocka_unit_test(merge_rounds),
		cmocka_unit_test(truncated_samples),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
