/*
 * test_html.c - the HTML report's building blocks: a variant keeps its
 * colour whatever chart or order it appears in, no other name takes a
 * peer's colour, merged variants are their base's colour, lighter; the
 * report's order of variants; the cache tier of a case; a narrow log axis
 * (a ratio around 1) still gets several ticks.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/html.h"

static void colours_by_name(void **state)
{
	(void)state;
	char a[32], b[32], c[32];
	tb_html_variant_class("avx2", a, sizeof(a));
	tb_html_variant_class("scalar", b, sizeof(b));
	tb_html_variant_class("avx2", c, sizeof(c));
	assert_string_equal(a, c);
	assert_string_not_equal(a, b);
	tb_html_variant_class("avx2@before", c, sizeof(c));
	char want[40];
	snprintf(want, sizeof(want), "%s alt", a);
	assert_string_equal(c, want);
	/* peers are reserved: no other name is given numpy's, torch's or blas's colour */
	const char *peers[] = {"numpy", "torch", "blas", "gbench", "hyperfine", "criterion"};
	char pc[6][32];
	for (size_t i = 0; i < 6; i++) {
		tb_html_variant_class(peers[i], pc[i], sizeof(pc[i]));
		assert_true(tb_html_is_peer(peers[i]));
	}
	assert_false(tb_html_is_peer("avx2"));
	for (int k = 0; k < 500; k++) {
		char name[32], cls[32];
		snprintf(name, sizeof(name), "variant-%d", k);
		tb_html_variant_class(name, cls, sizeof(cls));
		assert_false(tb_html_is_peer(name));
		for (size_t i = 0; i < 6; i++)
			assert_string_not_equal(cls, pc[i]);
	}
}

static void order_of_variants(void **state)
{
	(void)state;
	assert_true(tb_html_variant_order("scalar", "avx2") < 0);
	assert_true(tb_html_variant_order("avx2", "avx512") < 0);
	assert_true(tb_html_variant_order("threaded", "numpy") < 0); /* ours before peers */
	assert_true(tb_html_variant_order("numpy", "zzz-other") < 0); /* known before unknown */
	assert_true(tb_html_variant_order("aaa", "bbb") < 0);     /* unknown: by name */
	assert_int_equal(tb_html_variant_order("avx2", "avx2"), 0);
}

static void tiers(void **state)
{
	(void)state;
	struct tb_resultset rs = {0};
	tb_kv_set(&rs.fingerprint, "cache.l1d", "32K");
	tb_kv_set(&rs.fingerprint, "cache.l2", "512K");
	tb_kv_set(&rs.fingerprint, "cache.l3", "32768K");
	struct tb_result r = {.bytes = 16 * 1024};
	char t[16];
	tb_html_tier(&rs, &r, t, sizeof(t));
	assert_string_equal(t, "L1");
	r.bytes = 400 * 1024;
	tb_html_tier(&rs, &r, t, sizeof(t));
	assert_string_equal(t, "L2");
	r.bytes = 8e6;
	tb_html_tier(&rs, &r, t, sizeof(t));
	assert_string_equal(t, "L3");
	r.bytes = 1e9;
	tb_html_tier(&rs, &r, t, sizeof(t));
	assert_string_equal(t, "DRAM");
	r.bytes = 0; /* unknown work: no tier */
	tb_html_tier(&rs, &r, t, sizeof(t));
	assert_string_equal(t, "");
	tb_kv_free(&rs.fingerprint);
	r.bytes = 1e9; /* no cache sizes: no tier */
	tb_html_tier(&rs, &r, t, sizeof(t));
	assert_string_equal(t, "");
}

/* the number of tick labels an x axis over [lo, hi] gets */
static size_t ticks(double lo, double hi, bool log)
{
	char *buf;
	size_t len;
	FILE *f = open_memstream(&buf, &len);
	struct tb_svg s;
	tb_svg_begin(&s, f, 400, 200, 40, 30, "t");
	tb_svg_axis_fit(&s.x, lo, hi, log, false);
	tb_svg_xaxis(&s, NULL);
	tb_svg_end(&s);
	fclose(f);
	size_t n = 0;
	for (const char *p = buf; (p = strstr(p, "text-anchor=\"middle\">")); p++)
		n++;
	free(buf);
	return n;
}

static void narrow_log_axis(void **state)
{
	(void)state;
	assert_true(ticks(0.95, 1.05, true) >= 3); /* was a single "1" */
	assert_true(ticks(0.8, 1.3, true) >= 3);
	assert_true(ticks(0.5, 2, true) >= 3);
	assert_true(ticks(10, 1e6, true) >= 4);
	assert_true(ticks(0, 100, false) >= 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(colours_by_name), cmocka_unit_test(order_of_variants),
		cmocka_unit_test(tiers), cmocka_unit_test(narrow_log_axis),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
