/*
 * run_exec.c - execute a plan: for each case set up, verify against the
 * reference, measure, tear down; then derive statistics and write every
 * requested output.  Output files are opened before the first case runs.
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "progress.h"
#include "run.h"
#include "run_limit.h"
#include "run_outputs.h"

#include "../kernels/common.h"
#include "../kernels/pool.h"
#include "../probes/callgrind.h"
#include "../probes/clock.h"
#include "../probes/counters.h"
#include "../probes/machine.h"
#include "../probes/sysinfo.h"
#include "../reports/baseline.h"
#include "../reports/compare.h"
#include "../reports/ctr_metrics.h"
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

#ifndef TB_VERSION
#define TB_VERSION "0.0.0"
#endif

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

void tb_run_catch_signals(void)
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

/* --verbose: what the table does not show, one line per case on stderr */
static void verbose_case(const struct tb_result *r, const struct tb_progress *p)
{
	char lab[TB_VARIANT_MAX + 96], sz[48], med[32], lo[32], hi[32];
	tb_result_size_str(r, sz, sizeof(sz));
	snprintf(lab, sizeof(lab), "%s/%s %s %s", r->family, r->variant, r->mode, sz);
	if (r->threads > 1)
		snprintf(lab + strlen(lab), sizeof(lab) - strlen(lab), " x%u", r->threads);
	if (!r->nsamples) {
		fprintf(stderr, "  %s: %s%s%s\n", lab, r->status, r->note[0] ? ": " : "", r->note);
		return;
	}
	double wu = tb_progress_phase_ns(p, TB_PHASE_WARMUP);
	double cal = tb_progress_phase_ns(p, TB_PHASE_CALIBRATE);
	tb_fmt_per_call(r, r->st.median, med, sizeof(med));
	tb_fmt_per_call(r, r->st.ci_low, lo, sizeof(lo));
	tb_fmt_per_call(r, r->st.ci_high, hi, sizeof(hi));
	fprintf(stderr, "  %s: %zu samples x %llu calls", lab, r->nsamples,
		(unsigned long long)r->iters);
	if (!isnan(wu))
		fprintf(stderr, ", warmup %.1f ms", wu / 1e6);
	if (!isnan(cal))
		fprintf(stderr, ", calibration %.1f ms", cal / 1e6);
	fprintf(stderr, "; median %s, CI %s - %s, cv %.1f%%, outliers %zu mild / %zu severe\n",
		med, lo, hi, 100 * r->st.cv, r->st.outliers_mild, r->st.outliers_severe);
}

static void record_options(const struct tb_run_opts *o, struct tb_kvlist *kv,
			   const struct tb_clock_info *ci)
{
	tb_kv_set(kv, "command", o->argv_joined ? o->argv_joined : "tbench run");
	tb_kv_setf(kv, "seed", "%llu", (unsigned long long)o->seed);
	tb_kv_setf(kv, "alpha", "%.9g", (double)o->alpha);
	tb_kv_setf(kv, "samples", "%zu", o->runner.samples);
	tb_kv_setf(kv, "warmup_iters", "%llu", (unsigned long long)o->runner.warmup_iters);
	tb_kv_setf(kv, "warmup_min_ns", "%.0f", o->runner.warmup_min_ns);
	tb_kv_setf(kv, "min_sample_ns", "%.0f", o->runner.min_sample_ns);
	tb_kv_setf(kv, "max_time_ns", "%.0f", o->runner.max_time_ns);
	tb_kv_setf(kv, "pin", "%s", o->pin ? "yes" : "no");
	tb_kv_setf(kv, "warmup", "%s", o->runner.warmup_auto ? "auto" : "fixed");
	if (o->runner.warmup_auto)
		tb_kv_setf(kv, "warmup_max_ns", "%.0f", o->runner.warmup_max_ns);
	tb_kv_setf(kv, "bootstrap", "%zu", o->gate.cmp.resamples);
	tb_kv_setf(kv, "confidence", "%g", o->gate.cmp.confidence);
	if (o->work_factor != 1.0)
		tb_kv_setf(kv, "work_factor", "%g", o->work_factor);
	tb_kv_setf(kv, "metric", "%s", o->metric_insns ? TB_METRIC_INSNS : TB_METRIC_TIME);
	if (o->runner.fixed_iters)
		tb_kv_setf(kv, "profile_iters", "%llu", (unsigned long long)o->runner.fixed_iters);
	tb_kv_setf(kv, "clock.resolution_ns", "%.0f", ci->resolution_ns);
	tb_kv_setf(kv, "clock.overhead_ns", "%.1f", ci->overhead_ns);
}

/* Counters per call into r; a multiplexed set says so in the note. */
static int add_counters(const struct tb_counters *ctrs, struct tb_result *r,
			const struct tb_measurement *m)
{
	const char *names[TB_CTR_MAX];
	size_t n = tb_counters_count(ctrs);
	for (size_t i = 0; i < n; i++)
		names[i] = tb_counters_name(ctrs, i);
	if (tb_result_add_counters(r, names, n, m->values, m->nsamples, m->iters))
		return -1;
	if (tb_counters_multiplexed(ctrs)) {
		if (tb_result_add_metric(r, "mpx_coverage", tb_counters_coverage(ctrs),
					 tb_counters_coverage(ctrs)))
			return -1;
		if (!r->note[0])
			snprintf(r->note, sizeof(r->note),
				 "counters multiplexed: %zu events on %d counters, counts scaled (coverage about %.0f%%)",
				 n, tb_counters_hw_slots(), 100 * tb_counters_coverage(ctrs));
	}
	return 0;
}

