/*
 * test_base.c - base/: the one median, MAD, sort and quantile (checked
 * against GSL), the error helper, checked allocation; probes/cpuinfo.c:
 * /proc/cpuinfo parsed once, whole values, first value of each key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/describe.h"
#include "base/err.h"
#include "probes/cpuinfo.h"

static void median_odd_even_empty(void **state)
{
	(void)state;
	double a[] = {5, 1, 3};
	assert_true(tb_median(a, 3) == 3);
	assert_true(a[0] == 1 && a[1] == 3 && a[2] == 5); /* sorted in place */
	double b[] = {4, 1, 3, 2};
	assert_true(tb_median(b, 4) == 2.5);
	assert_true(isnan(tb_median(NULL, 0)));
	double one[] = {7};
	assert_true(tb_median(one, 1) == 7);
}

static void mad(void **state)
{
	(void)state;
	double v[] = {1, 1, 2, 2, 4, 6, 9}; /* median 2, |dev| 1 1 0 0 2 4 7 -> 1 */
	double med, m;
	tb_median_mad(v, 7, &med, &m);
	assert_true(med == 2 && m == 1);
}

/* the same figures as GSL for random data of odd and even length */
static void agrees_with_gsl(void **state)
{
	(void)state;
	srand(7);
	for (size_t n = 1; n < 40; n++) {
		double x[40], y[40];
		for (size_t i = 0; i < n; i++)
			x[i] = y[i] = (double)(rand() % 1000) / 7.0 - 50;
		gsl_sort(y, 1, n);
		assert_true(tb_median(x, n) == gsl_stats_median_from_sorted_data(y, 1, n));
		assert_memory_equal(x, y, n * sizeof(double));
		for (double p = 0; p <= 1.0; p += 0.05)
			assert_float_equal(tb_quantile_sorted(x, n, p),
					   gsl_stats_quantile_from_sorted_data(y, 1, n, p), 1e-12);
	}
}

static void cmp_double_orders(void **state)
{
	(void)state;
	double a = 1, b = 2;
	assert_true(tb_cmp_double(&a, &b) < 0);
	assert_true(tb_cmp_double(&b, &a) > 0);
	assert_true(tb_cmp_double(&a, &a) == 0);
	double v[] = {3, -1, 2, -7, 0};
	tb_sort_doubles(v, 5);
	for (int i = 1; i < 5; i++)
		assert_true(v[i - 1] <= v[i]);
}

static void err_helper(void **state)
{
	(void)state;
	char e[8];
	assert_int_equal(tb_err(e, sizeof(e), "bad %d", 12345678), -1);
	assert_string_equal(e, "bad 123"); /* truncated, terminated */
	assert_int_equal(tb_err(NULL, 0, "ignored %s", "x"), -1);
}

static void alloc_checked(void **state)
{
	(void)state;
	char e[128];
	assert_null(tb_alloc(0, e, sizeof(e)));
	assert_non_null(strstr(e, "0 bytes"));
	assert_null(tb_alloc(SIZE_MAX - 3, e, sizeof(e)));
	assert_non_null(strstr(e, "overflows"));
	assert_true(tb_mul_size(SIZE_MAX / 2, 3) == 0);
	assert_true(tb_mul_size(6, 7) == 42);
	unsigned char *p = tb_alloc(100, e, sizeof(e));
	assert_non_null(p);
	assert_true((uintptr_t)p % TB_ALIGN == 0);
	for (int i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	tb_free(p);
}

static void cpuinfo_fixture(void **state)
{
	(void)state;
	static const char text[] = "processor\t: 0\n"
				   "model name\t: Fake CPU @ 3.00GHz\n"
				   "flags\t\t: fpu sse2 hypervisor\n"
				   "\n"
				   "processor\t: 1\n"
				   "model name\t: Second\n"
				   "no colon here\n"
				   "empty\t:\n";
	FILE *f = fmemopen((void *)text, sizeof(text) - 1, "r");
	assert_non_null(f);
	struct tb_kvlist kv = {0};
	assert_int_equal(tb_cpuinfo_parse(f, &kv), 0);
	fclose(f);
	assert_string_equal(tb_kv_get(&kv, "processor"), "0");         /* first value wins */
	assert_string_equal(tb_kv_get(&kv, "model name"), "Fake CPU @ 3.00GHz");
	assert_string_equal(tb_kv_get(&kv, "flags"), "fpu sse2 hypervisor");
	assert_string_equal(tb_kv_get(&kv, "empty"), "");
	assert_null(tb_kv_get(&kv, "no colon here"));
	tb_kv_free(&kv);
}

/* the cached flags line is whole (it once was cut at 255 characters, which
 * hid "hypervisor" from the VM check on x86) */
static void cpuinfo_whole_values(void **state)
{
	(void)state;
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (!f)
		skip();
	char *line = NULL;
	size_t cap = 0;
	size_t want = 0;
	const char *key = NULL;
	while (getline(&line, &cap, f) > 0) {
		if (!strncmp(line, "flags", 5) || !strncmp(line, "Features", 8)) {
			key = line[0] == 'f' ? "flags" : "Features";
			char *v = strchr(line, ':') + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			want = strcspn(v, "\n");
			break;
		}
	}
	free(line);
	fclose(f);
	if (!key)
		skip();
	const char *got = tb_cpuinfo(key);
	assert_non_null(got);
	assert_int_equal(strlen(got), want);
	assert_ptr_equal(tb_cpuinfo(key), got); /* read once */
	char model[256];
	assert_int_equal(tb_cpu_model(model, sizeof(model)), 0);
	assert_true(strlen(model) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(median_odd_even_empty), cmocka_unit_test(mad),
		cmocka_unit_test(agrees_with_gsl),       cmocka_unit_test(cmp_double_orders),
		cmocka_unit_test(err_helper),            cmocka_unit_test(alloc_checked),
		cmocka_unit_test(cpuinfo_fixture),       cmocka_unit_test(cpuinfo_whole_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
