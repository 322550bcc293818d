/*
 * test_foreign.c - the foreign readers on small hand-written documents:
 * bare NaN / Infinity outside strings only, detection by content, Google
 * Benchmark units / aggregates / cpu_time / counters, hyperfine seconds
 * and repeated names, criterion samples and the estimates cross-check.
 * (The real tools' files are tested in tests/cli/t1400-t1402.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/foreign.h"
#include "reports/json.h"
#include "reports/load.h"

#define NEAR(a, b, tol) assert_true(fabs((double)(a) - (double)(b)) <= (tol))

static char dir[64];

static const char *put(const char *name, const char *text)
{
	static char path[160];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	for (char *s = path + strlen(dir) + 1; (s = strchr(s, '/')); s++) { /* the directories */
		*s = 0;
		mkdir(path, 0700);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_foreign_XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static const struct tb_result *find(const struct tb_resultset *rs, const char *variant)
{
	for (size_t i = 0; i < rs->n; i++)
		if (!strcmp(rs->r[i].variant, variant))
			return &rs->r[i];
	fail_msg("no case %s", variant);
	return NULL;
}

static void bare_words(void **state)
{
	(void)state;
	const char *p = put("nan.json", "{\"a\": NaN, \"b\": -Infinity, \"c\": [Infinity, 1],"
					" \"s\": \"x NaN \\\" -Infinity\", \"BM_NaN\": 2}");
	char err[256];
	json_t *doc = tb_json_load_file(p, err, sizeof(err));
	assert_non_null(doc);
	assert_true(json_is_null(json_object_get(doc, "a")));
	assert_true(json_is_null(json_object_get(doc, "b")));
	assert_true(json_is_null(json_array_get(json_object_get(doc, "c"), 0)));
	assert_string_equal(json_string_value(json_object_get(doc, "s")), "x NaN \" -Infinity");
	assert_int_equal(json_integer_value(json_object_get(doc, "BM_NaN")), 2);
	json_decref(doc);
	p = put("bom.json", "\xef\xbb\xbf{\"x\": 1}");
	doc = tb_json_load_file(p, err, sizeof(err));
	assert_non_null(doc); /* a UTF-8 BOM is skipped */
	json_decref(doc);
	p = put("bad.json", "{\"x\": NaNa}");
	assert_null(tb_json_load_file(p, err, sizeof(err)));
	assert_non_null(strstr(err, "bad.json:1:"));
}

static void kinds(void **state)
{
	(void)state;
	static const struct { const char *head; const struct tb_reader *rd; } k[] = {
		{"{\"schema\": \"tbench-json-1\"}", &tb_reader_tbench_json},
		{"{\"context\": {}, \"benchmarks\": []}", &tb_reader_gbench},
		{"{\"benchmarks\": [], \"context\": {}}", &tb_reader_gbench}, /* jq -S */
		{"{\"context\": {\"host_name\": \"cut in the mid", &tb_reader_gbench},
		{"{\"results\": []}", &tb_reader_hyperfine},
		{"{\"sampling_mode\": \"Flat\", \"iters\": [1], \"times\": [2]}", &tb_reader_criterion},
		{"[[1], [2]]", &tb_reader_criterion},
		{"{\"mean\": {}, \"median\": {}}", &tb_reader_criterion},
		{"{\"group_id\": \"g\", \"full_id\": \"g\"}", &tb_reader_criterion},
		{"{\"x\": {\"results\": []}, \"s\": \"\\\"results\\\": 1\"}", NULL}, /* not at the top */
		{"[1, 2]", NULL},
	};
	const struct tb_reader *const all[] = {&tb_reader_tbench_json, &tb_reader_gbench,
					       &tb_reader_hyperfine, &tb_reader_criterion};
	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		const struct tb_reader *got = NULL;
		for (size_t j = 0; j < 4 && !got; j++)
			if (all[j]->detect(k[i].head, strlen(k[i].head)))
				got = all[j];
		if (got != k[i].rd)
			fail_msg("%s: detected as %s", k[i].head, got ? got->name : "nothing");
	}
}

/* every field a check can name has a name in every format */
static void field_names(void **state)
{
	(void)state;
	const struct tb_reader *const all[] = {&tb_reader_tbench_json, &tb_reader_tbench_csv,
					       &tb_reader_gbench, &tb_reader_hyperfine,
					       &tb_reader_criterion};
	for (size_t j = 0; j < sizeof(all) / sizeof(all[0]); j++)
		for (int k = 0; k < TB_LF_COUNT; k++)
			if (!all[j]->fields[k] || !all[j]->fields[k][0])
				fail_msg("%s: field %d has no name", all[j]->name, k);
}

