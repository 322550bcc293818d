/*
 * run_exec.c - execute a plan in this process: for each case set up,
 * verify against the reference, measure, tear down; then derive statistics
 * and hand the results to run_session.c, which opened every output before
 * the first case ran and writes them.
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "progress.h"
#include "run.h"
#include "run_session.h"
#include "run_blas.h"
#include "run_limit.h"
#include "run_counters.h"
#include "run_outputs.h"
#include "run_record.h"

#include "version.h" /* generated: build/base/version.h */
#include "../kernels/common.h"
#include "../kernels/pool.h"
#include "../probes/callgrind.h"
#include "../probes/clock.h"
#include "../probes/counters.h"
#include "../probes/machine.h"
#include "../probes/perfctl.h"
#include "../probes/sysinfo.h"
#include "../probes/turns.h"
#include "../reports/baseline.h"
#include "../reports/compare.h"
#include "../reports/ctr_metrics.h"
#include "../reports/history.h"
#include "../reports/results.h"
#include "../reports/stats.h"
#include "../reports/writer.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* worker threads must not take the signals: the main thread handles them */
static struct tb_pool *pool_create_masked(unsigned n, bool pin, int first_cpu, char *msg,
					   size_t len)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	struct tb_pool *p = tb_pool_create(n, pin, first_cpu, msg, len);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return p;
}

void tb_run_set_key(struct tb_result *r, const struct tb_plan_case *pc,
		    const struct tb_run_opts *o)
{
	const struct tb_kernel *k = pc->k;
	snprintf(r->family, sizeof(r->family), "%s", k->family);
	snprintf(r->variant, sizeof(r->variant), "%s", k->variant);
	snprintf(r->mode, sizeof(r->mode), "%s", tb_mode_name(pc->mode));
	r->n = pc->size.n;
	r->rows = pc->size.rows;
	r->cols = pc->size.cols;
	r->threads = pc->threads;
	if (o->metric_insns)
		snprintf(r->metric, sizeof(r->metric), "%s", TB_METRIC_INSNS);
}

