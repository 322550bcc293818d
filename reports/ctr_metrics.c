/*
 * ctr_metrics.c - per-call counter figures and derived metrics, and the
 * counter block printed under the terminal table.
 */
#include "ctr_metrics.h"

#include "describe.h"
#include "writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* mean and median of x[0..n) (x is reordered) */
static void mean_median(double *x, size_t n, double *mean, double *median)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	*mean = s / (double)n;
	*median = tb_median(x, n);
}

static long find(const char *const *names, size_t n, const char *const *want)
{
	for (; *want; want++)
		for (size_t i = 0; i < n; i++)
			if (!strcmp(names[i], *want))
				return (long)i;
	return -1;
}

/* per-sample ratio num/den, scaled by k, as a metric (den <= 0 or a value
 * not counted in that sample, NaN: skipped; none left: no metric) */
static int add_ratio(struct tb_result *r, const char *name, const double *values, size_t n,
		     size_t nsamples, long num, long den, double k, double *tmp)
{
	size_t m = 0;
	for (size_t s = 0; s < nsamples; s++) {
		double d = den < 0 ? 1.0 : values[s * n + (size_t)den];
		double x = values[s * n + (size_t)num];
		if (d > 0 && !isnan(x))
			tmp[m++] = x / d * k;
	}
	if (!m)
		return 0;
	double mean, median;
	mean_median(tmp, m, &mean, &median);
	return tb_result_add_metric(r, name, mean, median);
}

int tb_result_add_counters(struct tb_result *r, const char *const *names, size_t n,
			   const double *values, size_t nsamples, uint64_t iters)
{
	static const char *const cyc[] = {"PAPI_TOT_CYC", "perf::CYCLES", "perf::CPU-CYCLES",
					  "perf::PERF_COUNT_HW_CPU_CYCLES", NULL};
	static const char *const ins[] = {"PAPI_TOT_INS", "perf::INSTRUCTIONS",
					  "perf::PERF_COUNT_HW_INSTRUCTIONS", NULL};
	static const char *const l1m[] = {"PAPI_L1_DCM", "perf::L1-DCACHE-LOAD-MISSES", NULL};
	if (!nsamples || !iters)
		return 0;
	double *tmp = malloc(nsamples * sizeof(double));
	if (!tmp)
		return -1;
	int rc = 0;
	double per = 1.0 / (double)iters;
	for (size_t i = 0; i < n && !rc; i++)
		rc = add_ratio(r, names[i], values, n, nsamples, (long)i, -1, per, tmp);
	long c = find(names, n, cyc), in = find(names, n, ins), l1 = find(names, n, l1m);
	if (!rc && c >= 0 && in >= 0)
		rc = add_ratio(r, "IPC", values, n, nsamples, in, c, 1.0, tmp);
	if (r->items > 0) {
		const char *u = r->unit[0] ? r->unit : "item";
		double k = per / r->items;
		char nm[64];
		const struct { long idx; const char *what; } d[] = {
			{c, "cycles"}, {in, "insns"}, {l1, "l1_misses"}};
		for (size_t j = 0; j < 3 && !rc; j++) {
			if (d[j].idx < 0)
				continue;
			snprintf(nm, sizeof(nm), "%s_per_%s", d[j].what, u);
			rc = add_ratio(r, nm, values, n, nsamples, d[j].idx, -1, k, tmp);
		}
	}
	free(tmp);
	return rc;
}

static void fmt(double v, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (fabs(v) >= 1e6 || (fabs(v) < 1e-3 && v != 0))
		snprintf(buf, len, "%.3e", v);
	else
		snprintf(buf, len, "%.4g", v);
}

void tb_write_counter_table(FILE *f, const struct tb_resultset *rs)
{
	size_t wc = 4, we = 5;
	char key[160], a[32], b[32];
	bool any = false;
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		char sz[48];
		tb_result_size_str(r, sz, sizeof(sz));
		int kl = snprintf(key, sizeof(key), "%s/%s %s %s t%u", r->family, r->variant,
				  r->mode, sz, r->threads);
		for (size_t j = 0; j < r->nmetrics; j++) {
			any = true;
			if ((size_t)kl > wc)
				wc = (size_t)kl;
			if (strlen(r->metrics[j].name) > we)
				we = strlen(r->metrics[j].name);
		}
	}
	if (!any)
		return;
	fprintf(f, "\ncounters per call (median and mean over samples):\n");
	fprintf(f, "%-*s  %-*s  %12s  %12s\n", (int)wc, "case", (int)we, "event", "median", "mean");
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		char sz[48];
		tb_result_size_str(r, sz, sizeof(sz));
		snprintf(key, sizeof(key), "%s/%s %s %s t%u", r->family, r->variant, r->mode, sz,
			 r->threads);
		for (size_t j = 0; j < r->nmetrics; j++) {
			fmt(r->metrics[j].median, a, sizeof(a));
			fmt(r->metrics[j].mean, b, sizeof(b));
			fprintf(f, "%-*s  %-*s  %12s  %12s\n", (int)wc, j ? "" : key, (int)we,
				r->metrics[j].name, a, b);
		}
	}
}