#define ROW(name, rep, rt, ct, unit)                                                         \
	"{\"name\": \"" name "\", \"run_name\": \"" name "\", \"run_type\": \"iteration\","   \
	" \"repetitions\": 3, \"repetition_index\": " #rep ", \"threads\": 1,"                \
	" \"iterations\": 100, \"real_time\": " #rt ", \"cpu_time\": " #ct ","                \
	" \"time_unit\": \"" unit "\", \"bytes\": " #rep "}"
#define AGG(name, agg, rt, ct, unit)                                                         \
	"{\"name\": \"" name "_" agg "\", \"run_name\": \"" name "\", \"run_type\": \"aggregate\"," \
	" \"repetitions\": 3, \"threads\": 1, \"aggregate_name\": \"" agg "\","               \
	" \"aggregate_unit\": \"time\", \"iterations\": 3, \"real_time\": " #rt ","           \
	" \"cpu_time\": " #ct ", \"time_unit\": \"" unit "\"}"

static void gbench(void **state)
{
	(void)state;
	const char *p = put("gb.json", "{\"context\": {\"host_name\": \"h\", \"num_cpus\": 4,"
		" \"date\": \"d\", \"caches\": [{\"type\": \"Data\", \"level\": 1, \"size\": 32768,"
		" \"num_sharing\": 1}]}, \"benchmarks\": ["
		ROW("BM_a", 0, 2.0, 1.0, "us") "," ROW("BM_a", 1, 3.0, 1.5, "us") ","
		ROW("BM_a", 2, 4.0, 2.0, "us") ","
		AGG("BM_a", "mean", 3.0, 1.5, "us") "," AGG("BM_a", "median", 3.0, 1.5, "us") ","
		"{\"name\": \"BM_a_stddev\", \"run_name\": \"BM_a\", \"run_type\": \"aggregate\","
		" \"aggregate_name\": \"stddev\", \"iterations\": 3, \"real_time\": 1, \"cpu_time\": 0.5,"
		" \"time_unit\": \"us\"},"
		"{\"name\": \"BM_b\", \"iterations\": 7, \"real_time\": 5, \"cpu_time\": 4,"
		" \"time_unit\": \"ms\"}]}");
	struct tb_resultset rs = {0};
	char err[256] = "";
	assert_int_equal(tb_results_load(p, &rs, NULL, 0, err, sizeof(err)), 0);
	assert_int_equal(rs.n, 2);
	const struct tb_result *a = find(&rs, "BM_a");
	assert_string_equal(a->family, "gbench");
	assert_int_equal(a->nsamples, 3); /* aggregates are not samples */
	NEAR(a->samples[0], 2000, 1e-9);  /* us -> ns */
	NEAR(a->st.median, 3000, 1e-9);
	assert_int_equal(a->iters, 100);
	bool cpu = false, bytes = false;
	for (size_t j = 0; j < a->nmetrics; j++) {
		cpu |= !strcmp(a->metrics[j].name, "cpu_time") && fabs(a->metrics[j].median - 1500) < 1e-9;
		bytes |= !strcmp(a->metrics[j].name, "bytes") && fabs(a->metrics[j].mean - 1) < 1e-9;
	}
	assert_true(cpu);
	assert_true(bytes); /* a user counter: mean of 0, 1, 2 */
	const struct tb_result *b = find(&rs, "BM_b");
	assert_int_equal(b->nsamples, 1);
	NEAR(b->samples[0], 5e6, 1e-6); /* ms -> ns */
	assert_string_equal(tb_kv_get(&rs.fingerprint, "host.name"), "h");
	assert_string_equal(tb_kv_get(&rs.fingerprint, "cache.l1d"), "32K");
	assert_string_equal(tb_kv_get(&rs.fingerprint, "run.timestamp"), "d");
	tb_resultset_free(&rs);

	struct tb_read_opts o = {.gbench_time = TB_GBENCH_CPU};
	assert_int_equal(tb_results_load_opts(p, &o, &rs, NULL, 0, err, sizeof(err)), 0);
	NEAR(find(&rs, "BM_a")->st.median, 1500, 1e-9);
	tb_resultset_free(&rs);

	/* a median aggregate that is not the rows' median: refused */
	p = put("gb-edit.json", "{\"context\": {}, \"benchmarks\": ["
		ROW("BM_a", 0, 2.0, 1.0, "ns") "," ROW("BM_a", 1, 3.0, 1.5, "ns") ","
		ROW("BM_a", 2, 4.0, 2.0, "ns") "," AGG("BM_a", "median", 3.5, 1.5, "ns") "]}");
	assert_int_equal(tb_results_load(p, &rs, NULL, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "median aggregate's real_time"));
	assert_int_equal(rs.n, 0); /* nothing half-read is left */
	tb_resultset_free(&rs);
}

