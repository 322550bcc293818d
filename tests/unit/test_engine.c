/*
 * test_engine.c - the engine without the CLI, on real kernels (null, spin):
 * the plan (default suite, a family's sizes, filters, unknown variants,
 * sizes given twice, rotation), one case's lifecycle into a result record
 * (key, status, samples, the work-factor test aid), and a session's case
 * loop with its callbacks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "engine/case.h"
#include "engine/plan.h"
#include "engine/session.h"

static void selection_init(struct tb_selection *sel)
{
	memset(sel, 0, sizeof(*sel));
	sel->modes = TB_MODE_INPLACE | TB_MODE_OUTOFPLACE;
	sel->threads[0] = 1;
	sel->nthreads = 1;
}

static bool plan_has_id(const struct tb_plan *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++) {
		char buf[256];
		tb_case_id(&p->c[i], buf, sizeof(buf));
		if (!strcmp(buf, id))
			return true;
	}
	return false;
}

/* the spin family at its default sizes */
static void plan_spin(struct tb_selection *sel, struct tb_plan *p)
{
	char err[512] = "";
	selection_init(sel);
	sel->families[sel->nfamilies++] = "spin";
	assert_int_equal(tb_plan_build(sel, p, err, sizeof(err)), 0);
}

static void plan_default_suite(void **state)
{
	(void)state;
	struct tb_selection sel;
	struct tb_plan p = {0};
	char err[512] = "";
	selection_init(&sel);
	assert_int_equal(tb_plan_build(&sel, &p, err, sizeof(err)), 0);
	assert_true(plan_has_id(&p, "null/empty/-/1/t1"));
	assert_true(plan_has_id(&p, "spin/chain/-/10000/t1")); /* the suite size only */
	assert_false(plan_has_id(&p, "spin/chain/-/1000/t1"));
	tb_plan_free(&p);
	assert_null(p.c);
}

