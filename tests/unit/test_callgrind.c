/*
 * test_callgrind.c - the pieces of `--metric instructions` that run without
 * valgrind: reading a callgrind dump's total, finding a program on PATH,
 * the `metric` column of the summary CSV (written, read back, checked), and
 * the comparison of counts: no test, a verdict on any change beyond the
 * threshold even with 3 samples a side.
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
#include <unistd.h>

#include "probes/callgrind.h"
#include "reports/compare.h"
#include "reports/csv_read.h"
#include "reports/writer.h"

static char dir[] = "/tmp/tb_test_callgrind_XXXXXX";

static char *path(const char *name)
{
	static char buf[256];
	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(path(name), "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void reads_totals(void **state)
{
	(void)state;
	double t = 0;
	char err[256] = "";
	/* the shape callgrind 3.19 writes for a client-request dump */
	write_file("d.1", "# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\n"
			  "desc: Trigger: Client Request: tbench sample\n\nevents: Ir\n"
			  "summary: 6007\n\nfn=(1) work\n0 6007\n\ntotals: 6008\n");
	assert_int_equal(tb_callgrind_read_total(path("d.1"), &t, err, sizeof(err)), 0);
	assert_true(t == 6008); /* totals wins */
	write_file("d.2", "events: Ir\nsummary: 123456789012\n");
	assert_int_equal(tb_callgrind_read_total(path("d.2"), &t, err, sizeof(err)), 0);
	assert_true(t == 123456789012.0);
	write_file("d.3", "events: Ir\nfn=(1) x\n0 5\n");
	assert_int_equal(tb_callgrind_read_total(path("d.3"), &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "has no totals line"));
	assert_int_equal(tb_callgrind_read_total(path("none"), &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot open callgrind dump"));
}

static void finds_programs(void **state)
{
	(void)state;
	char p[4096];
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;
	setenv("PATH", "/nonexistent::/bin:/usr/bin", 1);
	assert_int_equal(tb_find_program("sh", p, sizeof(p)), 0);
	assert_int_equal(access(p, X_OK), 0);
	assert_int_equal(tb_find_program("tb-no-such-program", p, sizeof(p)), -1);
	setenv("PATH", "", 1);
	assert_int_equal(tb_find_program("sh", p, sizeof(p)), 0); /* default PATH */
	if (saved) {
		setenv("PATH", saved, 1);
		free(saved);
	}
}

static void metric_column(void **state)
{
	(void)state;
	struct tb_resultset a = {0}, b = {0};
	struct tb_result *r = tb_resultset_add(&a);
	assert_string_equal(r->metric, "time");
	snprintf(r->family, sizeof(r->family), "scale");
	snprintf(r->variant, sizeof(r->variant), "scalar");
	snprintf(r->mode, sizeof(r->mode), "inplace");
	r->status = TB_STATUS_OK;
	snprintf(r->metric, sizeof(r->metric), "instructions");
	r->n = r->cols = r->items = 1000;
	r->bytes = 8000;
	double v[3] = {6018.2, 6018.2, 6018.2};
	assert_int_equal(tb_result_set_samples(r, v, 3), 0);
	assert_true(tb_result_is_insns(r));
	assert_true(isnan(r->items_per_s) && isnan(r->gbps)); /* no rate from a count */
	assert_true(r->st.median == 6018.2 && r->st.sd == 0 && r->st.mad == 0);

	FILE *f = fopen(path("s.csv"), "w");
	assert_non_null(f);
	struct tb_report rep = {.rs = &a};
	char err[256] = "";
	assert_int_equal(tb_writer_csv.write(f, &rep, err, sizeof(err)), 0);
	fclose(f);
	assert_int_equal(tb_csv_read_summary(path("s.csv"), &b, err, sizeof(err)), 0);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.r[0].metric, "instructions");
	assert_true(b.r[0].st.median == 6018.2);

	/* a file without the column is time; a bad value is refused */
	tb_resultset_free(&b);
	write_file("old.csv", "schema,family,variant,mode,n,threads,median_ns\n"
			      "tbench-1,scale,s,inplace,10,1,5\n");
	assert_int_equal(tb_csv_read_summary(path("old.csv"), &b, err, sizeof(err)), 0);
	assert_string_equal(b.r[0].metric, "time");
	tb_resultset_free(&b);
	write_file("bad.csv", "schema,family,variant,mode,n,threads,median_ns,metric\n"
			      "tbench-1,scale,s,inplace,10,1,5,cycles\n");
	assert_int_equal(tb_csv_read_summary(path("bad.csv"), &b, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "bad.csv:2: column metric: 'cycles'"));
	tb_resultset_free(&b);
	tb_resultset_free(&a);
}

static void add_case(struct tb_resultset *rs, const char *variant, const char *metric, double v)
{
	struct tb_result *r = tb_resultset_add(rs);
	snprintf(r->family, sizeof(r->family), "scale");
	snprintf(r->variant, sizeof(r->variant), "%s", variant);
	snprintf(r->mode, sizeof(r->mode), "inplace");
	r->status = TB_STATUS_OK;
	snprintf(r->metric, sizeof(r->metric), "%s", metric);
	r->n = r->cols = 1000;
	double s[3] = {v, v, v};
	assert_int_equal(tb_result_set_samples(r, s, 3), 0);
}

static void compares_counts(void **state)
{
	(void)state;
	struct tb_resultset a = {0}, b = {0};
	add_case(&a, "same", "instructions", 6018.2);
	add_case(&b, "same", "instructions", 6018.2);
	add_case(&a, "small", "instructions", 6000);
	add_case(&b, "small", "instructions", 6240); /* +4%: inside 5% */
	add_case(&a, "slower", "instructions", 6000);
	add_case(&b, "slower", "instructions", 6301); /* +5.02% */
	add_case(&a, "faster", "instructions", 6000);
	add_case(&b, "faster", "instructions", 3000);
	add_case(&a, "mixed", "time", 6000);
	add_case(&b, "mixed", "instructions", 6000);
	struct tb_compare_opts o;
	tb_compare_defaults(&o);
	struct tb_comparison c;
	char err[256] = "";
	assert_int_equal(tb_compare(&a, &b, &o, &c, err, sizeof(err)), 0);
	assert_int_equal(c.nrows, 5);
	assert_string_equal(c.metric_unit, "insn");
	const enum tb_verdict want[] = {TB_VERDICT_UNCHANGED, TB_VERDICT_UNCHANGED,
					TB_VERDICT_SLOWER, TB_VERDICT_FASTER, TB_VERDICT_NOT_OK};
	for (size_t i = 0; i < 5; i++)
		if (c.rows[i].verdict != want[i])
			fail_msg("%s: verdict %s, wanted %s (%s)", c.rows[i].key.variant,
				 tb_verdict_name(c.rows[i].verdict), tb_verdict_name(want[i]),
				 c.rows[i].note);
	assert_non_null(strstr(c.rows[0].note, "deterministic"));
	assert_non_null(strstr(c.rows[4].note, "metric time -> instructions"));
	assert_int_equal(c.nslower, 1);
	tb_comparison_free(&c);
	tb_resultset_free(&a);
	tb_resultset_free(&b);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	const char *names[] = {"d.1", "d.2", "d.3", "s.csv", "old.csv", "bad.csv"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(path(names[i]));
	return rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_totals),
		cmocka_unit_test(finds_programs),
		cmocka_unit_test(metric_column),
		cmocka_unit_test(compares_counts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