static void hyperfine(void **state)
{
	(void)state;
	const char *p = put("hf.json", "{\"results\": ["
		"{\"command\": \"x\", \"mean\": 0.002, \"median\": 0.002, \"user\": 0.001,"
		" \"system\": 0.0005, \"times\": [0.001, 0.002, 0.003], \"exit_codes\": [0, 1, null],"
		" \"parameters\": {\"n\": \"1\"}},"
		"{\"command\": \"x\", \"mean\": 0.002, \"median\": 0.002, \"user\": 0, \"system\": 0,"
		" \"times\": [0.002], \"exit_codes\": [0], \"parameters\": {\"n\": \"2\"}},"
		"{\"command\": \"y\", \"mean\": 0.004, \"median\": 0.004, \"user\": 0, \"system\": 0,"
		" \"exit_codes\": []}]}");
	struct tb_resultset rs = {0};
	char err[256] = "";
	assert_int_equal(tb_results_load(p, &rs, NULL, 0, err, sizeof(err)), 0);
	assert_int_equal(rs.n, 3);
	const struct tb_result *x1 = find(&rs, "x (n=1)");
	assert_int_equal(x1->nsamples, 3);
	NEAR(x1->samples[2], 3e6, 1e-6); /* s -> ns */
	assert_non_null(strstr(x1->note, "2 of 3 runs failed"));
	NEAR(x1->metrics[0].median, 1e6, 1e-6); /* user_ns: the mean */
	find(&rs, "x (n=2)");
	const struct tb_result *y = find(&rs, "y"); /* no times: the median only */
	assert_int_equal(y->nsamples, 0);
	NEAR(y->st.median, 4e6, 1e-6);
	tb_resultset_free(&rs);
}

static void criterion(void **state)
{
	(void)state;
	put("crit/new/sample.json", "{\"sampling_mode\": \"Linear\", \"iters\": [1, 2, 3],"
				    " \"times\": [10, 30, 60]}");
	put("crit/new/benchmark.json", "{\"group_id\": \"g\", \"function_id\": \"f\","
				       " \"full_id\": \"g/f\", \"throughput\": {\"Bytes\": 64}}");
	put("crit/new/estimates.json", "{\"mean\": {\"point_estimate\": 15},"
				       " \"median\": {\"point_estimate\": 15}, \"slope\": null}");
	char side[160], tree[160];
	snprintf(side, sizeof(side), "%s/crit/new", dir);
	snprintf(tree, sizeof(tree), "%s", dir);
	struct tb_resultset rs = {0};
	char err[512] = "";
	assert_int_equal(tb_results_load(side, &rs, NULL, 0, err, sizeof(err)), 0);
	assert_int_equal(rs.n, 1);
	const struct tb_result *r = &rs.r[0];
	assert_string_equal(r->variant, "g/f");
	assert_int_equal(r->nsamples, 3);
	NEAR(r->samples[1], 15, 1e-12); /* times / iters */
	NEAR(r->samples[2], 20, 1e-12);
	NEAR(r->bytes, 64, 0);
	assert_int_equal(r->iters, 1);
	tb_resultset_free(&rs);
	/* the tree above it reads every benchmark's new/; @base has none */
	assert_int_equal(tb_results_load(tree, &rs, NULL, 0, err, sizeof(err)), 0);
	assert_int_equal(rs.n, 1);
	tb_resultset_free(&rs);
	char at[200];
	snprintf(at, sizeof(at), "%s@base", tree);
	assert_int_equal(tb_results_load(at, &rs, NULL, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'base' directory"));
	tb_resultset_free(&rs);
	/* estimates from another run: refused, naming the file */
	put("crit/new/estimates.json", "{\"mean\": {\"point_estimate\": 15},"
				       " \"median\": {\"point_estimate\": 16}}");
	assert_int_equal(tb_results_load(side, &rs, NULL, 0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "estimates.json: median.point_estimate: 16, but the median"));
	assert_int_equal(rs.n, 0);
	tb_resultset_free(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bare_words), cmocka_unit_test(kinds), cmocka_unit_test(field_names), cmocka_unit_test(gbench),
		cmocka_unit_test(hyperfine),  cmocka_unit_test(criterion),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