/* One case, start to end; fills r.  Returns 0, or -1 on a fatal error. */
static int run_case(const struct tb_run_opts *o, const struct tb_plan_case *pc,
		    struct tb_runner_opts *ro, struct tb_counters *ctrs, struct tb_result *r,
		    char *err, size_t errlen)
{
	const struct tb_kernel *k = pc->k;
	tb_run_set_key(r, pc, o);
	const char *why;
	if (!tb_kernel_supported(k, &why)) {
		snprintf(r->status, sizeof(r->status), "unsupported");
		snprintf(r->note, sizeof(r->note), "%s%s", why,
			 o->metric_insns ? " (as valgrind's virtual CPU reports it)" : "");
		return 0;
	}
	if (o->metric_insns && k->threaded && pc->threads > 1) {
		/* callgrind collects on the calling thread only: no honest figure */
		snprintf(r->status, sizeof(r->status), "unsupported");
		snprintf(r->note, sizeof(r->note),
			 "--metric instructions counts one thread; use --threads 1");
		return 0;
	}
	struct tb_case c = {
		.k = k, .mode = pc->mode, .n = pc->size.n, .rows = pc->size.rows,
		.cols = pc->size.cols, .threads = pc->threads, .seed = o->seed,
		.alpha = o->alpha,
	};
	if (o->work_factor != 1.0) {
		/* test aid (gate self-test): cols x F columns of work, kept under the
		 * case's key, so one side is a known amount slower: rounded up for
		 * F > 1, down for F < 1, so the work ratio is never below F (or 1/F) */
		double w = (double)c.cols * o->work_factor;
		c.cols = (size_t)(o->work_factor > 1 ? ceil(w - 1e-9) : floor(w + 1e-9));
		c.cols = c.cols ? c.cols : 1;
		c.n = c.rows * c.cols;
	}
	char msg[256] = "";
	if (k->threaded && pc->threads > 1) {
		c.pool = pool_create_masked(pc->threads, o->pin, o->pin_cpu, msg, sizeof(msg));
		if (!c.pool) {
			snprintf(r->status, sizeof(r->status), "setup-failed");
			snprintf(r->note, sizeof(r->note), "%s", msg);
			return 0;
		}
	}
	if (k->setup && k->setup(&c, msg, sizeof(msg))) {
		snprintf(r->status, sizeof(r->status), "setup-failed");
		snprintf(r->note, sizeof(r->note), "%s", msg);
		tb_pool_destroy(c.pool);
		return 0;
	}
	struct tb_work w = k->work ? k->work(&c) : (struct tb_work){0};
	r->bytes = w.bytes;
	r->flops = w.flops;
	r->items = w.items;
	snprintf(r->unit, sizeof(r->unit), "%s", w.item_unit ? w.item_unit : "it");

	int rc = 0;
	struct tb_runner_opts rco = *ro;
	struct tb_sample_hook hook;
	int vrc = k->verify ? k->verify(&c, msg, sizeof(msg)) : 0;
	if (vrc) {
		/* no memory to check it is not a wrong kernel: the case could not be set up */
		snprintf(r->status, sizeof(r->status), "%s",
			 vrc == TB_VERIFY_NOMEM ? "setup-failed" : "failed-verify");
		snprintf(r->note, sizeof(r->note), "%s%s", vrc == TB_VERIFY_NOMEM ? "verification: " : "",
			 msg);
	} else if (ctrs && tb_counters_bind(ctrs, c.pool, err, errlen)) {
		rc = -1;
	} else {
		struct tb_measurement m;
		if (ctrs) {
			hook = tb_counters_hook(ctrs);
			rco.hook = &hook;
		}
		if (tb_measure(&c, &rco, &m, err, errlen)) {
			rc = -1;
		} else {
			snprintf(r->status, sizeof(r->status), "%s", m.partial ? "partial" : "ok");
			if (k->describe) /* e.g. which kernel a dispatching variant ran */
				k->describe(&c, r->note, sizeof(r->note));
			r->iters = m.iters;
			if (o->metric_insns) /* the hook's value: instructions per sample */
				for (size_t s = 0; s < m.nsamples; s++)
					m.ns[s] = m.values[s * m.nvalues] / (double)m.iters;
			if (tb_result_set_samples(r, m.ns, m.nsamples))
				rc = tb_err(err, errlen, "out of memory");
			if (!o->metric_insns && m.nsamples) /* callgrind's virtual CPU: no */
				r->disturbed = (double)tb_measurement_disturbed(&m) / (double)m.nsamples;
			double level = o->gate.cmp.confidence > 0 ? o->gate.cmp.confidence : TB_BOOT_LEVEL;
			struct tb_boot_opts bo = {o->gate.cmp.resamples, level,
						  o->gate.cmp.seed};
			struct tb_boot_opts def;
			tb_boot_defaults(&def);
			if (!rc && (bo.resamples != def.resamples || bo.level != def.level))
				tb_stats_compute_opts(r->samples, r->nsamples, &bo, &r->st);
			if (ro->warmup_auto) {
				char t[32];
				tb_fmt_ns(m.warmup_ns, t, sizeof(t));
				snprintf(r->note, sizeof(r->note), m.warmup_steady
					 ? "warmup auto: steady after %s (%zu samples)"
					 : "warmup auto: not steady within %s (%zu samples, the cap)",
					 t, m.warmup_samples);
			}
			if (ctrs && !rc && tb_run_counters_add(ctrs, r, &m))
				rc = tb_err(err, errlen, "out of memory");
			tb_measurement_free(&m);
		}
	}
	tb_counters_unbind(ctrs);
	if (k->teardown)
		k->teardown(&c);
	tb_pool_destroy(c.pool);
	return rc;
}