/* --events: "default" or a comma list, checked against this machine.
 * NULL with err filled when one cannot be counted. */
static struct tb_counters *open_events(const char *spec, char *err, size_t errlen)
{
	const char *names[TB_CTR_MAX];
	char buf[1024];
	size_t n;
	bool hw;
	const char *why = "";
	if (tb_counters_init(err, errlen))
		return NULL;
	if (!strcmp(spec, "default")) {
		n = tb_counters_default(names, TB_CTR_MAX, &hw);
	} else {
		char *items[TB_CTR_MAX];
		snprintf(buf, sizeof(buf), "%s", spec);
		int k = tb_split_list(buf, items, TB_CTR_MAX);
		if (k < 0) {
			tb_err(err, errlen, "invalid --events '%s': expected up to %d event names separated by commas, or 'default'",
			       spec, TB_CTR_MAX);
			return NULL;
		}
		for (int i = 0; i < k; i++)
			names[i] = items[i];
		n = (size_t)k;
	}
	struct tb_counters *c = tb_counters_open(names, n, err, errlen);
	if (c && !tb_counters_hw_available(&why))
		tb_print_error("note: %s; counting software events only", why);
	return c;
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
		.alpha = o->alpha, .work_factor = o->work_factor,
	};
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
	if (k->verify && k->verify(&c, msg, sizeof(msg))) {
		snprintf(r->status, sizeof(r->status), "failed-verify");
		snprintf(r->note, sizeof(r->note), "%s", msg);
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
			struct tb_boot_opts bo = {o->gate.cmp.resamples, o->gate.cmp.confidence,
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
			if (ctrs && !rc && add_counters(ctrs, r, &m))
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

/* --append: the saved baseline's results first, this run's merged in */
static int append_prev(const struct tb_run_opts *o, const char *bdir, struct tb_resultset *rs,
		       char *err, size_t errlen)
{
	if (!o->append)
		return 0;
	struct tb_resultset prev = {0};
	int lr = tb_baseline_load(bdir, o->save_baseline, &prev, err, errlen);
	int rc = lr == -1 ? -1 : tb_resultset_append_samples(&prev, rs, err, errlen);
	if (!rc) { /* rs becomes the merged set */
		snprintf(prev.name, sizeof(prev.name), "%s", rs->name);
		tb_resultset_free(rs);
		*rs = prev;
	} else {
		tb_resultset_free(&prev);
	}
	return rc;
}

/* --pin: the calling thread runs single-thread cases on CPU pin_cpu;
 * threaded cases put worker i on CPU (pin_cpu + i) mod CPUs. */
static void pin_plan(const struct tb_run_opts *o, struct tb_kvlist *kv)
{
	if (!o->pin)
		return;
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(o->pin_cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		tb_print_error("warning: cannot pin to CPU %d: %s", o->pin_cpu, strerror(errno));
	unsigned maxt = 1, ncpu = tb_cpu_count();
	for (int i = 0; i < o->nthreads; i++)
		if (o->threads[i] > maxt)
			maxt = o->threads[i];
	char plan[512] = "";
	for (unsigned t = 0; t < maxt && strlen(plan) < sizeof(plan) - 16; t++)
		snprintf(plan + strlen(plan), sizeof(plan) - strlen(plan), "%st%u:cpu%u",
			 t ? " " : "", t, ((unsigned)o->pin_cpu + t) % ncpu);
	tb_kv_setf(kv, "pin.cpu", "%d", o->pin_cpu);
	tb_kv_set(kv, "pin.plan", plan);
}

static void record_counters(const struct tb_counters *c, struct tb_kvlist *kv)
{
	char list[1024] = "";
	const double *ov = tb_counters_overhead(c);
	char ovs[1024] = "";
	for (size_t i = 0; i < tb_counters_count(c); i++) {
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? "," : "",
			 tb_counters_name(c, i));
		snprintf(ovs + strlen(ovs), sizeof(ovs) - strlen(ovs), "%s%.6g", i ? "," : "", ov[i]);
	}
	tb_kv_set(kv, "counters.events", list);
	tb_kv_setf(kv, "counters.multiplexed", "%s", tb_counters_multiplexed(c) ? "yes" : "no");
	tb_kv_setf(kv, "counters.coverage", "%.3f", tb_counters_coverage(c));
	tb_kv_set(kv, "counters.read_overhead", ovs);
	tb_kv_setf(kv, "counters.read_ns", "%.0f", tb_counters_read_ns(c));
}

int tb_run_execute(struct tb_run_opts *o, struct tb_plan *plan)
{
	struct tb_counters *ctrs = NULL;
	if (o->events) {
		char e[512];
		if (o->metric_insns)
			return tb_usage_error("--events cannot be combined with --metric instructions (callgrind counts by itself)");
		if (!(ctrs = open_events(o->events, e, sizeof(e))))
			return tb_usage_error("%s", e);
	}
	char fpath[4096];
	tb_run_fingerprint_path(o->csv_path, fpath, sizeof(fpath));
	struct out outs[] = RUN_OUTS(o, fpath);
	const size_t nouts = sizeof(outs) / sizeof(outs[0]);
	tb_run_catch_signals(); /* before the temporary files exist */
	if (tb_run_open_outs(outs, nouts)) {
		tb_counters_close(ctrs);
		return TB_EXIT_USAGE;
	}

	struct tb_resultset base = {0};
	struct tb_baseline_tx tx = {0};
	char berr[1024];
	const char *bdir = tb_baseline_dir(o->gate.baseline_dir);
	if ((o->baseline && tb_baseline_load(bdir, o->baseline, &base, berr, sizeof(berr))) ||
	    (o->save_baseline && tb_baseline_begin(&tx, bdir, o->save_baseline, berr, sizeof(berr)))) {
		for (size_t i = 0; i < nouts; i++)
			tb_outfile_abort(&outs[i].f);
		tb_resultset_free(&base);
		tb_counters_close(ctrs);
		return tb_usage_error("%s", berr);
	}

	struct tb_clock_info ci;
	tb_clock_probe(&ci);
	struct tb_runner_opts ro = o->runner;
	if (ro.min_sample_ns < 1000 * ci.resolution_ns)
		ro.min_sample_ns = 1000 * ci.resolution_ns;

	struct tb_resultset rs = {0};
	snprintf(rs.name, sizeof(rs.name), "%s", o->name ? o->name : "");
	tb_fingerprint(&rs.fingerprint);
	tb_fingerprint_clock(&rs.fingerprint, &ci);
	char noise[1024];
	if (tb_noise_warnings(&rs.fingerprint, o->verbose, noise, sizeof(noise))) {
		tb_kv_set(&rs.fingerprint, "noise", noise);
		if (!o->quiet)
			tb_print_error("warning: timings may be noisy: %s", noise);
	} else {
		tb_kv_set(&rs.fingerprint, "noise", "none seen");
	}
	record_options(o, &rs.options, &ci);
	pin_plan(o, &rs.fingerprint);

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
			tb_baseline_abort(&tx);
			for (size_t i = 0; i < nouts; i++)
				tb_outfile_abort(&outs[i].f);
			return tb_usage_error("%s", e);
		}
		ro.hook = &cgh.hook;
	}

	if (!o->quiet) {
		printf("tbench %s: %zu case%s; clock resolution %.0f ns, overhead %.1f ns per read",
		       TB_VERSION, plan->n, plan->n == 1 ? "" : "s", ci.resolution_ns, ci.overhead_ns);
		if (!isnan(lim.ghz))
			printf("; effective clock %.2f GHz", lim.ghz);
		putchar('\n');
		if (ro.fixed_iters)
			printf("profile: %zu samples x %llu calls per sample, no warmup, no calibration, "
			       "seed %llu\n", ro.samples, (unsigned long long)ro.fixed_iters,
			       (unsigned long long)o->seed);
		if (o->metric_insns)
			printf("metric: instructions per call, counted by valgrind's callgrind inside "
			       "%s (deterministic; times are not measured)\n", TB_RUNNER_CALL_SYMBOL);
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
			verbose_case(r, &prog);
		}
	}
	tb_limits_free(&lim);
	tb_progress_clear(&prog);

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
	if (ctrs)
		record_counters(ctrs, &rs.fingerprint);
	struct tb_comparison cmp = {0};
	if (o->baseline) {
		int grc = tb_gate_baseline(&base, &rs, o->baseline, &o->gate, o->quiet, &rep, &cmp);
		if (grc > rc)
			rc = grc;
	}
	if (tb_run_write_outs(outs, nouts, &rep))
		rc = TB_EXIT_FAIL;
	if (o->save_baseline && tb_stop_requested) {
		tb_print_error("interrupted: baseline '%s' was not saved", o->save_baseline);
	} else if (o->save_baseline) {
		if (append_prev(o, bdir, &rs, berr, sizeof(berr)) ||
		    tb_baseline_commit(&tx, &rs, berr, sizeof(berr))) {
			tb_print_error("%s", berr);
			rc = TB_EXIT_FAIL;
		} else if (!o->quiet) {
			printf("baseline '%s' saved in %s\n", o->save_baseline, bdir);
		}
	}
	tb_baseline_abort(&tx);
	tb_comparison_free(&cmp);
	tb_resultset_free(&base);
	tb_counters_close(ctrs);
	tb_resultset_free(&rs);
	if (tb_stop_requested) {
		tb_print_error("interrupted by %s: the results so far were written, marked partial",
			       tb_stop_requested == SIGINT ? "SIGINT" : tb_stop_requested == SIGTERM ? "SIGTERM" : "a signal");
		return 128 + tb_stop_requested;
	}
	return rc;
}
