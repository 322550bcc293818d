/*
 * json.c - the JSON writer (jansson): one document holding the schema, the
 * run's name, the machine fingerprint, the options and every case's
 * summary, optionally with its raw samples.  The shape is documented in
 * README.md (## Reports) and versioned by "schema"; unknown figures are
 * null, never a made-up zero.
 */
#include "json.h"

#include "compare.h"

#include "../kernels/common.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* a JSON string of s: JSON text is UTF-8, so bytes of s that do not form
 * valid UTF-8 become '?' rather than the key silently going missing */
static json_t *jstr(const char *s)
{
	json_t *v = json_string(s ? s : "");
	if (v)
		return v;
	char *c = strdup(s);
	if (!c)
		return NULL;
	for (char *p = c; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	v = json_string(c);
	free(c);
	return v;
}

/* o[key] = v, with the key made valid UTF-8 the same way */
static void jset(json_t *o, const char *key, json_t *v)
{
	json_t *k = jstr(key);
	json_object_set_new(o, k ? json_string_value(k) : "?", v);
	json_decref(k);
}

static json_t *kv_object(const struct tb_kvlist *kv)
{
	json_t *o = json_object();
	for (size_t i = 0; o && i < kv->n; i++)
		jset(o, kv->v[i].key, jstr(kv->v[i].value));
	return o;
}

static json_t *case_object(const struct tb_result *r, bool samples)
{
	const struct tb_stats *s = &r->st;
	bool has = r->nsamples || !isnan(s->median);
	json_t *c = json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:i, s:o, s:o, s:I, s:I, s:I}",
			      "family", jstr(r->family), "variant", jstr(r->variant), "mode", jstr(r->mode),
			      "n", (json_int_t)r->n, "rows", (json_int_t)r->rows,
			      "cols", (json_int_t)r->cols, "threads", (int)r->threads,
			      "status", jstr(tb_status_name(r->status)), "note", jstr(r->note),
			      "samples", (json_int_t)tb_result_sample_count(r), "iters_per_sample", (json_int_t)r->iters,
			      "runs", (json_int_t)(r->runs ? r->runs : 1));
	if (!c)
		return NULL;
	json_t *t = json_object();
	const struct { const char *k; double v; } f[] = {
		{"min", s->min}, {"median", s->median}, {"mean", s->mean}, {"sd", s->sd},
		{"mad", s->mad}, {"p5", s->p5}, {"p25", s->p25}, {"p75", s->p75}, {"p95", s->p95},
		{"ci_low", s->ci_low}, {"ci_high", s->ci_high},
	};
	for (size_t i = 0; t && i < sizeof(f) / sizeof(f[0]); i++)
		json_object_set_new(t, f[i].k, num(has ? f[i].v : NAN));
	json_object_set_new(c, "time_ns", t);
	json_object_set_new(c, "cv", num(has ? s->cv : NAN));
	json_object_set_new(c, "outliers", has ? json_pack("{s:I, s:I}", "mild",
					(json_int_t)s->outliers_mild, "severe",
					(json_int_t)s->outliers_severe) : json_null());
	json_object_set_new(c, "work", json_pack("{s:o, s:o, s:o, s:o}", "bytes", num(r->bytes),
						 "flops", num(r->flops), "items", num(r->items),
						 "unit", jstr(r->unit)));
	json_object_set_new(c, "items_per_s", num(r->items_per_s));
	json_object_set_new(c, "gbps", num(r->gbps));
	json_object_set_new(c, "limit_share", num(r->limit_share));
	json_object_set_new(c, "items_per_cycle", num(r->items_per_cycle));
	json_object_set_new(c, "between_cv", num(r->between_cv));
	json_object_set_new(c, "within_cv", num(r->within_cv));
	json_object_set_new(c, "disturbed", num(r->disturbed));
	json_object_set_new(c, "bimodal", num(r->bimodal));
	json_object_set_new(c, "imbalance", num(r->imbalance));
	if (r->run_n && r->runs >= 2) {
		json_t *a = json_array();
		for (size_t i = 0; a && i < r->runs; i++)
			json_array_append_new(a, json_integer((json_int_t)r->run_n[i]));
		json_object_set_new(c, "run_samples", a);
	}
	json_t *ctr = json_object();
	for (size_t j = 0; ctr && j < r->nmetrics; j++)
		jset(ctr, r->metrics[j].name, num(r->metrics[j].median));
	json_object_set_new(c, "counters", ctr);
	if (samples) {
		json_t *a = json_array();
		for (size_t i = 0; a && i < r->nsamples; i++)
			json_array_append_new(a, num(r->samples[i]));
		json_object_set_new(c, "samples_ns", a);
	}
	return c;
}