int tb_run_execute(struct tb_run_opts *o, struct tb_plan *plan)
{
	struct tb_run_counters rctr = {0};
	if (o->events) {
		char e[512];
		if (o->metric_insns)
			return tb_usage_error("--events cannot be combined with --metric instructions (callgrind counts by itself)");
		if (tb_run_counters_open(&rctr, o->events, o->quiet, e, sizeof(e)))
			return tb_usage_error("%s", e);
	}
	struct tb_counters *ctrs = rctr.c;
	/* perf's control fifos: told when the measured samples start and end */
	struct tb_perfctl pctl = {.ctl = -1, .ack = -1};
	const char *pspec = getenv(TB_PERFCTL_ENV);
	if (pspec && *pspec) {
		char e[512];
		if (tb_perfctl_open(&pctl, pspec, e, sizeof(e))) {
			tb_counters_close(ctrs);
			return tb_usage_error("%s", e);
		}
	}
	/* every input and output a run needs is checked before it measures */
	struct tb_run_session ss;
	struct tb_turns turns = {.in = -1, .out = -1};
	char terr[512];
	int rc = tb_run_session_open(&ss, o);
	if (!rc && o->turns && tb_turns_open(&turns, o->turns, terr, sizeof(terr))) {
		tb_run_session_abort(&ss);
		rc = tb_usage_error("%s", terr);
	}
	if (rc) {
		tb_counters_close(ctrs);
		tb_perfctl_close(&pctl);
		return rc;
	}

	struct tb_clock_info ci;
	tb_clock_probe(&ci);
	struct tb_runner_opts ro = o->runner;
	if (o->turns) {
		ro.turn_wait = tb_turns_wait;
		ro.turn_pass = tb_turns_pass;
		ro.turn_ctx = &turns;
	}
	if (ro.min_sample_ns < 1000 * ci.resolution_ns)
		ro.min_sample_ns = 1000 * ci.resolution_ns;

	struct tb_resultset rs = {0};
	snprintf(rs.name, sizeof(rs.name), "%s", o->name ? o->name : "");
	tb_fingerprint(&rs.fingerprint);
	tb_fingerprint_clock(&rs.fingerprint, &ci);
	tb_run_plugins_record(&rs.fingerprint); /* a baseline knows which plugin it measured */
	char noise[1024];
	if (tb_noise_warnings(&rs.fingerprint, o->verbose, noise, sizeof(noise))) {
		tb_kv_set(&rs.fingerprint, "noise", noise);
		if (!o->quiet)
			tb_print_error("warning: timings may be noisy: %s", noise);
	} else {
		tb_kv_set(&rs.fingerprint, "noise", "none seen");
	}
	tb_run_blas_notes(o, plan);
	tb_run_record_options(o, &rs.options, &ci);
	tb_run_pin_plan(o, &rs.fingerprint);
	tb_run_record_tiers(plan, &rs.options, &rs.fingerprint);

	/* measured context (clock, copy limit); meaningless when counting
	 * instructions under callgrind */
	struct tb_limits lim;
	tb_limits_init(&lim, o->pin, !o->metric_insns, &rs.options);

	struct tb_callgrind_hook cgh;
	if (o->metric_insns) {
		char e[512];
		if (tb_callgrind_hook_init(&cgh, e, sizeof(e))) {
			tb_limits_free(&lim);
			tb_resultset_free(&rs);
			tb_run_session_abort(&ss);
			tb_turns_close(&turns);
			tb_counters_close(ctrs);
			tb_perfctl_close(&pctl);
			return tb_usage_error("%s", e);
		}
		ro.hook = &cgh.hook;
	}
	if (pctl.ctl >= 0) {
		ro.phase = tb_perfctl_phase;
		ro.phase_ctx = &pctl;
		tb_kv_set(&rs.options, "perf_control", getenv(TB_PERFCTL_ENV));
	}

	if (!o->quiet) {
		printf("tbench %s: %zu case%s; clock resolution %.0f ns, overhead %.1f ns per read",
		       TB_VERSION, plan->n, plan->n == 1 ? "" : "s", ci.resolution_ns, ci.overhead_ns);
		if (!isnan(lim.ghz))
			printf("; effective clock %.2f GHz", lim.ghz);
		else if (!lim.off)
			printf("; effective clock %s", tb_kv_get(&rs.options, "cpu.effective_ghz_check"));
		putchar('\n');
		tb_run_print_notes(plan, stdout);
		if (ro.fixed_iters)
			printf("profile: %zu samples x %llu calls per sample, no warmup, no calibration, "
			       "seed %llu\n", ro.samples, (unsigned long long)ro.fixed_iters,
			       (unsigned long long)o->seed);
		if (o->metric_insns)
			printf("metric: instructions per call, counted by valgrind's callgrind inside "
			       "%s (deterministic; times are not measured)\n", TB_RUNNER_CALL_SYMBOL);
		if (ctrs)
			printf("%s\n", rctr.line);
	}
	struct tb_progress prog;
	tb_progress_init(&prog, !o->quiet && isatty(STDERR_FILENO), plan->n, ro.max_time_ns);
	ro.progress = tb_progress_cb;
	ro.progress_ctx = &prog;

	rc = TB_EXIT_OK;
	char err[512] = "";
	size_t i;
	for (i = 0; i < plan->n && !tb_stop_requested; i++) {
		struct tb_result *r = tb_resultset_add(&rs);
		if (!r) {
			rc = tb_usage_error("out of memory");
			break;
		}
		const struct tb_plan_case *pc = &plan->c[i];
		char lab[160], sz[48];
		tb_result_size_str(&(struct tb_result){.n = pc->size.n, .rows = pc->size.rows,
							 .cols = pc->size.cols}, sz, sizeof(sz));
		snprintf(lab, sizeof(lab), "%s/%s %s %s", pc->k->family, pc->k->variant,
			 tb_mode_name(pc->mode), sz);
		if (pc->threads > 1)
			snprintf(lab + strlen(lab), sizeof(lab) - strlen(lab), " x%u", pc->threads);
		tb_progress_case(&prog, i, lab);
		if (run_case(o, &plan->c[i], &ro, ctrs, r, err, sizeof(err))) {
			tb_print_error("%s/%s: %s%s%s", plan->c[i].k->family, plan->c[i].k->variant, err,
				       o->metric_insns && cgh.err[0] ? ": " : "",
				       o->metric_insns ? cgh.err : "");
			rc = TB_EXIT_FAIL;
			break;
		}
		if (!strcmp(r->status, "failed-verify"))
			rc = TB_EXIT_FAIL;
		tb_limits_apply(&lim, r, &rs.options);
		if (o->verbose && !o->quiet) {
			tb_progress_clear(&prog);
			tb_run_verbose_case(r, &prog);
		}
	}
	tb_limits_free(&lim);
	tb_progress_clear(&prog);
	if (o->turns)
		tb_kv_setf(&rs.options, "turns", "place %d, %zu turns%s", turns.place, turns.waits,
			   turns.ended ? ", then alone (the peer went silent)" : "");

	if (tb_stop_requested) {
		/* the cases that never ran are listed too, so every output
		 * shows the run is partial, even if no case was cut short */
		tb_kv_set(&rs.options, "partial", "yes");
		for (; i < plan->n; i++) {
			struct tb_result *r = tb_resultset_add(&rs);
			if (!r)
				break;
			tb_run_set_key(r, &plan->c[i], o);
			snprintf(r->status, sizeof(r->status), "partial");
			snprintf(r->note, sizeof(r->note), "not run: interrupted");
		}
	}
	tb_run_counters_record(&rctr, &rs.fingerprint);
	rc = tb_run_session_finish(&ss, o, &rs, rc);
	tb_turns_close(&turns);
	tb_counters_close(ctrs);
	tb_perfctl_close(&pctl);
	return rc;
}
