/*
 * exec_result.c - whole-command runs as a result record (exec_result.h).
 */
#include "exec_result.h"

#include "ctr_metrics.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --events: one counter column per event, per run (as `run --events`
 * gives them per call); an event the cross-check refused is unknown (NaN),
 * said in the note */
static int add_counters(struct tb_result *r, const struct tb_exec_result *res)
{
	size_t n = res->n, k = res->nctr;
	const char *names[TB_EXEC_CTR_MAX];
	double *v = malloc(n * k * sizeof(*v));
	if (!v)
		return -1;
	for (size_t j = 0; j < k; j++) {
		names[j] = res->ctr_name[j];
		for (size_t i = 0; i < n; i++)
			v[i * k + j] = res->ctr_unknown[j] ? NAN : res->runs[i].ctr[j];
	}
	int rc = tb_result_add_counters(r, names, k, v, n, 1);
	free(v);
	for (size_t j = 0; !rc && j < k; j++) {
		if (!res->ctr_unknown[j])
			continue;
		rc = tb_result_add_metric(r, names[j], NAN, NAN);
		size_t o = strlen(r->note);
		if (o + 1 < sizeof(r->note))
			snprintf(r->note + o, sizeof(r->note) - o, "%s%s unknown: %s", o ? "; " : "",
				 names[j], res->ctr_why[j]);
	}
	if (!rc && res->ctr_scaled && strlen(r->note) + 1 < sizeof(r->note))
		snprintf(r->note + strlen(r->note), sizeof(r->note) - strlen(r->note),
			 "%scounters multiplexed by the kernel, counts scaled", r->note[0] ? "; " : "");
	return rc;
}

int tb_result_from_exec(struct tb_result *r, const char *name, const struct tb_exec_result *res,
			size_t rounds)
{
	snprintf(r->family, sizeof(r->family), "%s", TB_FAMILY_EXEC);
	snprintf(r->variant, sizeof(r->variant), "%s", name);
	snprintf(r->mode, sizeof(r->mode), "-");
	r->n = r->rows = r->cols = 1;
	r->iters = 1;
	r->runs = rounds > 1 && res->n >= rounds && res->n % rounds == 0 ? rounds : 1;
	r->bytes = r->flops = NAN; /* a command's work is unknown */
	r->items = 1;              /* rate: runs per second */
	snprintf(r->unit, sizeof(r->unit), "run");
	r->status = res->failed ? TB_STATUS_FAILED_VERIFY
		    : res->partial ? TB_STATUS_PARTIAL : TB_STATUS_OK;
	if (res->failed)
		snprintf(r->note, sizeof(r->note), "the command failed: %s (--ignore-failure to "
			 "measure it anyway)", res->why);
	else if (res->nfailed)
		snprintf(r->note, sizeof(r->note), "%zu of %zu runs failed (first: %s), measured "
			 "anyway (--ignore-failure)", res->nfailed, res->n, res->why);
	else if (res->partial)
		snprintf(r->note, sizeof(r->note), "interrupted after %zu runs", res->n);
	if (res->failed)
		return 0; /* a failed command has no figures */
	size_t n = res->n;
	double *v = malloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		v[i] = res->runs[i].wall_ns;
	rc |= tb_result_set_samples(r, v, n);
	static const struct { const char *name; size_t off; } m[] = {
		{"user_ns", offsetof(struct tb_exec_run, user_ns)},
		{"system_ns", offsetof(struct tb_exec_run, sys_ns)},
		{"max_rss_bytes", offsetof(struct tb_exec_run, maxrss_bytes)},
		{"minflt", offsetof(struct tb_exec_run, minflt)},
		{"majflt", offsetof(struct tb_exec_run, majflt)},
		{"nvcsw", offsetof(struct tb_exec_run, nvcsw)},
		{"nivcsw", offsetof(struct tb_exec_run, nivcsw)},
	};
	for (size_t k = 0; !rc && n && k < sizeof(m) / sizeof(m[0]); k++) {
		size_t known = n;
		for (size_t i = 0; i < n; i++) {
			v[i] = *(const double *)((const char *)&res->runs[i] + m[k].off);
			if (isnan(v[i]))
				known = 0; /* unknown in one run: unknown */
		}
		rc = tb_result_add_metric_of(r, m[k].name, v, known);
	}
	free(v);
	if (!rc && n && res->nctr)
		rc = add_counters(r, res);
	return rc ? -1 : 0;
}
