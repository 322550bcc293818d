/*
 * test_csv.c - the summary and samples CSV written and parsed back (with
 * hostile strings), atomic output files, and malformed input rejected with
 * the file and line named.
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

#include "reports/csv_read.h"
#include "reports/outfile.h"
#include "reports/writer.h"

static char dir[] = "/tmp/tb_test_csv_XXXXXX";

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

static void make_set(struct tb_resultset *rs)
{
	memset(rs, 0, sizeof(*rs));
	snprintf(rs->name, sizeof(rs->name), "label, with \"quotes\"\nand a newline");
	for (int i = 0; i < 3; i++) {
		struct tb_result *r = tb_resultset_add(rs);
		snprintf(r->family, sizeof(r->family), "scale");
		snprintf(r->variant, sizeof(r->variant), "v%d", i);
		snprintf(r->mode, sizeof(r->mode), "inplace");
		r->n = 1000 + (uint64_t)i;
		r->rows = 1;
		r->cols = r->n;
		r->threads = 1 + (unsigned)i;
		r->status = TB_STATUS_OK;
		snprintf(r->note, sizeof(r->note), "a, \"note\"");
		snprintf(r->unit, sizeof(r->unit), "elem");
		r->iters = 4;
		r->bytes = 8.0 * (double)r->n;
		r->items = (double)r->n;
		double ns[5] = {100, 110.5, 90.25, 105, 1e3 + i};
		assert_int_equal(tb_result_set_samples(r, ns, 5), 0);
		tb_result_add_metric(r, "perf::PAGE-FAULTS", 0.5, 0.25 * i);
		r->limit_share = 0.5 + 0.125 * i;
		r->items_per_cycle = i ? 6.25 * i : NAN; /* unknown stays unknown */
	}
}

static int write_with(const struct tb_writer *w, const struct tb_resultset *rs, const char *name)
{
	struct tb_outfile o;
	char err[256];
	assert_int_equal(tb_outfile_open(&o, path(name), err, sizeof(err)), 0);
	struct tb_report rep = {.rs = rs};
	assert_int_equal(w->write(o.f, &rep, err, sizeof(err)), 0);
	return tb_outfile_commit(&o, err, sizeof(err));
}

static void round_trip(void **state)
{
	(void)state;
	struct tb_resultset a, b = {0};
	make_set(&a);
	assert_int_equal(write_with(&tb_writer_csv, &a, "s.csv"), 0);
	assert_int_equal(write_with(&tb_writer_samples_csv, &a, "x.csv"), 0);
	char err[256] = "";
	assert_int_equal(tb_csv_read_summary(path("s.csv"), &b, err, sizeof(err)), 0);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.name, a.name);
	for (size_t i = 0; i < 3; i++) {
		assert_true(tb_result_same_key(&a.r[i], &b.r[i]));
		assert_string_equal(b.r[i].note, "a, \"note\"");
		assert_true(fabs(b.r[i].st.median - a.r[i].st.median) < 1e-6);
		assert_int_equal(b.r[i].nmetrics, 1);
		assert_string_equal(b.r[i].metrics[0].name, "perf::PAGE-FAULTS");
		assert_true(b.r[i].metrics[0].median == 0.25 * (double)i);
	}
	assert_int_equal(tb_csv_read_samples(path("x.csv"), &b, err, sizeof(err)), 0);
	for (size_t i = 0; i < 3; i++) {
		/* measured context survives re-deriving from the samples */
		assert_true(b.r[i].limit_share == a.r[i].limit_share);
		if (i)
			assert_true(b.r[i].items_per_cycle == a.r[i].items_per_cycle);
		else
			assert_true(isnan(b.r[i].items_per_cycle));
		assert_int_equal(b.r[i].nsamples, 5);
		assert_memory_equal(b.r[i].samples, a.r[i].samples, 5 * sizeof(double));
	}
	tb_resultset_free(&a);
	tb_resultset_free(&b);
}

#define HDR "schema,family,variant,mode,n,threads,median_ns\n"

static void expect_error(const char *text, const char *needle)
{
	struct tb_resultset rs = {0};
	char err[256] = "";
	write_file("bad.csv", text);
	assert_int_equal(tb_csv_read_summary(path("bad.csv"), &rs, err, sizeof(err)), -1);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
	assert_non_null(strstr(err, "bad.csv"));
	tb_resultset_free(&rs);
}

static void malformed(void **state)
{
	(void)state;
	expect_error("", "empty");
	expect_error("family,variant\n", "missing column 'schema'");
	expect_error(HDR "tbench-9,scale,s,inplace,10,1,5\n", "bad.csv:2: schema");
	expect_error(HDR "tbench-1,scale,s,inplace,ten,1,5\n", "bad.csv:2: column n");
	expect_error(HDR "tbench-1,scale,s,inplace,10,1,nan\n", "not a finite number");
	expect_error(HDR "tbench-1,scale,s,inplace,10,1,-5\n", "negative");
	expect_error(HDR "tbench-1,scale,s,inplace,10,1,1e999\n", "not a finite number");
	expect_error(HDR "tbench-1,scale,s,inplace,10,1,5\ntbench-1,scale,s,inplace,10,1,6\n",
		     "bad.csv:3: duplicate");
	expect_error(HDR "tbench-1,scale,s\n", "bad.csv:2:");
	expect_error(HDR "tbench-1,scale,s,inplace,10,0,5\n", "threads");
	expect_error("\x7f" "ELF\x01\x02\x03\n", "missing column");
}

static void accepts_crlf_extra_columns_quotes(void **state)
{
	(void)state;
	struct tb_resultset rs = {0};
	char err[256] = "";
	write_file("ok.csv", "extra,schema,family,variant,mode,n,threads,median_ns,note\r\n"
			     "x,tbench-1,scale,\"num,py\",inplace,10,1,5.5,\"multi\nline\"\r\n"
			     "\r\n"
			     "y,tbench-1,scale,numpy,outofplace,10,1,6,\r\n");
	assert_int_equal(tb_csv_read_summary(path("ok.csv"), &rs, err, sizeof(err)), 0);
	assert_int_equal(rs.n, 2);
	assert_string_equal(rs.r[0].variant, "num,py");
	assert_string_equal(rs.r[0].note, "multi\nline");
	assert_true(rs.r[1].st.median == 6);
	tb_resultset_free(&rs);
}

static void atomic_outfile(void **state)
{
	(void)state;
	struct tb_outfile o;
	char err[256];
	write_file("keep.txt", "old\n");
	assert_int_equal(tb_outfile_open(&o, path("keep.txt"), err, sizeof(err)), 0);
	fputs("half-written", o.f);
	tb_outfile_abort(&o);
	FILE *f = fopen(path("keep.txt"), "r");
	char line[32] = "";
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	assert_string_equal(line, "old\n"); /* untouched */
	assert_int_equal(tb_outfile_open(&o, "/nonexistent-dir/x.csv", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent-dir/x.csv"));
	assert_int_equal(tb_outfile_open(&o, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "directory"));
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
		cmocka_unit_test(round_trip), cmocka_unit_test(malformed),
		cmocka_unit_test(accepts_crlf_extra_columns_quotes), cmocka_unit_test(atomic_outfile),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
