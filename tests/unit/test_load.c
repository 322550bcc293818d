/*
 * test_load.c - the loader's parts that the CLI tests reach only as a
 * whole: the key/value hash index (set, replace, find over 100 000 keys),
 * output paths compared by device and inode, merging with distinct labels,
 * and tb_load_check on hand-made cases.
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
#include <sys/stat.h>
#include <unistd.h>

#include "reports/load.h"
#include "reports/loader.h"
#include "reports/outfile.h"

static void kv_index(void **state)
{
	(void)state;
	struct tb_kvlist kv = {0};
	char k[32], v[32];
	for (int i = 0; i < 100000; i++) {
		snprintf(k, sizeof(k), "k%d", i);
		snprintf(v, sizeof(v), "v%d", i);
		assert_int_equal(tb_kv_set(&kv, k, v), 0);
	}
	assert_int_equal(kv.n, 100000);
	assert_int_equal(tb_kv_find(&kv, "k77777"), 77777);
	assert_string_equal(tb_kv_get(&kv, "k99999"), "v99999");
	assert_null(tb_kv_get(&kv, "k100000"));
	assert_int_equal(tb_kv_set(&kv, "k5", "again"), 0); /* replaced, in place */
	assert_int_equal(kv.n, 100000);
	assert_string_equal(kv.v[5].value, "again");
	assert_string_equal(kv.v[99999].key, "k99999"); /* order kept */
	tb_kv_free(&kv);
	/* a list moved by value keeps working (the index moves with it) */
	struct tb_kvlist a = {0}, b;
	assert_int_equal(tb_kv_set(&a, "x", "1"), 0);
	b = a;
	assert_string_equal(tb_kv_get(&b, "x"), "1");
	tb_kv_free(&b);
}

static void same_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/tb_test_load_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char a[256], b[256], l[256], sub[256];
	snprintf(a, sizeof(a), "%s/o.csv", dir);
	snprintf(b, sizeof(b), "%s/./o.csv", dir);
	snprintf(sub, sizeof(sub), "%s/d", dir);
	snprintf(l, sizeof(l), "%s/l", dir);
	assert_true(tb_outfile_same(a, b));   /* neither exists yet */
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(symlink("d", l), 0);
	char x[300], y[300];
	snprintf(x, sizeof(x), "%s/r.html", sub);
	snprintf(y, sizeof(y), "%s/r.html", l);
	assert_true(tb_outfile_same(x, y));   /* through a symbolic link */
	FILE *f = fopen(a, "w");
	fclose(f);
	assert_true(tb_outfile_same(a, b));   /* both exist: one inode */
	assert_false(tb_outfile_same(a, x));  /* one exists, one does not */
	snprintf(y, sizeof(y), "%s/o.csv", sub);
	assert_false(tb_outfile_same(x, y));  /* same directory, other names */
	unlink(a);
	unlink(l);
	rmdir(sub);
	rmdir(dir);
}

static struct tb_result *add(struct tb_resultset *rs, const char *variant)
{
	struct tb_result *r = tb_resultset_add(rs);
	snprintf(r->family, sizeof(r->family), "spin");
	snprintf(r->variant, sizeof(r->variant), "%s", variant);
	snprintf(r->mode, sizeof(r->mode), "-");
	r->status = TB_STATUS_OK;
	r->n = r->cols = 1000;
	r->st.median = 5;
	return r;
}

static void merge_labels(void **state)
{
	(void)state;
	struct tb_resultset dst = {0};
	char err[256];
	for (int i = 0; i < 3; i++) {
		struct tb_resultset one = {0};
		add(&one, "chain");
		assert_int_equal(tb_resultset_merge(&dst, &one, "run", err, sizeof(err)), 0);
		tb_resultset_free(&one);
	}
	assert_int_equal(dst.n, 3);
	assert_string_equal(dst.r[0].variant, "chain");
	assert_string_equal(dst.r[1].variant, "chain@run");
	assert_string_equal(dst.r[2].variant, "chain@run.2");
	/* a set whose own variant is already what a relabel would give */
	struct tb_resultset two = {0};
	add(&two, "chain");
	add(&two, "chain@run.3");
	assert_int_equal(tb_resultset_merge(&dst, &two, "run", err, sizeof(err)), 0);
	for (size_t i = 0; i < dst.n; i++)
		for (size_t j = 0; j < i; j++)
			assert_false(tb_result_same_key(&dst.r[i], &dst.r[j]));
	tb_resultset_free(&two);
	tb_resultset_free(&dst);
}