static void plan_family_and_filter(void **state)
{
	(void)state;
	struct tb_selection sel;
	struct tb_plan p = {0};
	char err[512] = "";
	plan_spin(&sel, &p);
	assert_int_equal(p.n, 3); /* its default sizes */
	assert_true(plan_has_id(&p, "spin/chain/-/1000/t1"));
	assert_true(plan_has_id(&p, "spin/chain/-/100000/t1"));
	char f[64];
	tb_case_fields(&p.c[0], f, sizeof(f));
	assert_string_equal(f, "spin chain - 1000 1");
	tb_plan_free(&p);

	assert_int_equal(tb_filters_add(&sel.filters, "*/1000/*", false, err, sizeof(err)), 0);
	assert_int_equal(tb_plan_build(&sel, &p, err, sizeof(err)), 0);
	assert_int_equal(p.n, 1);
	tb_plan_free(&p);
	assert_int_equal(tb_filters_add(&sel.filters, "nothing/like/this", false, err, sizeof(err)), 0);
	assert_int_equal(tb_plan_build(&sel, &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'nothing/like/this' matches no case"));
	tb_plan_free(&p);
	tb_filters_free(&sel.filters);
	assert_int_equal(tb_filters_add(&sel.filters, "(", true, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "invalid --filter-regex '('"));
}

static void plan_refuses_unknown_variant(void **state)
{
	(void)state;
	struct tb_selection sel;
	struct tb_plan p = {0};
	char err[512] = "";
	char v[] = "no-such-variant";
	selection_init(&sel);
	sel.families[sel.nfamilies++] = "spin";
	sel.variants[sel.nvariants++] = v;
	assert_int_equal(tb_plan_build(&sel, &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown variant 'no-such-variant' (variants here: chain)"));
	tb_plan_free(&p);
}

static void sizes_given_twice_are_folded(void **state)
{
	(void)state;
	struct tb_selection sel;
	char err[512] = "", arg[] = "1000,2000,1000", bad[] = "1000,ten";
	selection_init(&sel);
	assert_int_equal(tb_selection_sizes(&sel, arg, err, sizeof(err)), 0);
	assert_int_equal(sel.nsizes, 2);
	assert_non_null(strstr(sel.folded, "--size 1000 is 1000 again"));
	assert_int_equal(tb_selection_sizes(&sel, bad, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "L1, L2, L3, DRAM"));
}

static void plan_rotates(void **state)
{
	(void)state;
	struct tb_selection sel;
	struct tb_plan p = {0};
	plan_spin(&sel, &p);
	tb_plan_rotate(&p, 1, 3); /* round 1 of 3 starts at case 1 */
	assert_int_equal(p.c[0].size.n, 10000);
	assert_int_equal(p.c[2].size.n, 1000);
	tb_plan_free(&p);
}

static void quick(struct tb_session_opts *o)
{
	tb_session_defaults(o);
	o->runner.samples = 5;
	o->runner.warmup_iters = 1;
	o->runner.warmup_min_ns = 1e5;
	o->runner.min_sample_ns = 1e5;
}

static struct tb_plan_case one(const char *family, const char *variant, uint64_t n)
{
	const struct tb_kernel *k = tb_kernel_find(family, variant);
	assert_non_null(k);
	return (struct tb_plan_case){.k = k, .mode = TB_MODE_NONE,
				     .size = {.n = n, .rows = 1, .cols = n}, .threads = 1};
}

static void case_runs_null_and_spin(void **state)
{
	(void)state;
	struct tb_session_opts o;
	quick(&o);
	char err[512] = "";
	const char *names[] = {"null", "empty", "spin", "chain"};
	for (int i = 0; i < 2; i++) {
		struct tb_plan_case pc = one(names[2 * i], names[2 * i + 1], i ? 1000 : 1);
		struct tb_result r = {0};
		assert_int_equal(tb_case_run(&o, &pc, &o.runner, NULL, &r, err, sizeof(err)), 0);
		assert_string_equal(r.family, names[2 * i]);
		assert_string_equal(r.variant, names[2 * i + 1]);
		assert_int_equal(r.status, TB_STATUS_OK);
		assert_int_equal(r.nsamples, 5);
		assert_true(r.iters >= 1);
		assert_true(r.st.median > 0);
		tb_result_free(&r);
	}
}

static void case_work_factor_keeps_the_key(void **state)
{
	(void)state;
	struct tb_session_opts o;
	quick(&o);
	char err[512] = "";
	struct tb_plan_case pc = one("spin", "chain", 1000);
	struct tb_result a = {0}, b = {0};
	assert_int_equal(tb_case_run(&o, &pc, &o.runner, NULL, &a, err, sizeof(err)), 0);
	o.work_factor = 2;
	assert_int_equal(tb_case_run(&o, &pc, &o.runner, NULL, &b, err, sizeof(err)), 0);
	assert_int_equal(b.n, a.n); /* recorded under its own size */
	assert_true(b.items >= 2 * a.items - 1e-9); /* but twice the work */
	tb_result_free(&a);
	tb_result_free(&b);
}

struct seen {
	int begin, started, done;
	size_t last;
};

static void on_begin(void *ctx, const struct tb_plan *p, const struct tb_session_info *in)
{
	struct seen *s = ctx;
	(void)p;
	assert_true(in->clock.resolution_ns > 0);
	assert_non_null(in->runner);
	assert_null(in->counters_line);
	s->begin++;
}

static void on_started(void *ctx, size_t i, const struct tb_plan_case *pc)
{
	struct seen *s = ctx;
	assert_non_null(pc->k);
	assert_int_equal(i, (size_t)s->started);
	s->started++;
}

static void on_done(void *ctx, size_t i, const struct tb_result *r)
{
	struct seen *s = ctx;
	assert_int_equal(r->status, TB_STATUS_OK);
	s->last = i;
	s->done++;
}

static void session_measures_the_plan(void **state)
{
	(void)state;
	struct tb_session_opts o;
	quick(&o);
	o.name = "unit";
	struct tb_plan_case cases[] = {one("null", "empty", 1), one("spin", "chain", 1000)};
	struct tb_plan p = {.c = cases, .n = 2, .cap = 2};
	struct seen s = {0};
	const struct tb_session_cb cb = {.ctx = &s, .begin = on_begin, .case_started = on_started,
					 .case_done = on_done};
	struct tb_session es;
	struct tb_resultset rs = {0};
	char err[512] = "";
	assert_int_equal(tb_session_open(&es, &o, &cb, err, sizeof(err)), 0);
	assert_int_equal(tb_session_measure(&es, &p, &cb, &rs, err, sizeof(err)), TB_SESSION_OK);
	tb_session_close(&es);
	assert_int_equal(s.begin, 1);
	assert_int_equal(s.started, 2);
	assert_int_equal(s.done, 2);
	assert_int_equal(s.last, 1);
	assert_int_equal(rs.n, 2);
	assert_string_equal(rs.name, "unit");
	assert_string_equal(tb_kv_get(&rs.options, "seed"), "1");
	assert_string_equal(tb_kv_get(&rs.options, "metric"), "time");
	assert_non_null(tb_kv_get(&rs.fingerprint, "noise"));
	tb_resultset_free(&rs);
}

static void session_refuses_events_with_callgrind(void **state)
{
	(void)state;
	struct tb_session_opts o;
	quick(&o);
	o.events = "default";
	o.metric_insns = true;
	struct tb_session es;
	char err[512] = "";
	assert_int_equal(tb_session_open(&es, &o, &(struct tb_session_cb){0}, err, sizeof(err)),
			 TB_SESSION_USAGE);
	assert_non_null(strstr(err, "--events cannot be combined with --metric instructions"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plan_default_suite),
		cmocka_unit_test(plan_family_and_filter),
		cmocka_unit_test(plan_refuses_unknown_variant),
		cmocka_unit_test(sizes_given_twice_are_folded),
		cmocka_unit_test(plan_rotates),
		cmocka_unit_test(case_runs_null_and_spin),
		cmocka_unit_test(case_work_factor_keeps_the_key),
		cmocka_unit_test(session_measures_the_plan),
		cmocka_unit_test(session_refuses_events_with_callgrind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
