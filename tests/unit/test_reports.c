/*
 * test_reports.c - the report writers: XML and Markdown escaping, the SVG
 * helper's axes, the HTML writer with hostile strings and unknown figures,
 * the JSON document written and read back, and merging result sets.
 */
#define _GNU_SOURCE
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

#include "reports/json.h"
#include "reports/load.h"
#include "reports/svg.h"
#include "reports/writer.h"

#define HOSTILE "<script>alert(1)</script>\"&'|*"

/* run fn with a memory FILE and return what it wrote (caller frees) */
static char *capture_text(void (*fn)(FILE *, const char *), const char *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	fn(f, arg);
	fclose(f);
	char *out = strdup(buf);
	free(buf);
	return out;
}

static char *render(const struct tb_writer *w, const struct tb_report *rep)
{
	char *buf = NULL, err[256] = "";
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(w->write(f, rep, err, sizeof(err)), 0);
	fclose(f);
	char *out = strdup(buf); /* a plain heap copy: gcc mistakes buf for a local */
	free(buf);
	return out;
}

static void make_set(struct tb_resultset *rs, const char *name)
{
	memset(rs, 0, sizeof(*rs));
	snprintf(rs->name, sizeof(rs->name), "%s", name);
	tb_kv_set(&rs->fingerprint, "cpu.model", "<b>CPU</b>");
	tb_kv_set(&rs->options, "seed", "7");
	static const char *const modes[2] = {"outofplace", "inplace"};
	for (int m = 0; m < 2; m++)
		for (int k = 0; k < 2; k++) {
			struct tb_result *r = tb_resultset_add(rs);
			snprintf(r->family, sizeof(r->family), "scale");
			snprintf(r->variant, sizeof(r->variant), "%s", k ? "v<i>x" : "scalar");
			snprintf(r->mode, sizeof(r->mode), "%s", modes[m]);
			r->n = r->cols = 1000;
			r->status = TB_STATUS_OK;
			r->bytes = 8000;
			r->items = 1000;
			snprintf(r->unit, sizeof(r->unit), "elem");
			double ns[20];
			for (int i = 0; i < 20; i++)
				ns[i] = (k ? 100 : 300) + i + (i == 19 ? 500 : 0); /* one outlier */
			assert_int_equal(tb_result_set_samples(r, ns, 20), 0);
			r->iters = 64;
			r->limit_share = 0.5;
			r->items_per_cycle = k ? 1.25 : NAN; /* NaN: the clock was unknown */
			tb_result_add_metric(r, "perf::PAGE-FAULTS", NAN, 0.25);
		}
	struct tb_result *r = tb_resultset_add(rs);
	snprintf(r->family, sizeof(r->family), "scale");
	snprintf(r->variant, sizeof(r->variant), "broken");
	snprintf(r->mode, sizeof(r->mode), "outofplace");
	r->n = r->cols = 1000;
	r->status = TB_STATUS_FAILED_VERIFY;
	snprintf(r->note, sizeof(r->note), "%s", HOSTILE);
}