static const char *const F[TB_LF_COUNT] = {
	[TB_LF_N] = "n", [TB_LF_ROWS] = "rows", [TB_LF_COLS] = "cols", [TB_LF_THREADS] = "threads",
	[TB_LF_STATUS] = "status", [TB_LF_METRIC] = "metric", [TB_LF_SAMPLES] = "samples",
	[TB_LF_ITERS] = "iters", [TB_LF_RUNS] = "runs", [TB_LF_MIN] = "min", [TB_LF_MEDIAN] = "median",
	[TB_LF_MEAN] = "mean", [TB_LF_SD] = "sd", [TB_LF_MAD] = "mad", [TB_LF_CV] = "cv",
	[TB_LF_P5] = "p5", [TB_LF_P25] = "p25", [TB_LF_P75] = "p75", [TB_LF_P95] = "p95",
	[TB_LF_CILO] = "ci_low", [TB_LF_CIHI] = "ci_high", [TB_LF_OMILD] = "mild",
	[TB_LF_OSEV] = "severe", [TB_LF_BYTES] = "bytes", [TB_LF_FLOPS] = "flops",
	[TB_LF_ITEMS] = "items", [TB_LF_IPS] = "ips", [TB_LF_GBPS] = "gbps",
	[TB_LF_LIMIT] = "limit", [TB_LF_IPC] = "ipc", [TB_LF_COUNTERS] = "counters",
	[TB_LF_RAW] = "raw",
};

/* one case from f(r), checked: returns the error (empty when accepted) */
static const char *check_one(void (*f)(struct tb_result *r, struct tb_load_case *c))
{
	static char err[512];
	struct tb_resultset rs = {0};
	struct tb_load ld;
	tb_load_init(&ld, &rs, ": ", F);
	struct tb_result *r = tb_load_add(&ld, "f.csv:%d", 2);
	snprintf(r->family, sizeof(r->family), "spin");
	snprintf(r->variant, sizeof(r->variant), "chain");
	snprintf(r->mode, sizeof(r->mode), "-");
	r->status = TB_STATUS_OK;
	r->n = r->cols = 1000;
	r->st.median = 3;
	f(r, tb_load_last(&ld));
	err[0] = 0;
	if (!tb_load_check(&ld, err, sizeof(err)))
		err[0] = 0;
	tb_load_free(&ld);
	tb_resultset_free(&rs);
	return err;
}

static void fine(struct tb_result *r, struct tb_load_case *c) { (void)r, (void)c; }
static void bogus_status(struct tb_result *r, struct tb_load_case *c) { (void)r; snprintf(c->status, sizeof(c->status), "great"); }
static void shape(struct tb_result *r, struct tb_load_case *c) { (void)c; r->rows = 3; }
static void huge(struct tb_result *r, struct tb_load_case *c) { (void)c; r->st.median = 1.7e308; }
static void count(struct tb_result *r, struct tb_load_case *c)
{
	static const double x[] = {3, 3, 3};
	tb_result_set_samples(r, x, 3);
	c->declared_samples = 4;
	c->declared_median = 3;
}
static void median(struct tb_result *r, struct tb_load_case *c)
{
	static const double x[] = {3, 3, 3};
	tb_result_set_samples(r, x, 3);
	c->declared_samples = 3;
	c->declared_median = 6;
}
static void rounding(struct tb_result *r, struct tb_load_case *c)
{
	static const double x[] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
	tb_result_set_samples(r, x, 3);
	c->declared_samples = 3;
	c->declared_median = 0.3333333333; /* as %.10g writes it */
}

static void checks(void **state)
{
	(void)state;
	assert_string_equal(check_one(fine), "");
	assert_non_null(strstr(check_one(bogus_status), "f.csv:2: status: 'great' is not a status"));
	assert_non_null(strstr(check_one(shape), "f.csv:2: n: 1000 is not rows x cols (3x1000)"));
	assert_non_null(strstr(check_one(huge), "f.csv:2: median: 1.7e+308 is out of range"));
	assert_non_null(strstr(check_one(count), "samples: 4 declared, but 3 raw samples"));
	assert_non_null(strstr(check_one(median), "median: 6, but the median of the 3 raw samples"));
	assert_string_equal(check_one(rounding), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kv_index),
		cmocka_unit_test(same_file),
		cmocka_unit_test(merge_labels),
		cmocka_unit_test(checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
