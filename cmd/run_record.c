/*
 * run_record.c - what `tbench run` records beside the case loop
 * (run_exec.c): the --verbose line per case, the options, pinning plan and
 * size tiers kept with the results, the plan's notes and the warning on
 * disturbed cases (the counters: run_counters.c).
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "progress.h"
#include "run.h"
#include "run_record.h"

#include "../kernels/common.h"
#include "../probes/sysinfo.h"
#include "../reports/ctr_metrics.h"
#include "../reports/stats.h"
#include "../reports/writer.h"

#include <errno.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

/* --verbose: what the table does not show, one line per case on stderr */
void tb_run_verbose_case(const struct tb_result *r, const struct tb_progress *p)
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

void tb_run_record_options(const struct tb_run_opts *o, struct tb_kvlist *kv,
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
	tb_kv_setf(kv, "confidence", "%g",
		   o->gate.cmp.confidence > 0 ? o->gate.cmp.confidence : TB_BOOT_LEVEL);
	if (o->work_factor != 1.0)
		tb_kv_setf(kv, "work_factor", "%g", o->work_factor);
	tb_kv_setf(kv, "metric", "%s", o->metric_insns ? TB_METRIC_INSNS : TB_METRIC_TIME);
	if (o->runner.fixed_iters)
		tb_kv_setf(kv, "profile_iters", "%llu", (unsigned long long)o->runner.fixed_iters);
	tb_kv_setf(kv, "clock.resolution_ns", "%.0f", ci->resolution_ns);
	tb_kv_setf(kv, "clock.overhead_ns", "%.1f", ci->overhead_ns);
	tb_run_plugins_record(kv);
}

/* --pin: the calling thread runs single-thread cases on CPU pin_cpu;
 * threaded cases put worker i on CPU (pin_cpu + i) mod CPUs. */
void tb_run_pin_plan(const struct tb_run_opts *o, struct tb_kvlist *kv)
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

void tb_run_record_tiers(const struct tb_plan *p, struct tb_kvlist *options,
			 struct tb_kvlist *fingerprint)
{
	if (p->tiers[0]) {
		tb_kv_set(options, "size_tiers", p->tiers);
		tb_kv_set(fingerprint, "tiers.caches", p->caches);
	}
	if (p->skipped[0])
		tb_kv_set(options, "sizes_left_out", p->skipped);
}

void tb_run_warn_disturbed(const struct tb_resultset *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		char what[256], sz[48];
		if (!tb_result_disturbance(r, what, sizeof(what)))
			continue;
		tb_result_size_str(r, sz, sizeof(sz));
		char thr[16] = "";
		if (r->threads > 1)
			snprintf(thr, sizeof(thr), " x%u", r->threads);
		tb_print_error("warning: %s/%s %s %s%s: %s; its figures are not the kernel's alone",
			       r->family, r->variant, r->mode, sz, thr, what);
	}
}

void tb_run_print_notes(const struct tb_plan *p, FILE *f)
{
	if (p->tiers[0])
		fprintf(f, "note: %s\n", p->tiers);
	if (p->skipped[0])
		fprintf(f, "note: left out of the default sizes, too large for the memory here: %s\n",
			p->skipped);
}
