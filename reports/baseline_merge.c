/*
 * baseline_merge.c - pool result sets: the runs of `tbench run
 * --save-baseline NAME --append` (interleaved rounds) add their raw samples
 * to the cases the baseline already has, counting the runs (compare then
 * resamples whole runs).
 */
#include "baseline.h"

#include "../kernels/common.h"

#include <stdlib.h>
#include <string.h>

static int copy_result(struct tb_result *d, const struct tb_result *s)
{
	*d = *s;
	d->samples = NULL;
	d->metrics = NULL;
	d->nsamples = d->nmetrics = 0;
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
		double *ns = realloc(d->samples, (d->nsamples + s->nsamples + 1) * sizeof(double));
		if (!ns)
			return tb_err(err, errlen, "out of memory merging results");
		memcpy(ns + d->nsamples, s->samples, s->nsamples * sizeof(double));
		d->samples = ns;
		d->nsamples += s->nsamples;
		size_t runs = (d->runs ? d->runs : 1) + (s->runs ? s->runs : 1);
		struct tb_result tmp;
		if (copy_result(&tmp, s)) {
			tb_result_free(&tmp);
			return tb_err(err, errlen, "out of memory merging results");
		}
		/* the latest run's status, note, work and counters; all samples */
		free(tmp.samples);
		free(d->metrics);
		tmp.samples = d->samples;
		tmp.nsamples = d->nsamples;
		tmp.runs = runs;
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
