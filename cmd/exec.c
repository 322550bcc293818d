/*
 * exec.c - `tbench exec [options] -- CMD [ARGS...]` (or --command 'CMD'
 * repeated): whole commands as processes, measured by probes/exec.c and
 * written as an ordinary tbench result set (table, CSV, JSON, HTML,
 * baselines, the gate).  This file parses, prints and picks the exit
 * status; exec_plan.c builds the commands.
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "exec.h"
#include "gate.h"
#include "parse.h"
#include "progress.h"
#include "run.h"
#include "run_outputs.h"
#include "run_session.h"

#include "../engine/exec_runs.h"
#include "../kernels/common.h"
#include "../probes/clock.h"
#include "../probes/exec_counters.h"
#include "../probes/machine.h"
#include "../probes/sysinfo.h"
#include "../reports/baseline.h"
#include "../reports/ctr_metrics.h"
#include "../reports/exec_result.h"
#include "../reports/stats.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* argv[0] names an executable file: a path, or found in $PATH */
static bool startable(const char *cmd)
{
	struct stat st;
	if (strchr(cmd, '/'))
		return stat(cmd, &st) == 0 && S_ISREG(st.st_mode) && access(cmd, X_OK) == 0;
	const char *p = getenv("PATH");
	if (!p)
		p = "/usr/local/bin:/usr/bin:/bin";
	for (;;) {
		const char *e = strchr(p, ':');
		int l = e ? (int)(e - p) : (int)strlen(p);
		char buf[4096];
		int k = snprintf(buf, sizeof(buf), "%.*s/%s", l ? l : 1, l ? p : ".", cmd);
		if (k > 0 && (size_t)k < sizeof(buf) && stat(buf, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(buf, X_OK) == 0)
			return true;
		if (!e)
			return false;
		p = e + 1;
	}
}

static void record_options(const struct tb_exec_args *a, struct tb_kvlist *kv, const char *sw,
			   double spawn_ns)
{
	tb_kv_set(kv, "command", a->argv_joined ? a->argv_joined : "tbench exec");
	tb_kv_setf(kv, "exec.warmup", "%zu", a->ex.warmup);
	tb_kv_setf(kv, "exec.min_runs", "%zu", a->ex.min_runs);
	tb_kv_setf(kv, "exec.max_runs", "%zu", a->ex.max_runs);
	tb_kv_setf(kv, "exec.budget_ns", "%.0f", a->ex.budget_ns);
	tb_kv_set(kv, "exec.shell", a->shell ? "/bin/sh -c" : "none (spawned directly)");
	if (a->prepare)
		tb_kv_set(kv, "exec.prepare", a->prepare);
	tb_kv_setf(kv, "exec.rounds", "%zu", a->rounds);
	tb_kv_set(kv, "exec.spawn_command", sw);
	if (isnan(spawn_ns))
		tb_kv_set(kv, "exec.spawn_ns", "unknown");
	else
		tb_kv_setf(kv, "exec.spawn_ns", "%.0f", spawn_ns);
	tb_kv_set(kv, "exec.spawn_subtracted", "no");
	tb_kv_set(kv, "pin", a->pin ? "yes" : "no");
	tb_kv_setf(kv, "bootstrap", "%zu", a->gate.cmp.resamples);
	tb_kv_setf(kv, "confidence", "%g", a->gate.cmp.confidence);
}

static void verbose_case(const struct tb_result *r, const struct tb_exec_result *x)
{
	char m[32], lo[32], hi[32];
	tb_fmt_ns(r->st.median, m, sizeof(m));
	tb_fmt_ns(r->st.ci_low, lo, sizeof(lo));
	tb_fmt_ns(r->st.ci_high, hi, sizeof(hi));
	fprintf(stderr, "  exec/%s: %zu runs in %.2f s, median %s, CI %s - %s, cv %.1f%%", r->variant,
		x->n, x->elapsed_ns / 1e9, m, lo, hi, 100 * r->st.cv);
	for (size_t j = 0; j < r->nmetrics; j++)
		fprintf(stderr, "%s %s %.4g", j ? "," : ";", r->metrics[j].name, r->metrics[j].median);
	fputc('\n', stderr);
}

/* several commands: each against the fastest, with the CI of the ratio */
static void relative(const struct tb_resultset *rs, const struct tb_gate_opts *g)
{
	const struct tb_result *best = NULL;
	for (size_t i = 0; i < rs->n; i++)
		if (rs->r[i].nsamples && (!best || rs->r[i].st.median < best->st.median))
			best = &rs->r[i];
	if (!best || rs->n < 2)
		return;
	struct tb_boot_opts bo = {g->cmp.resamples, g->cmp.confidence, g->cmp.seed};
	printf("\nfastest: %s\n", best->variant);
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		double lo = NAN, hi = NAN;
		if (r == best || !r->nsamples)
			continue;
		tb_stats_ratio_ci(best->samples, best->nsamples, r->samples, r->nsamples, &bo, &lo, &hi);
		printf("  %s: %.3fx the time", r->variant, r->st.median / best->st.median);
		if (!isnan(lo))
			printf(" [%.3f, %.3f]", lo, hi);
		putchar('\n');
	}
}

