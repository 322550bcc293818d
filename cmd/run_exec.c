/*
 * run_exec.c - execute a plan: for each case set up, verify against the
 * reference, measure, tear down; then derive statistics and write every
 * requested output.  Output files are opened before the first case runs.
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "progress.h"
#include "run.h"
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

/* First SIGINT/SIGTERM/SIGHUP: stop at the next sample boundary and write
 * what was measured.  Second: remove the temporary output files (existing
 * targets were never touched) and die of the signal at once.  Only
 * async-signal-safe calls here. */
static void on_signal(int sig)
{
	if (tb_stop_requested) {
		tb_outfile_unlink_all();
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	tb_stop_requested = sig;
}

static void catch_signals(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* a closed stdout (tbench run | head) must not kill the run before its
	 * files are written: writes fail with EPIPE and main reports it */
	signal(SIGPIPE, SIG_IGN);
}

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

static void set_key(struct tb_result *r, const struct tb_plan_case *pc,
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
	set_key(r, pc, o);
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

/* --append: the saved baseline's results first (prev, loaded before the
 * run so a damaged one fails at once), this run's merged in */
static int append_prev(struct tb_resultset *prev, struct tb_resultset *rs, char *err,
		       size_t errlen)
{
	int rc = tb_resultset_append_samples(prev, rs, err, errlen);
	if (!rc) { /* rs becomes the merged set */
		snprintf(prev->name, sizeof(prev->name), "%s", rs->name);
		tb_resultset_free(rs);
		*rs = *prev;
		memset(prev, 0, sizeof(*prev));
	}
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
	char fpath[4096];
	tb_run_fingerprint_path(o->csv_path, fpath, sizeof(fpath));
	struct out outs[] = RUN_OUTS(o, fpath);
	const size_t nouts = sizeof(outs) / sizeof(outs[0]);
	catch_signals(); /* before the temporary files exist */
	if (tb_outs_open(outs, nouts)) {
		tb_counters_close(ctrs);
		tb_perfctl_close(&pctl);
		return TB_EXIT_USAGE;
	}

	/* every input and output a run needs is checked before it measures */
	struct tb_resultset base = {0}, prev = {0};
	struct tb_baseline_tx tx = {0};
	struct tb_turns turns = {.in = -1, .out = -1};
	char berr[1024];
	const char *bdir = tb_baseline_dir(o->gate.baseline_dir);
	struct tb_history *hist = NULL;
	int hrc = 0;
	if ((o->turns && tb_turns_open(&turns, o->turns, berr, sizeof(berr))) ||
	    (o->baseline && tb_baseline_load(bdir, o->baseline, &base, berr, sizeof(berr))) ||
	    (o->save_baseline && tb_baseline_begin(&tx, bdir, o->save_baseline, berr, sizeof(berr))) ||
	    (o->append && tb_baseline_load(bdir, o->save_baseline, &prev, berr, sizeof(berr)) == -1) ||
	    (hrc = tb_run_history_open(o, &hist))) {
		tb_outs_abort(outs, nouts);
		tb_perfctl_close(&pctl);
		tb_baseline_abort(&tx);
		tb_resultset_free(&base);
		tb_resultset_free(&prev);
		tb_counters_close(ctrs);
		tb_turns_close(&turns);
		return hrc ? hrc : tb_usage_error("%s", berr);
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

	/* measured context (clock, copy limit); meaningless when counting
	 * instructions under callgrind */
	struct tb_limits lim;
	tb_limits_init(&lim, o->pin, !o->metric_insns, &rs.options);

	struct tb_callgrind_hook cgh;
	if (o->metric_insns) {
		char e[512];
		if (tb_callgrind_hook_init(&cgh, e, sizeof(e))) {
			tb_resultset_free(&rs);
			tb_resultset_free(&base);
			tb_resultset_free(&prev);
			tb_baseline_abort(&tx);
			tb_outs_abort(outs, nouts);
			tb_turns_close(&turns);
			tb_history_close(hist);
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

	int rc = TB_EXIT_OK;
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
			set_key(r, &plan->c[i], o);
			snprintf(r->status, sizeof(r->status), "partial");
			snprintf(r->note, sizeof(r->note), "not run: interrupted");
		}
	}
	const char *nc = getenv("NO_COLOR");
	struct tb_report rep = {.rs = &rs, .verbose = o->verbose, .samples = o->json_samples,
				.color = isatty(STDOUT_FILENO) && !(nc && *nc)};
	if (!o->quiet) {
		char e2[256];
		tb_writer_table.write(stdout, &rep, e2, sizeof(e2));
		tb_write_counter_table(stdout, &rs);
	}
	tb_run_counters_record(&rctr, &rs.fingerprint);
	struct tb_comparison cmp = {0};
	if (o->baseline) {
		if (tb_compare(&base, &rs, &o->gate.cmp, &cmp, err, sizeof(err))) {
			tb_print_error("%s", err);
			rc = TB_EXIT_USAGE;
		} else {
			snprintf(cmp.old_label, sizeof(cmp.old_label), "baseline %s", o->baseline);
			snprintf(cmp.new_label, sizeof(cmp.new_label), "this run%s%s",
				 rs.name[0] ? " " : "", rs.name);
			rep.cmp = &cmp;
			if (!o->quiet)
				putchar('\n');
			int grc = tb_gate_report(&cmp, &o->gate, o->quiet, rep.color);
			if (grc > rc)
				rc = grc;
		}
	}
	/* an output that cannot be written: exit 3, unless worse was found */
	int wrc = tb_outs_write(outs, nouts, &rep);
	int hadd = tb_run_history_add(o, hist, &rs, tb_stop_requested != 0); /* before --append pools */
	rc = hadd > rc ? hadd : rc;
	if (o->save_baseline && tb_stop_requested) {
		tb_print_error("interrupted: baseline '%s' was not saved", o->save_baseline);
	} else if (o->save_baseline) {
		if (o->append && append_prev(&prev, &rs, berr, sizeof(berr))) {
			tb_print_error("%s", berr);
			wrc = TB_EXIT_WRITE;
		} else if (tb_baseline_commit(&tx, &rs, berr, sizeof(berr))) {
			tb_print_error("%s", berr);
			wrc = TB_EXIT_WRITE;
		} else if (!o->quiet) {
			printf("baseline '%s' saved in %s\n", o->save_baseline, bdir);
		}
	}
	if (wrc && rc == TB_EXIT_OK)
		rc = wrc;
	tb_baseline_abort(&tx);
	tb_resultset_free(&prev);
	tb_turns_close(&turns);
	tb_history_close(hist);
	tb_comparison_free(&cmp);
	tb_resultset_free(&base);
	tb_counters_close(ctrs);
	tb_perfctl_close(&pctl);
	tb_resultset_free(&rs);
	if (tb_stop_requested) {
		tb_print_error("interrupted by %s: the results so far were written, marked partial",
			       tb_stop_requested == SIGINT ? "SIGINT" : tb_stop_requested == SIGTERM ? "SIGTERM" : "a signal");
		return 128 + tb_stop_requested;
	}
	return rc;
}
