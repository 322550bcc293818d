/*
 * test_parse.c - option value parsing: sizes, counts, durations, lists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/parse.h"

static void sizes_ok(void **state)
{
	(void)state;
	struct tb_size s;
	char err[256];
	assert_int_equal(tb_parse_size("1000x1000", &s, err, sizeof(err)), 0);
	assert_true(s.n == 1000000 && s.rows == 1000 && s.cols == 1000);
	assert_int_equal(tb_parse_size("17", &s, err, sizeof(err)), 0);
	assert_true(s.n == 17 && s.rows == 1 && s.cols == 17);
	assert_int_equal(tb_parse_size("4k", &s, err, sizeof(err)), 0);
	assert_true(s.n == 4000);
	assert_int_equal(tb_parse_size("4Ki", &s, err, sizeof(err)), 0);
	assert_true(s.n == 4096);
	assert_int_equal(tb_parse_size("2Mi", &s, err, sizeof(err)), 0);
	assert_true(s.n == 2097152);
	assert_int_equal(tb_parse_size("1G", &s, err, sizeof(err)), 0);
	assert_true(s.n == 1000000000);
	assert_int_equal(tb_parse_size("2x3k", &s, err, sizeof(err)), 0);
	assert_true(s.n == 6000 && s.rows == 2);
}

static void sizes_bad(void **state)
{
	(void)state;
	struct tb_size s;
	char err[256];
	const char *bad[] = {"", "0", "-5", "abc", "10q", "x10", "10x", "0x5", "5x0", "1.5",
			     "99999999999999999999", "100000000x1000000000", " 5", "5 ", "1Ti"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		assert_int_equal(tb_parse_size(bad[i], &s, err, sizeof(err)), -1);
		assert_non_null(strstr(err, "invalid size"));
		assert_non_null(strstr(err, bad[i]));
	}
}

static void counts(void **state)
{
	(void)state;
	uint64_t v;
	char err[256];
	assert_int_equal(tb_parse_u64("--samples", "100", 1, 1000, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 100);
	assert_int_equal(tb_parse_u64("--samples", "0", 1, 1000, &v, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'0'"));
	assert_int_equal(tb_parse_u64("--samples", "-3", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(tb_parse_u64("--samples", "12x", 1, 1000, &v, err, sizeof(err)), -1);
	assert_int_equal(tb_parse_u64("--samples", "1001", 1, 1000, &v, err, sizeof(err)), -1);
}

static void durations(void **state)
{
	(void)state;
	double ns;
	char err[256];
	assert_int_equal(tb_parse_duration("d", "2s", &ns, err, sizeof(err)), 0);
	assert_true(ns == 2e9);
	assert_int_equal(tb_parse_duration("d", "500ms", &ns, err, sizeof(err)), 0);
	assert_true(ns == 5e8);
	assert_int_equal(tb_parse_duration("d", "250us", &ns, err, sizeof(err)), 0);
	assert_true(ns == 250e3);
	assert_int_equal(tb_parse_duration("d", "0.5", &ns, err, sizeof(err)), 0);
	assert_true(ns == 5e8);
	assert_int_equal(tb_parse_duration("d", "0s", &ns, err, sizeof(err)), -1);
	assert_int_equal(tb_parse_duration("d", "-1s", &ns, err, sizeof(err)), -1);
	assert_int_equal(tb_parse_duration("d", "2 hours", &ns, err, sizeof(err)), -1);
	assert_int_equal(tb_parse_duration("d", "nan", &ns, err, sizeof(err)), -1);
}

static void lists(void **state)
{
	(void)state;
	char buf[64];
	char *it[4];
	strcpy(buf, "a,b,c");
	assert_int_equal(tb_split_list(buf, it, 4), 3);
	assert_string_equal(it[2], "c");
	strcpy(buf, "a,,b");
	assert_int_equal(tb_split_list(buf, it, 4), -1);
	strcpy(buf, "a,b,c,d,e");
	assert_int_equal(tb_split_list(buf, it, 4), -1);
	strcpy(buf, ",a");
	assert_int_equal(tb_split_list(buf, it, 4), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes_ok), cmocka_unit_test(sizes_bad), cmocka_unit_test(counts),
		cmocka_unit_test(durations), cmocka_unit_test(lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