static void on_started(void *ctx, size_t i, const char *name)
{
	tb_progress_case(ctx, i, name);
}

static int run_plan(struct tb_exec_args *a, const struct tb_exec_plan *p,
		    const struct tb_exec_counters *xc)
{
	char fpath[4096], err[1024];
	struct out outs[TB_MAX_OUTS];
	const size_t nouts = tb_outs_list(outs, a->path, fpath, sizeof(fpath), NULL);
	tb_run_catch_signals();
	if (tb_outs_open(outs, nouts))
		return TB_EXIT_USAGE;
	struct tb_resultset base = {0}, rs = {0}, prev = {0};
	struct tb_baseline_tx tx = {0};
	struct tb_exec_result *res = calloc(p->n, sizeof(*res));
	const char *bdir = tb_baseline_dir(a->gate.baseline_dir);
	int rc = TB_EXIT_OK;
	if (!res) {
		rc = tb_usage_error("out of memory");
		goto out;
	}
	/* what can be checked before the runs is: the baseline, --append's */
	if ((a->baseline && tb_gate_load(a->baseline, &a->gate, NULL, &base, err, sizeof(err))) ||
	    (a->save_baseline && tb_baseline_begin(&tx, bdir, a->save_baseline, err, sizeof(err))) ||
	    (a->append && tb_baseline_load(bdir, a->save_baseline, &prev, err, sizeof(err)) == -1)) {
		rc = tb_usage_error("%s", err);
		goto out;
	}
	if (a->pin) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(a->pin_cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set)) /* the children inherit it */
			tb_print_error("warning: cannot pin to CPU %d: %s", a->pin_cpu, strerror(errno));
		else
			tb_kv_setf(&rs.fingerprint, "pin.cpu", "%d", a->pin_cpu);
	}
	snprintf(rs.name, sizeof(rs.name), "%s", a->name ? a->name : "");
	struct tb_clock_info ci;
	tb_clock_probe(&ci);
	tb_fingerprint(&rs.fingerprint);
	tb_fingerprint_clock(&rs.fingerprint, &ci);
	char noise[1024];
	if (tb_noise_warnings(&rs.fingerprint, a->verbose, noise, sizeof(noise))) {
		tb_kv_set(&rs.fingerprint, "noise", noise);
		if (!a->quiet)
			tb_print_error("warning: timings may be noisy: %s", noise);
	}
	const char *sw;
	const struct tb_exec_counters *ctr = xc && xc->n ? xc : NULL;
	double spawn = tb_exec_spawn_cost(a->shell, ctr, &sw);
	record_options(a, &rs.options, sw, spawn);
	if (xc)
		tb_exec_counters_record(xc, &rs.fingerprint);
	if (!a->quiet) {
		char t[32];
		tb_fmt_ns(spawn, t, sizeof(t));
		printf("tbench exec: %zu command%s%s; spawning %s takes %s (median of 20: inside "
		       "every run, not subtracted)\n", p->n, p->n == 1 ? "" : "s",
		       a->rounds > 1 && p->n > 1 ? ", interleaved in rounds" : "", sw,
		       isnan(spawn) ? "unknown" : t);
		if (ctr)
			printf("%s; every measured run counted from its exec to its exit, children "
			       "included, and checked against wait4's rusage\n", ctr->line);
	}
	struct tb_progress prog;
	tb_progress_init(&prog, !a->quiet && isatty(STDERR_FILENO), p->n * a->rounds, a->ex.budget_ns);
	struct tb_exec_opts ex = a->ex;
	ex.progress = tb_progress_cb;
	ex.progress_ctx = &prog;
	ex.ctr = ctr;
	int mr = tb_exec_runs(p, &ex, a->rounds, on_started, &prog, res, err, sizeof(err));
	tb_progress_clear(&prog);
	if (mr) {
		rc = tb_usage_error("%s", err);
		goto out;
	}
	for (size_t i = 0; i < p->n; i++) {
		struct tb_result *r = tb_resultset_add(&rs);
		if (!r || tb_result_from_exec(r, p->e[i].name, &res[i], a->rounds)) {
			rc = tb_usage_error("out of memory");
			goto out;
		}
		if (res[i].failed) {
			tb_print_error("%s: %s", p->e[i].name, r->note);
			rc = TB_EXIT_FAIL;
		}
		for (size_t j = 0; j < res[i].nctr && !a->quiet; j++)
			if (res[i].ctr_unknown[j])
				tb_print_error("warning: %s: %s is unknown: %s", p->e[i].name,
					       res[i].ctr_name[j], res[i].ctr_why[j]);
		if (a->verbose && !a->quiet && res[i].n)
			verbose_case(r, &res[i]);
	}
	if (tb_stop_requested)
		tb_kv_set(&rs.options, "partial", "yes");
	const char *nc = getenv("NO_COLOR");
	struct tb_report rep = {.rs = &rs, .verbose = a->verbose, .samples = a->json_samples,
				.color = isatty(STDOUT_FILENO) && !(nc && *nc)};
	if (!a->quiet) {
		tb_writer_table.write(stdout, &rep, err, sizeof(err));
		tb_write_counter_table(stdout, &rs);
		relative(&rs, &a->gate);
	}
	struct tb_comparison cmp = {0};
	if (a->baseline) {
		int grc = tb_gate_baseline(&base, &rs, a->baseline, &a->gate, a->quiet, &rep, &cmp);
		if (grc > rc)
			rc = grc;
	}
	/* an output that cannot be written: exit 3, unless worse was found */
	int wrc = tb_outs_write(outs, nouts, &rep);
	if (a->save_baseline && tb_stop_requested) {
		tb_print_error("interrupted: baseline '%s' was not saved", a->save_baseline);
	} else if (a->save_baseline) {
		bool pooled = a->append && prev.n;
		if ((pooled && tb_resultset_append_samples(&prev, &rs, err, sizeof(err))) ||
		    tb_baseline_commit(&tx, pooled ? &prev : &rs, err, sizeof(err))) {
			tb_print_error("%s", err);
			wrc = TB_EXIT_WRITE;
		} else if (!a->quiet) {
			printf("baseline '%s' saved in %s\n", a->save_baseline, bdir);
		}
	}
	if (wrc && rc == TB_EXIT_OK)
		rc = wrc;
	tb_comparison_free(&cmp);