static json_t *key_object(const struct tb_case_key *k)
{
	return json_pack("{s:o, s:o, s:o, s:I, s:i}", "family", jstr(k->family),
			 "variant", jstr(k->variant), "mode", jstr(k->mode), "n", (json_int_t)k->n, "threads", (int)k->threads);
}

/* the comparison with a baseline: counts, one row per matched case, the rest */
static json_t *comparison_object(const struct tb_comparison *c)
{
	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:I}}",
			      "baseline", jstr(c->old_label), "new", jstr(c->new_label),
			      "metric", jstr(c->opts.metric), "unit", jstr(c->metric_unit), "significance", num(c->opts.significance),
			      "threshold", num(c->opts.threshold), "counts",
			      "slower", (json_int_t)c->nslower, "faster", (json_int_t)c->nfaster,
			      "unchanged", (json_int_t)c->nunchanged, "too_few", (json_int_t)c->ntoofew,
			      "not_comparable", (json_int_t)c->nnotok);
	json_t *rows = json_array();
	for (size_t i = 0; o && rows && i < c->nrows; i++) {
		const struct tb_compare_row *r = &c->rows[i];
		json_t *x = key_object(&r->key);
		if (!x)
			continue;
		json_object_set_new(x, "baseline_median", num(r->old_median));
		json_object_set_new(x, "new_median", num(r->new_median));
		json_object_set_new(x, "ratio", num(r->ratio));
		json_object_set_new(x, "ci_low", num(r->ci_low));
		json_object_set_new(x, "ci_high", num(r->ci_high));
		json_object_set_new(x, "p", num(r->p));
		json_object_set_new(x, "threshold", num(r->threshold));
		json_object_set_new(x, "verdict", json_string(tb_verdict_name(r->verdict)));
		json_object_set_new(x, "threshold_only", json_boolean(r->too_few));
		json_object_set_new(x, "note", jstr(r->note));
		json_array_append_new(rows, x);
	}
	json_object_set_new(o, "cases", rows);
	json_t *only[2] = {json_array(), json_array()};
	for (size_t i = 0; only[0] && i < c->nonly_old; i++)
		json_array_append_new(only[0], key_object(&c->only_old[i]));
	for (size_t i = 0; only[1] && i < c->nonly_new; i++)
		json_array_append_new(only[1], key_object(&c->only_new[i]));
	json_object_set_new(o, "only_baseline", only[0]);
	json_object_set_new(o, "only_new", only[1]);
	json_t *fp = json_object();
	for (size_t i = 0; fp && i < c->nfp_diffs; i++)
		jset(fp, c->fp_diffs[i].key,
		     json_pack("{s:o, s:o}", "baseline", jstr(c->fp_diffs[i].old_value),
			       "new", jstr(c->fp_diffs[i].new_value)));
	json_object_set_new(o, "fingerprint_differences", fp);
	return o;
}

static int write_json(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	const struct tb_resultset *rs = rep->rs;
	json_t *doc = json_object();
	json_t *cases = json_array();
	if (!doc || !cases) {
		json_decref(doc);
		json_decref(cases);
		return tb_err(err, errlen, "out of memory writing JSON");
	}
	json_object_set_new(doc, "schema", json_string(TB_JSON_SCHEMA));
	json_object_set_new(doc, "name", jstr(rs->name));
	json_object_set_new(doc, "fingerprint", kv_object(&rs->fingerprint));
	json_object_set_new(doc, "options", kv_object(&rs->options));
	if (rep->nsources) {
		json_t *src = json_array();
		for (size_t i = 0; src && i < rep->nsources; i++)
			json_array_append_new(src, jstr(rep->sources[i]));
		json_object_set_new(doc, "sources", src);
	}
	for (size_t i = 0; i < rs->n; i++) {
		json_t *c = case_object(&rs->r[i], rep->samples);
		if (!c || json_array_append_new(cases, c)) {
			json_decref(cases);
			json_decref(doc);
			return tb_err(err, errlen, "cannot encode case %zu as JSON (not UTF-8?)", i + 1);
		}
	}
	json_object_set_new(doc, "cases", cases);
	if (rep->cmp)
		json_object_set_new(doc, "comparison", comparison_object(rep->cmp));
	int rc = json_dumpf(doc, f, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
	json_decref(doc);
	if (rc || fputc('\n', f) == EOF)
		return tb_err(err, errlen, "error writing JSON");
	return 0;
}

const struct tb_writer tb_writer_json = {
	.name = "json",
	.summary = "one JSON document: fingerprint, options, every case (optionally samples)",
	.write = write_json,
};
