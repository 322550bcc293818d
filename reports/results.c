/*
 * results.c - result records: ownership, derived figures, keys.
 */
#include "results.h"

#include "stats.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tb_result *tb_resultset_add(struct tb_resultset *rs)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 16;
		struct tb_result *nr = realloc(rs->r, cap * sizeof(*nr));
		if (!nr)
			return NULL;
		rs->r = nr;
		rs->cap = cap;
	}
	struct tb_result *r = &rs->r[rs->n++];
	memset(r, 0, sizeof(*r));
	r->threads = 1;
	r->rows = 1;
	snprintf(r->metric, sizeof(r->metric), "%s", TB_METRIC_TIME);
	r->items_per_s = r->gbps = r->limit_share = r->items_per_cycle = NAN;
	r->between_cv = r->within_cv = r->disturbed = r->bimodal = r->imbalance = NAN;
	tb_stats_compute(NULL, 0, &r->st);
	return r;
}

void tb_result_free(struct tb_result *r)
{
	free(r->samples);
	free(r->metrics);
	free(r->run_n);
	r->samples = NULL;
	r->metrics = NULL;
	r->run_n = NULL;
	r->nsamples = r->nmetrics = 0;
}

void tb_resultset_free(struct tb_resultset *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		tb_result_free(&rs->r[i]);
	free(rs->r);
	tb_kv_free(&rs->fingerprint);
	tb_kv_free(&rs->options);
	memset(rs, 0, sizeof(*rs));
}

size_t tb_result_sample_count(const struct tb_result *r)
{
	return r->nsamples ? r->nsamples : r->samples_declared;
}

bool tb_result_is_insns(const struct tb_result *r)
{
	return !strcmp(r->metric, TB_METRIC_INSNS);
}

void tb_result_derive(struct tb_result *r)
{
	tb_stats_compute(r->samples, r->nsamples, &r->st);
	size_t runs = r->runs ? r->runs : 1;
	r->between_cv = r->within_cv = r->bimodal = NAN;
	if (runs >= 2 && r->nsamples)
		tb_stats_run_spread(r->samples, r->nsamples, runs, r->run_n, &r->between_cv,
				    &r->within_cv);
	if (r->threads > 1 && !tb_result_is_insns(r))
		r->bimodal = tb_stats_bimodal(r->samples, r->nsamples);
	double med = r->st.median;
	if (r->nsamples && med > 0 && !tb_result_is_insns(r)) {
		r->items_per_s = r->items > 0 ? r->items / (med * 1e-9) : NAN;
		r->gbps = r->bytes > 0 ? r->bytes / med : NAN; /* bytes/ns = GB/s */
	} else {
		r->items_per_s = r->gbps = NAN;
	}
}

int tb_result_set_samples(struct tb_result *r, const double *ns, size_t n)
{
	free(r->samples);
	r->samples = NULL;
	r->nsamples = 0;
	if (n) {
		r->samples = malloc(n * sizeof(double));
		if (!r->samples)
			return -1;
		memcpy(r->samples, ns, n * sizeof(double));
		r->nsamples = n;
	}
	tb_result_derive(r);
	return 0;
}

int tb_result_set_runs(struct tb_result *r, const size_t *run_n, size_t n)
{
	free(r->run_n);
	r->run_n = NULL;
	r->runs = n ? n : 1;
	if (n < 2)
		return 0;
	r->run_n = malloc(n * sizeof(*r->run_n));
	if (!r->run_n)
		return -1;
	memcpy(r->run_n, run_n, n * sizeof(*r->run_n));
	return 0;
}

bool tb_result_runs_differ(const struct tb_result *r)
{
	return r->between_cv > r->within_cv; /* false when either is NaN */
}

bool tb_result_disturbed(const struct tb_result *r)
{
	return r->disturbed >= TB_DISTURBED_MARK || r->bimodal > 0 ||
	       r->imbalance >= TB_IMBALANCE_MARK;
}