out:
	tb_outs_abort(outs, nouts);
	tb_baseline_abort(&tx);
	tb_resultset_free(&prev);
	for (size_t i = 0; res && i < p->n; i++)
		tb_exec_result_free(&res[i]);
	free(res);
	tb_resultset_free(&base);
	tb_resultset_free(&rs);
	if (tb_stop_requested) {
		tb_print_error("interrupted: the results so far were written, marked partial");
		return 128 + tb_stop_requested;
	}
	return rc;
}

int cmd_exec(int argc, char **argv)
{
	struct tb_exec_args a = {.scan_step = 1, .rounds = 1};
	tb_exec_defaults(&a.ex);
	tb_gate_defaults(&a.gate);
	char err[1024];
	int pr = tb_exec_parse(argc, argv, &a, err, sizeof(err));
	if (pr == 1) {
		fputs(tb_usage_exec, stdout);
		return TB_EXIT_OK;
	}
	if (pr)
		return pr == -2 ? TB_EXIT_USAGE : tb_usage_error("%s", err);
	struct tb_exec_plan plan;
	if (tb_exec_plan_build(&a, &plan, err, sizeof(err)))
		return tb_usage_error("%s", err);
	for (size_t i = 0; i < plan.n; i++)
		if (!startable(plan.e[i].argv[0])) {
			int rc = tb_usage_error("cannot run '%s': no such executable file%s", plan.e[i].argv[0],
						strchr(plan.e[i].argv[0], '/') ? "" : " in PATH");
			tb_exec_plan_free(&plan);
			return rc;
		}
	size_t len = 16;
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((a.argv_joined = calloc(1, len))) {
		strcpy(a.argv_joined, "tbench");
		for (int i = 0; i < argc; i++)
			strcat(strcat(a.argv_joined, " "), argv[i]);
	}
	/* the events are checked before anything runs or is written */
	struct tb_exec_counters xc = {0};
	if (a.events) {
		char note[1024];
		if (tb_exec_counters_open(&xc, a.events, note, sizeof(note), err, sizeof(err))) {
			free(a.argv_joined);
			tb_exec_plan_free(&plan);
			return tb_usage_error("%s", err);
		}
		if (note[0] && !a.quiet)
			tb_print_error("note: %s", note);
	}
	int rc = run_plan(&a, &plan, a.events ? &xc : NULL);
	tb_exec_counters_close(&xc);
	free(a.argv_joined);
	tb_exec_plan_free(&plan);
	return rc;
}