static void test_xml_escape(void **state)
{
	(void)state;
	char *s = capture_text(tb_xml_text, HOSTILE "\x01");
	assert_string_equal(s, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;|*?");
	free(s);
}

static void test_md_escape(void **state)
{
	(void)state;
	char *s = capture_text(tb_md_text, HOSTILE "\nx");
	assert_string_equal(s, "&lt;script&gt;alert(1)&lt;/script&gt;\"&amp;'\\|\\* x");
	free(s);
}

static void test_svg_axes(void **state)
{
	(void)state;
	struct tb_svg s = {.x0 = 100, .x1 = 500, .y0 = 10, .y1 = 210};
	tb_svg_axis_fit(&s.y, 3, 97, false, true);
	assert_true(s.y.lo == 0 && s.y.hi >= 97 && s.y.hi <= 120);
	assert_true(fabs(tb_svg_py(&s, s.y.lo) - 210) < 1e-9);
	assert_true(fabs(tb_svg_py(&s, s.y.hi) - 10) < 1e-9);
	assert_true(fabs(tb_svg_py(&s, 1e9) - 10) < 1e-9); /* clamped */
	tb_svg_axis_fit(&s.x, 10, 1e6, true, false);
	assert_true(s.x.log);
	double a = tb_svg_px(&s, 10), b = tb_svg_px(&s, 100), c = tb_svg_px(&s, 1000);
	assert_true(fabs((b - a) - (c - b)) < 1e-6); /* decades equally spaced */
	assert_true(tb_svg_spans(1, 100, 30) && !tb_svg_spans(1, 10, 30) && !tb_svg_spans(0, 10, 2));
	char buf[32];
	tb_svg_num(1500000, buf, sizeof(buf));
	assert_string_equal(buf, "1.5M");
}

static void test_html_hostile(void **state)
{
	(void)state;
	struct tb_resultset rs;
	make_set(&rs, HOSTILE);
	struct tb_report rep = {.rs = &rs};
	char *h = render(&tb_writer_html, &rep);
	assert_null(strstr(h, "<script>alert"));
	assert_null(strstr(h, "<b>CPU"));
	assert_null(strstr(h, "v<i>x"));
	assert_null(strstr(h, "http"));
	assert_non_null(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;"));
	assert_non_null(strstr(h, "v&lt;i&gt;x"));
	assert_non_null(strstr(h, "<section id=\"throughput\">"));
	assert_non_null(strstr(h, "<section id=\"overview\">"));
	assert_non_null(strstr(h, "<section id=\"counters\">"));
	assert_non_null(strstr(h, "class=\"out\"")); /* the outlier is drawn */
	assert_non_null(strstr(h, "class=\"ref limit\"")); /* limit_share 0.5 */
	assert_null(strstr(h, "<section id=\"threads\">")); /* nothing to show */
	/* one <script> element: the report's own */
	assert_null(strstr(strstr(h, "<script>") + 1, "<script>"));
	free(h);
	char *m = render(&tb_writer_markdown, &rep);
	assert_null(strstr(m, "<script>"));
	assert_non_null(strstr(m, "| scale | v&lt;i&gt;x | outofplace | 1000 | 1 | ok |"));
	assert_non_null(strstr(m, "failed-verify"));
	free(m);
	tb_resultset_free(&rs);
}

static void test_json_round_trip(void **state)
{
	(void)state;
	char dir[] = "/tmp/tb_test_reports_XXXXXX", p[128];
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/r.json", dir);
	struct tb_resultset rs, back = {0};
	make_set(&rs, HOSTILE);
	struct tb_report rep = {.rs = &rs, .samples = true};
	FILE *f = fopen(p, "w");
	char err[256] = "";
	assert_int_equal(tb_writer_json.write(f, &rep, err, sizeof(err)), 0);
	fclose(f);
	assert_int_equal(tb_json_read(p, &back, err, sizeof(err)), 0);
	assert_string_equal(back.name, HOSTILE);
	assert_string_equal(tb_kv_get(&back.fingerprint, "cpu.model"), "<b>CPU</b>");
	assert_int_equal(back.n, rs.n);
	for (size_t i = 0; i < rs.n; i++) {
		const struct tb_result *a = &rs.r[i], *b = &back.r[i];
		assert_true(tb_result_same_key(a, b));
		assert_int_equal(a->status, b->status);
		assert_string_equal(a->note, b->note);
		assert_int_equal(a->nsamples, b->nsamples);
		assert_true(isnan(a->st.median) ? isnan(b->st.median)
						: fabs(a->st.median - b->st.median) < 1e-6 * a->st.median);
		assert_true(isnan(b->st.ci_low) == isnan(a->st.ci_low)); /* null stays unknown */
		assert_true(isnan(a->limit_share) == isnan(b->limit_share));
		assert_true(isnan(a->items_per_cycle) ? isnan(b->items_per_cycle) /* null */
						      : a->items_per_cycle == b->items_per_cycle);
		assert_int_equal(a->nmetrics, b->nmetrics);
		for (size_t s = 0; s < a->nsamples; s++)
			assert_true(fabs(a->samples[s] - b->samples[s]) < 1e-6 * a->samples[s]);
	}
	/* bytes that are not UTF-8 cannot go into JSON text: they become '?' */
	snprintf(rs.name, sizeof(rs.name), "bad\xff name");
	tb_kv_set(&rs.fingerprint, "cpu\xfe", "x\xc3");
	f = fopen(p, "w");
	assert_int_equal(tb_writer_json.write(f, &rep, err, sizeof(err)), 0);
	fclose(f);
	struct tb_resultset again = {0};
	assert_int_equal(tb_json_read(p, &again, err, sizeof(err)), 0);
	assert_string_equal(again.name, "bad? name");
	assert_string_equal(tb_kv_get(&again.fingerprint, "cpu?"), "x?");
	assert_int_equal(again.n, rs.n);
	tb_resultset_free(&again);
	/* a document that is not ours is refused, naming the file */
	f = fopen(p, "w");
	fputs("{\"schema\": \"x\", \"cases\": []}", f);
	fclose(f);
	struct tb_resultset bad = {0};
	assert_int_equal(tb_json_read(p, &bad, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "r.json"));
	f = fopen(p, "w");
	fputs("{\"schema\": \"tbench-json-1\", \"cases\": [{\"family\": 3}]}", f);
	fclose(f);
	assert_int_equal(tb_json_read(p, &bad, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "family"));
	tb_resultset_free(&bad);
	unlink(p);
	rmdir(dir);
	tb_resultset_free(&back);
	tb_resultset_free(&rs);
}

static void test_merge(void **state)
{
	(void)state;
	struct tb_resultset a, b, dst = {0};
	make_set(&a, "one");
	make_set(&b, "two");
	char err[256] = "";
	assert_int_equal(tb_resultset_merge(&dst, &a, "one", err, sizeof(err)), 0);
	assert_int_equal(tb_resultset_merge(&dst, &b, "two", err, sizeof(err)), 0);
	assert_int_equal(dst.n, 10);
	assert_int_equal(a.n, 0);
	assert_string_equal(dst.r[5].variant, "scalar@two"); /* same key: relabelled */
	assert_string_equal(dst.r[0].variant, "scalar");
	assert_string_equal(dst.name, "one");
	assert_int_equal(dst.r[5].nsamples, 20); /* the samples moved with it */
	tb_resultset_free(&a);
	tb_resultset_free(&b);
	tb_resultset_free(&dst);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_svg_axes),
		cmocka_unit_test(test_html_hostile),
		cmocka_unit_test(test_json_round_trip),
		cmocka_unit_test(test_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
