/*
 * run_exec.c - `tbench run` measuring in this process: the engine's
 * session (engine/session.h) measures the plan; this file opens the
 * outputs and baselines around it (run_session.h) and prints what the
 * session reports: the header, the progress line, --verbose lines, notes
 * and warnings, and the exit status.
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "progress.h"
#include "run.h"
#include "run_blas.h"
#include "run_record.h"
#include "run_session.h"

#include "version.h" /* generated: build/base/version.h */
#include "../probes/runner.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

struct printer {
	const struct tb_run_opts *o;
	struct tb_progress prog;
};

static void on_note(void *ctx, const char *msg)
{
	struct printer *p = ctx;
	if (!p->o->quiet)
		tb_print_error("%s", msg);
}

static void on_warning(void *ctx, const char *msg)
{
	(void)ctx;
	tb_print_error("%s", msg);
}

static void on_begin(void *ctx, const struct tb_plan *plan, const struct tb_session_info *in)
{
	struct printer *p = ctx;
	const struct tb_run_opts *o = p->o;
	const struct tb_runner_opts *ro = in->runner;
	tb_run_blas_note(o, plan);
	if (!o->quiet) {
		printf("tbench %s: %zu case%s; clock resolution %.0f ns, overhead %.1f ns per read",
		       TB_VERSION, plan->n, plan->n == 1 ? "" : "s", in->clock.resolution_ns,
		       in->clock.overhead_ns);
		if (!isnan(in->ghz))
			printf("; effective clock %.2f GHz", in->ghz);
		else if (!in->limits_off)
			printf("; effective clock %s", in->ghz_check);
		putchar('\n');
		tb_run_print_notes(plan, stdout);
		if (ro->fixed_iters)
			printf("profile: %zu samples x %llu calls per sample, no warmup, no calibration, "
			       "seed %llu\n", ro->samples, (unsigned long long)ro->fixed_iters,
			       (unsigned long long)o->ses.seed);
		if (o->ses.metric_insns)
			printf("metric: instructions per call, counted by valgrind's callgrind inside "
			       "%s (deterministic; times are not measured)\n", TB_RUNNER_CALL_SYMBOL);
		if (in->counters_line)
			printf("%s\n", in->counters_line);
	}
	tb_progress_init(&p->prog, !o->quiet && isatty(STDERR_FILENO), plan->n, ro->max_time_ns);
}

static void on_case_started(void *ctx, size_t i, const struct tb_plan_case *pc)
{
	struct printer *p = ctx;
	char lab[160];
	tb_case_label(pc, lab, sizeof(lab));
	tb_progress_case(&p->prog, i, lab);
}

static void on_case_done(void *ctx, size_t i, const struct tb_result *r)
{
	struct printer *p = ctx;
	(void)i;
	if (p->o->verbose && !p->o->quiet) {
		tb_progress_clear(&p->prog);
		tb_run_verbose_case(r, &p->prog);
	}
}

int tb_run_execute(struct tb_run_opts *o, struct tb_plan *plan)
{
	struct printer pr = {.o = o};
	const struct tb_session_cb cb = {
		.ctx = &pr, .begin = on_begin, .case_started = on_case_started,
		.case_done = on_case_done, .note = on_note, .warning = on_warning,
		.progress = tb_progress_cb, .progress_ctx = &pr.prog,
	};
	struct tb_session es;
	struct tb_run_session ss;
	struct tb_resultset rs = {0};
	char err[1024];
	/* every input and output a run needs is checked before it measures */
	if (tb_session_open(&es, &o->ses, &cb, err, sizeof(err)))
		return tb_usage_error("%s", err);
	int rc = tb_run_session_open(&ss, o);
	if (rc)
		goto out;
	int mr = tb_session_measure(&es, plan, &cb, &rs, err, sizeof(err));
	tb_progress_clear(&pr.prog);
	if (mr == TB_SESSION_USAGE) {
		tb_run_session_abort(&ss);
		tb_resultset_free(&rs);
		rc = tb_usage_error("%s", err);
		goto out;
	}
	if (mr == TB_SESSION_ERROR)
		tb_print_error("%s", err);
	rc = tb_run_session_finish(&ss, o, &rs, mr == TB_SESSION_OK ? TB_EXIT_OK : TB_EXIT_FAIL);
out:
	tb_session_close(&es);
	return rc;
}
