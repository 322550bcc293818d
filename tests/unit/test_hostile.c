/*
 * test_hostile.c - hostile and odd files given to every reader (summary,
 * samples, key,value): each is refused with one line naming the file and
 * the problem, quickly and in bounded memory, or accepted when it is valid.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/csv_read.h"

static char dir[] = "/tmp/tb_test_hostile_XXXXXX";

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

enum which { SUMMARY, SAMPLES, KV };

/* a summary of two cases for the samples reader to attach to */
static void two_cases(struct tb_resultset *rs)
{
	char err[256] = "";
	write_file("base.csv", "schema,family,variant,mode,n,threads,median_ns\n"
			       "tbench-1,scale,scalar,inplace,10,1,5\n"
			       "tbench-1,scale,blas,inplace,10,1,4\n");
	assert_int_equal(tb_csv_read_summary(path("base.csv"), rs, err, sizeof(err)), 0);
}

static int read_as(enum which w, const char *p_, char *err, size_t len)
{
	char p[256];
	snprintf(p, sizeof(p), "%s", p_); /* path() reuses its buffer */
	struct tb_resultset rs = {0};
	struct tb_kvlist kv = {0};
	int rc;
	if (w == SUMMARY) {
		rc = tb_csv_read_summary(p, &rs, err, len);
	} else if (w == SAMPLES) {
		two_cases(&rs);
		rc = tb_csv_read_samples(p, &rs, err, len);
	} else {
		rc = tb_csv_read_kv(p, &kv, err, len);
	}
	tb_resultset_free(&rs);
	tb_kv_free(&kv);
	return rc;
}

/* refused, with one line naming the file and containing needle */
static void refused_path(enum which w, const char *p_, const char *needle)
{
	char err[512] = "", p[256];
	snprintf(p, sizeof(p), "%s", p_);
	assert_int_equal(read_as(w, p, err, sizeof(err)), -1);
	if (!strstr(err, needle) || !strstr(err, p) || strchr(err, '\n') || strchr(err, '\r'))
		fail_msg("reading %s: error '%s' lacks '%s' or the path, or is not one line", p,
			 err, needle);
}

static void refused(enum which w, const char *text, const char *needle)
{
	write_file("bad.csv", text);
	refused_path(w, path("bad.csv"), needle);
}

#define SHDR "schema,family,variant,mode,n,threads,median_ns\n"
#define PHDR "schema,family,variant,mode,n,threads,sample,iters,ns_per_iter\n"

static void errors_stay_on_one_line(void **state)
{
	(void)state;
	/* values quoted in messages may hold newlines or control bytes */
	refused(SUMMARY, SHDR "\"tbench-1\nx\",scale,s,inplace,10,1,5\n", "schema 'tbench-1\\nx'");
	refused(SUMMARY, SHDR "tbench-1,scale,s,inplace,10,1,\"1\r\n2\"\n", "'1\\r\\n2'");
	refused(SAMPLES, PHDR "\"\x01\x1b[31m\",scale,scalar,inplace,10,1,0,1,5\n", "'\\x01\\x1b[31m'");
	refused(KV, "key,value\n\"a\nb\",1\n\"a\nb\",2\n", "duplicate key 'a\\nb'");
}

static void summary_consistency(void **state)
{
	(void)state;
	refused(SUMMARY, "schema,family,variant,mode,n,rows,cols,threads,median_ns\n"
			 "tbench-1,scale,s,inplace,10,3,3,1,5\n", "not rows x cols");
	refused(SUMMARY, SHDR "tbench-1,scale,s,inplace,0,1,5\n", "column n: 0 is not a size");
	refused(SUMMARY, SHDR "tbench-1,scale,s,inplace,18446744073709551616,1,5\n", "column n");
	refused(SUMMARY, SHDR "tbench-1,scale,s,inplace,10,4294967297,5\n", "threads");
	refused(SUMMARY, "schema,family,variant,mode,n,threads,median_ns,ctr_X,ctr_X\n"
			 "tbench-1,scale,s,inplace,10,1,5,1,2\n", "duplicate column 'ctr_X'");
	refused(SUMMARY, "", "empty");
	refused(SUMMARY, "\n\n\r\n", "empty");
}

static void too_many_cases_or_counters(void **state)
{
	(void)state;
	FILE *f = fopen(path("many.csv"), "w");
	assert_non_null(f);
	fputs(SHDR, f);
	for (int i = 0; i < 10001; i++)
		fprintf(f, "tbench-1,scale,s,inplace,%d,1,5\n", i + 1);
	fclose(f);
	refused_path(SUMMARY, path("many.csv"), "more than 10000 cases");
	f = fopen(path("ctrs.csv"), "w");
	fputs("schema,family,variant,mode,n,threads,median_ns", f);
	for (int i = 0; i < 65; i++)
		fprintf(f, ",ctr_E%d", i);
	fputs("\n", f);
	fclose(f);
	refused_path(SUMMARY, path("ctrs.csv"), "more than 64 ctr_ columns");
}