size_t tb_result_disturbance(const struct tb_result *r, char *buf, size_t len)
{
	buf[0] = 0;
	if (!tb_result_disturbed(r))
		return 0;
	int k = 0;
	if (r->disturbed >= TB_DISTURBED_MARK)
		k = snprintf(buf, len, "%.0f%% of samples disturbed (a thread of the case was "
			     "preempted: involuntary context switches)", 100 * r->disturbed);
	if (r->bimodal > 0 && k >= 0 && (size_t)k < len)
		k += snprintf(buf + k, len - (size_t)k, "%sbimodal: %.0f%% of samples in a slower, "
			      "separate mode", k ? "; " : "", 100 * r->bimodal);
	if (r->imbalance >= TB_IMBALANCE_MARK && k >= 0 && (size_t)k < len)
		snprintf(buf + k, len - (size_t)k, "%sworkers unequal: the slowest took %.2fx the "
			 "fastest's time on an equal share (a slower or shared CPU)", k ? "; " : "",
			 r->imbalance);
	return strlen(buf);
}

int tb_result_add_metric(struct tb_result *r, const char *name, double mean, double median)
{
	struct tb_metric *m = realloc(r->metrics, (r->nmetrics + 1) * sizeof(*m));
	if (!m)
		return -1;
	r->metrics = m;
	m = &r->metrics[r->nmetrics++];
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->mean = mean;
	m->median = median;
	return 0;
}

int tb_result_add_metric_of(struct tb_result *r, const char *name, const double *v, size_t n)
{
	double mean = NAN, med = NAN;
	if (n) {
		double *s = malloc(n * sizeof(*s));
		if (!s)
			return -1;
		memcpy(s, v, n * sizeof(*s));
		gsl_sort(s, 1, n);
		med = gsl_stats_median_from_sorted_data(s, 1, n);
		mean = gsl_stats_mean(s, 1, n);
		free(s);
	}
	return tb_result_add_metric(r, name, mean, med);
}

void tb_result_size_str(const struct tb_result *r, char *buf, size_t len)
{
	if (r->rows > 1)
		snprintf(buf, len, "%llux%llu", (unsigned long long)r->rows,
			 (unsigned long long)r->cols);
	else
		snprintf(buf, len, "%llu", (unsigned long long)r->n);
}

static int u64_cmp(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

int tb_result_key_cmp_unshaped(const struct tb_result *a, const struct tb_result *b)
{
	int d = strcmp(a->family, b->family);
	if (!d)
		d = strcmp(a->variant, b->variant);
	if (!d)
		d = strcmp(a->mode, b->mode);
	if (!d)
		d = u64_cmp(a->n, b->n);
	if (!d)
		d = u64_cmp(a->threads, b->threads);
	return d;
}

int tb_result_key_cmp(const struct tb_result *a, const struct tb_result *b)
{
	int d = tb_result_key_cmp_unshaped(a, b);
	if (!d)
		d = u64_cmp(a->rows, b->rows);
	if (!d)
		d = u64_cmp(a->cols, b->cols);
	return d;
}

void tb_result_key_str(const struct tb_result *r, char *buf, size_t len)
{
	char sz[48];
	tb_result_size_str(r, sz, sizeof(sz));
	snprintf(buf, len, "%s/%s/%s/%s/%u", r->family, r->variant, r->mode, sz, r->threads);
}

bool tb_result_same_key(const struct tb_result *a, const struct tb_result *b)
{
	return tb_result_key_cmp(a, b) == 0;
}


const char *const tb_statuses[] = {
	[TB_STATUS_OK] = "ok",
	[TB_STATUS_PARTIAL] = "partial",
	[TB_STATUS_FAILED_VERIFY] = "failed-verify",
	[TB_STATUS_UNSUPPORTED] = "unsupported",
	[TB_STATUS_SETUP_FAILED] = "setup-failed",
	[TB_STATUS_COUNT] = NULL,
};

const char *tb_status_name(enum tb_status s)
{
	return (unsigned)s < TB_STATUS_COUNT ? tb_statuses[s] : "?";
}

int tb_status_parse(const char *name, enum tb_status *out)
{
	for (int i = 0; i < TB_STATUS_COUNT; i++)
		if (!strcmp(tb_statuses[i], name)) {
			*out = (enum tb_status)i;
			return 0;
		}
	return -1;
}

bool tb_status_measured(enum tb_status s)
{
	return s == TB_STATUS_OK || s == TB_STATUS_PARTIAL;
}

void tb_status_list(char *buf, size_t len)
{
	if (len)
		buf[0] = 0;
	for (size_t k = 0; tb_statuses[k]; k++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", k ? ", " : "", tb_statuses[k]);
}
