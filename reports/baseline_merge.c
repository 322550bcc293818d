/*
 * baseline_merge.c - pool result sets: the runs of `tbench run
 * --save-baseline NAME --append` (interleaved rounds) add their raw samples
 * to the cases the baseline already has, counting the runs (compare then
 * resamples whole runs).
 */
#include "baseline.h"

#include "stats.h"

#include "../kernels/common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int copy_result(struct tb_result *d, const struct tb_result *s)
{
	*d = *s;
	d->samples = NULL;
	d->metrics = NULL;
	d->run_n = NULL;
	d->nsamples = d->nmetrics = 0;
	if (s->run_n && tb_result_set_runs(d, s->run_n, s->runs))
		return -1;
	for (size_t j = 0; j < s->nmetrics; j++)
		if (tb_result_add_metric(d, s->metrics[j].name, s->metrics[j].mean,
					 s->metrics[j].median))
			return -1;
	if (s->nsamples) {
		d->samples = malloc(s->nsamples * sizeof(double));
		if (!d->samples)
			return -1;
		memcpy(d->samples, s->samples, s->nsamples * sizeof(double));
		d->nsamples = s->nsamples;
	}
	return 0;
}

/* the runs' sample counts of r, appended to v at k (equal shares when r
 * does not know them) */
static size_t put_runs(const struct tb_result *r, size_t *v, size_t k)
{
	size_t runs = r->runs ? r->runs : 1;
	for (size_t i = 0; i < runs; i++) {
		size_t from, to;
		tb_stats_run_bounds(r->nsamples, runs, r->run_n, i, &from, &to);
		v[k++] = to - from;
	}
	return k;
}

/* the run counts of d followed by those of s; NULL when out of memory */
static size_t *pooled_runs(const struct tb_result *d, const struct tb_result *s)
{
	size_t n = (d->runs ? d->runs : 1) + (s->runs ? s->runs : 1);
	size_t *v = malloc(n * sizeof(*v));
	if (v)
		put_runs(s, v, put_runs(d, v, 0));
	return v;
}

/* a share of samples over both sides, weighted by their samples; a side
 * that did not measure it (NaN) does not count */
static double pooled_share(double a, size_t na, double b, size_t nb)
{
	if (isnan(a) || !na)
		return nb ? b : a;
	if (isnan(b) || !nb)
		return a;
	return (a * (double)na + b * (double)nb) / (double)(na + nb);
}

int tb_resultset_append_samples(struct tb_resultset *dst, const struct tb_resultset *src, char *err,
		       size_t errlen)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct tb_result *s = &src->r[i];
		struct tb_result *d = NULL;
		for (size_t j = 0; j < dst->n && !d; j++)
			if (tb_result_same_key(&dst->r[j], s))
				d = &dst->r[j];
		if (!d) {
			struct tb_result *r = tb_resultset_add(dst);
			if (!r || copy_result(r, s))
				return tb_err(err, errlen, "out of memory merging results");
			continue;
		}
		if (!s->nsamples) { /* nothing measured: a failure shows, an interruption not */
			if (!tb_status_measured(s->status)) {
				d->status = s->status;
				memcpy(d->note, s->note, sizeof(d->note));
			}
			continue;
		}
		if (!d->nsamples) { /* the runs before measured nothing: this one is all */
			tb_result_free(d);
			if (copy_result(d, s))
				return tb_err(err, errlen, "out of memory merging results");
			continue;
		}
		size_t *run_n = pooled_runs(d, s);
		double *ns = realloc(d->samples, (d->nsamples + s->nsamples + 1) * sizeof(double));
		if (!ns || !run_n) {
			free(run_n);
			if (ns)
				d->samples = ns;
			return tb_err(err, errlen, "out of memory merging results");
		}
		memcpy(ns + d->nsamples, s->samples, s->nsamples * sizeof(double));
		d->samples = ns;
		double disturbed = pooled_share(d->disturbed, d->nsamples, s->disturbed, s->nsamples);
		/* the worst any run saw (fmax skips NaN: NaN only when none measured it) */
		double imbalance = fmax(s->imbalance, d->imbalance);
		d->nsamples += s->nsamples;
		size_t runs = (d->runs ? d->runs : 1) + (s->runs ? s->runs : 1);
		struct tb_result tmp;
		if (copy_result(&tmp, s)) {
			tb_result_free(&tmp);
			free(run_n);
			return tb_err(err, errlen, "out of memory merging results");
		}
		/* the latest run's status, note, work and counters; all samples */
		free(tmp.samples);
		free(tmp.run_n);
		free(d->metrics);
		free(d->run_n);
		tmp.samples = d->samples;
		tmp.nsamples = d->nsamples;
		tmp.runs = runs;
		tmp.run_n = run_n;
		tmp.disturbed = disturbed;
		tmp.imbalance = imbalance;
		*d = tmp;
		double ls = d->limit_share;
		tb_result_derive(d);
		d->limit_share = ls;
	}
	if (!dst->fingerprint.n)
		for (size_t i = 0; i < src->fingerprint.n; i++)
			if (tb_kv_set(&dst->fingerprint, src->fingerprint.v[i].key,
				      src->fingerprint.v[i].value))
				return tb_err(err, errlen, "out of memory");
	for (size_t i = 0; i < src->options.n; i++)
		if (tb_kv_set(&dst->options, src->options.v[i].key, src->options.v[i].value))
			return tb_err(err, errlen, "out of memory");
	return 0;
}
