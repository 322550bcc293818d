/*
 * run_record.c - what `tbench run` prints beside the case loop
 * (run_exec.c): the --verbose line per case, the plan's notes and the
 * warning on disturbed cases.
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
		fprintf(stderr, "  %s: %s%s%s\n", lab, tb_status_name(r->status), r->note[0] ? ": " : "", r->note);
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

void tb_run_blas_note(const struct tb_run_opts *o, const struct tb_plan *plan)
{
	char note[640];
	if (!o->quiet && tb_session_blas_note(plan, o->blas_core, note, sizeof(note)))
		tb_print_error("note: %s", note);
}