static void samples_hostile(void **state)
{
	(void)state;
	refused(SAMPLES, PHDR "tbench-1,scale,scalar,inplace,10,4294967297,0,1,5\n", "threads");
	refused(SAMPLES, PHDR "tbench-1,scale,other,inplace,10,1,0,1,5\n", "not in the summary");
	refused(SAMPLES, PHDR "tbench-1,scale,scalar,inplace,10,1,0,1,-5\n", "negative");
	refused(SAMPLES, PHDR "tbench-1,scale,scalar,inplace,10,1,0,1,inf\n", "not a finite");
	refused(SAMPLES, PHDR "tbench-1,scale,scalar,inplace,10,1,0,1\n", "the row is cut short");
	refused(SAMPLES, "schema,family\n", "missing column 'variant'");
	/* many cases: every sample reaches its own case (sorted lookup) */
	FILE *f = fopen(path("sum.csv"), "w");
	FILE *g = fopen(path("smp.csv"), "w");
	fputs(SHDR, f);
	fputs(PHDR, g);
	for (int i = 0; i < 300; i++) {
		fprintf(f, "tbench-1,fam%d,v%d,inplace,%d,%d,5\n", i % 7, i % 5, i + 1, 1 + i % 3);
		for (int s = 0; s <= i % 4; s++)
			fprintf(g, "tbench-1,fam%d,v%d,inplace,%d,%d,%d,1,%d\r\n", i % 7, i % 5, i + 1,
				1 + i % 3, s, i + 1);
	}
	fclose(f);
	fclose(g);
	struct tb_resultset rs = {0};
	char err[256] = "";
	assert_int_equal(tb_csv_read_summary(path("sum.csv"), &rs, err, sizeof(err)), 0);
	assert_int_equal(tb_csv_read_samples(path("smp.csv"), &rs, err, sizeof(err)), 0);
	for (int i = 0; i < 300; i++) {
		assert_int_equal(rs.r[i].nsamples, 1 + i % 4);
		assert_true(rs.r[i].samples[0] == i + 1);
	}
	tb_resultset_free(&rs);
}

static void kv_hostile(void **state)
{
	(void)state;
	refused(KV, "key,value\na,1\nb,2\na,3\n", "bad.csv:4: duplicate key 'a'");
	refused(KV, "key,value\n,1\n", "empty key");
	refused(KV, "k,v\na,1\n", "header 'key,value'");
	refused(KV, "key,value\nonly\n", "expected key,value");
	refused(KV, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "bad.csv");
	struct tb_kvlist kv = {0};
	char err[256] = "";
	write_file("ok.csv", "key,value,extra\r\ncpu,\"AMD, \"\"EPYC\"\"\nx\",1\r\n");
	assert_int_equal(tb_csv_read_kv(path("ok.csv"), &kv, err, sizeof(err)), 0);
	assert_string_equal(tb_kv_get(&kv, "cpu"), "AMD, \"EPYC\"\nx");
	tb_kv_free(&kv);
}

/* A 2 GiB sparse file inside one quoted field: refused after a bounded
 * read, not buffered whole by libcsv. */
static void gigabyte_field_is_refused(void **state)
{
	(void)state;
	static const enum which all[] = {SUMMARY, SAMPLES, KV};
	int fd = open(path("huge.csv"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "\"", 1), 1);
	assert_int_equal(ftruncate(fd, (off_t)2 << 30), 0);
	close(fd);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	long before = ru.ru_maxrss; /* KiB, high-water mark */
	for (int i = 0; i < 3; i++)
		refused_path(all[i], path("huge.csv"), "longer than 4096 bytes");
	getrusage(RUSAGE_SELF, &ru);
	if (ru.ru_maxrss - before > 256 * 1024)
		fail_msg("reading a 2 GiB field raised the peak RSS by %ld KiB", ru.ru_maxrss - before);
	int fd2 = open(path("wide.csv"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char row[2048];
	memset(row, ',', sizeof(row));
	for (int i = 0; i < 8; i++)
		assert_int_equal(write(fd2, row, sizeof(row)), (ssize_t)sizeof(row));
	close(fd2);
	refused_path(SUMMARY, path("wide.csv"), "more than 512 columns");
}

static void devices_fifos_dirs(void **state)
{
	(void)state;
	static const enum which all[] = {SUMMARY, SAMPLES, KV};
	assert_int_equal(symlink("/dev/zero", path("zero.csv")), 0);
	assert_int_equal(symlink("/dev/urandom", path("random.csv")), 0);
	assert_int_equal(mkfifo(path("fifo.csv"), 0600), 0);
	for (int i = 0; i < 3; i++) {
		refused_path(all[i], path("zero.csv"), "not a regular file");
		refused_path(all[i], path("random.csv"), "not a regular file");
		refused_path(all[i], path("fifo.csv"), "not a regular file"); /* and no hang */
		refused_path(all[i], dir, "not a regular file");
		refused_path(all[i], path("missing.csv"), "No such file");
	}
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
		cmocka_unit_test(errors_stay_on_one_line),
		cmocka_unit_test(summary_consistency),
		cmocka_unit_test(too_many_cases_or_counters),
		cmocka_unit_test(samples_hostile),
		cmocka_unit_test(kv_hostile),
		cmocka_unit_test(gigabyte_field_is_refused),
		cmocka_unit_test(devices_fifos_dirs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
