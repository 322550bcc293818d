/*
 * record.c - what a session records of how it was made (session.h): the
 * options, the plan of threads to CPUs under --pin, the size tiers; and
 * the note on OpenBLAS's core.
 */
#define _GNU_SOURCE
#include "session.h"

#include "../kernels/blas_dl.h"
#include "../probes/blasinfo.h"
#include "../probes/sysinfo.h"
#include "../reports/stats.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void tb_session_defaults(struct tb_session_opts *o)
{
	memset(o, 0, sizeof(*o));
	tb_runner_defaults(&o->runner);
	o->seed = 1;
	o->alpha = 1.5f;
	o->work_factor = 1.0;
	o->max_threads = 1;
	tb_boot_defaults(&o->boot);
}

void tb_session_record_options(const struct tb_session_opts *o, struct tb_kvlist *kv,
			       const struct tb_clock_info *ci)
{
	tb_kv_set(kv, "command", o->command ? o->command : "tbench run");
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
	tb_kv_setf(kv, "bootstrap", "%zu", o->boot.resamples);
	tb_kv_setf(kv, "confidence", "%g", o->boot.level);
	if (o->work_factor != 1.0)
		tb_kv_setf(kv, "work_factor", "%g", o->work_factor);
	tb_kv_setf(kv, "metric", "%s", o->metric_insns ? TB_METRIC_INSNS : TB_METRIC_TIME);
	if (o->runner.fixed_iters)
		tb_kv_setf(kv, "profile_iters", "%llu", (unsigned long long)o->runner.fixed_iters);
	tb_kv_setf(kv, "clock.resolution_ns", "%.0f", ci->resolution_ns);
	tb_kv_setf(kv, "clock.overhead_ns", "%.1f", ci->overhead_ns);
	tb_plugins_record(kv);
}

/* --pin: the calling thread runs single-thread cases on CPU pin_cpu;
 * threaded cases put worker i on CPU (pin_cpu + i) mod CPUs. */
int tb_session_pin(const struct tb_session_opts *o, struct tb_kvlist *kv, char *warn, size_t len)
{
	if (len)
		warn[0] = 0;
	if (!o->pin)
		return 0;
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(o->pin_cpu, &set);
	int rc = 0;
	if (sched_setaffinity(0, sizeof(set), &set)) {
		snprintf(warn, len, "cannot pin to CPU %d: %s", o->pin_cpu, strerror(errno));
		rc = -1;
	}
	unsigned maxt = o->max_threads ? o->max_threads : 1, ncpu = tb_cpu_count();
	char plan[512] = "";
	for (unsigned t = 0; t < maxt && strlen(plan) < sizeof(plan) - 16; t++)
		snprintf(plan + strlen(plan), sizeof(plan) - strlen(plan), "%st%u:cpu%u",
			 t ? " " : "", t, ((unsigned)o->pin_cpu + t) % ncpu);
	tb_kv_setf(kv, "pin.cpu", "%d", o->pin_cpu);
	tb_kv_set(kv, "pin.plan", plan);
	return rc;
}

void tb_session_record_tiers(const struct tb_plan *p, struct tb_kvlist *options,
			     struct tb_kvlist *fingerprint)
{
	if (p->tiers[0]) {
		tb_kv_set(options, "size_tiers", p->tiers);
		tb_kv_set(fingerprint, "tiers.caches", p->caches);
	}
	if (p->skipped[0])
		tb_kv_set(options, "sizes_left_out", p->skipped);
}

int tb_session_blas_note(const struct tb_plan *plan, const char *blas_core, char *note,
			 size_t len)
{
	bool blas = false;
	note[0] = 0;
	for (size_t i = 0; i < plan->n && !blas; i++)
		blas = !strcmp(plan->c[i].k->variant, "blas");
	if (!blas)
		return 0;
	const char *core = openblas_get_corename();
	char line[512];
	if (blas_core && strcasecmp(blas_core, core))
		snprintf(note, len, "--blas-core %s: OpenBLAS runs its %s kernels instead (this build has no %s kernels of its own)",
			 blas_core, core, blas_core);
	else if (tb_blas_core_older(line, sizeof(line)))
		snprintf(note, len, "%s", line);
	return note[0] != 0;
}
