/*
 * json_read.c - load a tbench JSON document (schema tbench-json-1) back into
 * a result set, so saved runs can be re-rendered, merged and compared.  A
 * figure is a number or null (unknown); anything else, a missing key or a
 * value out of range names the file and the JSON path (cases[2].time_ns.
 * median).  The loader's checks (load_check.c) then apply as for CSV.
 */
#include "json.h"

#include "../kernels/common.h"
#include "csv_read.h"
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const jfields[TB_LF_COUNT] = {
	[TB_LF_N] = "n", [TB_LF_ROWS] = "rows", [TB_LF_COLS] = "cols",
	[TB_LF_THREADS] = "threads", [TB_LF_STATUS] = "status", [TB_LF_METRIC] = "metric",
	[TB_LF_SAMPLES] = "samples", [TB_LF_ITERS] = "iters_per_sample", [TB_LF_RUNS] = "runs",
	[TB_LF_MIN] = "time_ns.min", [TB_LF_MEDIAN] = "time_ns.median",
	[TB_LF_MEAN] = "time_ns.mean", [TB_LF_SD] = "time_ns.sd", [TB_LF_MAD] = "time_ns.mad",
	[TB_LF_CV] = "cv", [TB_LF_P5] = "time_ns.p5", [TB_LF_P25] = "time_ns.p25",
	[TB_LF_P75] = "time_ns.p75", [TB_LF_P95] = "time_ns.p95",
	[TB_LF_CILO] = "time_ns.ci_low", [TB_LF_CIHI] = "time_ns.ci_high",
	[TB_LF_OMILD] = "outliers.mild", [TB_LF_OSEV] = "outliers.severe",
	[TB_LF_BYTES] = "work.bytes", [TB_LF_FLOPS] = "work.flops", [TB_LF_ITEMS] = "work.items",
	[TB_LF_IPS] = "items_per_s", [TB_LF_GBPS] = "gbps", [TB_LF_LIMIT] = "limit_share",
	[TB_LF_IPC] = "items_per_cycle", [TB_LF_COUNTERS] = "counters",
	[TB_LF_RAW] = "samples_ns", [TB_LF_BETWEEN] = "between_cv", [TB_LF_WITHIN] = "within_cv",
	[TB_LF_DISTURBED] = "disturbed", [TB_LF_BIMODAL] = "bimodal",
	[TB_LF_RUN_SAMPLES] = "run_samples", [TB_LF_IMBALANCE] = "imbalance",
};

struct jctx {
	const char *path;
	size_t i; /* case index */
	char *err;
	size_t errlen;
};

static int jfail(const struct jctx *c, const char *obj, const char *k, const char *what)
{
	tb_err(c->err, c->errlen, "%s: cases[%zu].%s%s%s: %s", c->path, c->i, obj ? obj : "",
	       obj ? "." : "", k, what);
	return tb_csv_one_line(c->err, c->errlen);
}

/* o.k: a number, or NaN when absent or null */
static int num(const struct jctx *c, json_t *o, const char *obj, const char *k, double *out)
{
	json_t *v = o ? json_object_get(o, k) : NULL;
	*out = NAN;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v))
		return jfail(c, obj, k, "expected a number or null");
	*out = json_number_value(v);
	return 0;
}

/* an object member or NULL; anything but an object or null is refused */
static int member(const struct jctx *c, json_t *o, const char *k, json_t **out)
{
	json_t *v = json_object_get(o, k);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return jfail(c, NULL, k, "expected an object");
	*out = v;
	return 0;
}

static int str(const struct jctx *c, json_t *o, const char *k, char *dst, size_t cap,
	       bool required)
{
	json_t *v = json_object_get(o, k);
	if (!v && !required) {
		dst[0] = 0;
		return 0;
	}
	if (!json_is_string(v))
		return jfail(c, NULL, k, "missing or not a string");
	if (strlen(json_string_value(v)) >= cap) {
		char m[64];
		snprintf(m, sizeof(m), "longer than %zu characters", cap - 1);
		return jfail(c, NULL, k, m);
	}
	strcpy(dst, json_string_value(v));
	return 0;
}

static int uint_of(const struct jctx *c, json_t *o, const char *obj, const char *k,
		   uint64_t *out, bool required)
{
	json_t *v = o ? json_object_get(o, k) : NULL;
	if (!v && !required)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return jfail(c, obj, k, "missing or not a non-negative integer");
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

static void kv_load(json_t *o, struct tb_kvlist *kv)
{
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
		if (json_is_string(v))
			tb_kv_set(kv, k, json_string_value(v));
}

static size_t clamp(uint64_t v)
{
	return v > 10000000 ? 10000001 : (size_t)v;
}

static int load_stats(const struct jctx *c, json_t *o, struct tb_result *r)
{
	json_t *t, *w, *ol;
	struct tb_stats *s = &r->st;
	if (member(c, o, "time_ns", &t) || member(c, o, "work", &w) || member(c, o, "outliers", &ol))
		return -1;
	const struct { const char *k; double *dst; } tf[] = {
		{"min", &s->min}, {"median", &s->median}, {"mean", &s->mean}, {"sd", &s->sd},
		{"mad", &s->mad}, {"p5", &s->p5}, {"p25", &s->p25}, {"p75", &s->p75},
		{"p95", &s->p95}, {"ci_low", &s->ci_low}, {"ci_high", &s->ci_high},
	};
	for (size_t k = 0; k < sizeof(tf) / sizeof(tf[0]); k++)
		if (num(c, t, "time_ns", tf[k].k, tf[k].dst))
			return -1;
	uint64_t m = 0, v = 0;
	if (num(c, o, NULL, "cv", &s->cv) || num(c, w, "work", "bytes", &r->bytes) ||
	    num(c, w, "work", "flops", &r->flops) || num(c, w, "work", "items", &r->items) ||
	    num(c, o, NULL, "items_per_s", &r->items_per_s) || num(c, o, NULL, "gbps", &r->gbps) ||
	    num(c, o, NULL, "limit_share", &r->limit_share) ||
	    num(c, o, NULL, "items_per_cycle", &r->items_per_cycle) ||
	    num(c, o, NULL, "between_cv", &r->between_cv) ||
	    num(c, o, NULL, "within_cv", &r->within_cv) ||
	    num(c, o, NULL, "disturbed", &r->disturbed) || num(c, o, NULL, "bimodal", &r->bimodal) ||
	    num(c, o, NULL, "imbalance", &r->imbalance) ||
	    uint_of(c, ol, "outliers", "mild", &m, false) ||
	    uint_of(c, ol, "outliers", "severe", &v, false))
		return -1;
	s->outliers_mild = clamp(m);
	s->outliers_severe = clamp(v);
	json_t *u = w ? json_object_get(w, "unit") : NULL;
	snprintf(r->unit, sizeof(r->unit), "%s", json_is_string(u) ? json_string_value(u) : "");
	return 0;
}

/* run_samples: one positive count per run (checked against runs and the
 * samples by the loader) */
static int load_runs(struct tb_load *ld, const struct jctx *c, json_t *o, struct tb_result *r)
{
	json_t *a = json_object_get(o, "run_samples");
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a))
		return jfail(c, NULL, "run_samples", "expected an array of positive integers");
	size_t n = json_array_size(a);
	if (n > TB_RUNS_MAX_LIST + 1)
		n = TB_RUNS_MAX_LIST + 1; /* refused by the loader */
	size_t *v = malloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return tb_err(c->err, c->errlen, "out of memory");
	for (size_t k = 0; k < n; k++) {
		json_t *x = json_array_get(a, k);
		if (!json_is_integer(x) || json_integer_value(x) < 1) {
			free(v);
			tb_err(c->err, c->errlen, "%s: cases[%zu].run_samples[%zu]: not a positive integer",
			       c->path, c->i, k);
			return -1;
		}
		v[k] = (size_t)json_integer_value(x);
	}
	int rc = tb_load_run_counts(ld, r, v, n);
	free(v);
	return rc ? tb_err(c->err, c->errlen, "out of memory") : 0;
}

static int load_case(struct tb_load *ld, const struct jctx *c, json_t *o, struct tb_result *r)
{
	uint64_t th = 1, runs = 0, ns = 0;
	if (!json_is_object(o)) {
		tb_err(c->err, c->errlen, "%s: cases[%zu] is not an object", c->path, c->i);
		return -1;
	}
	if (str(c, o, "family", r->family, sizeof(r->family), true) ||
	    str(c, o, "variant", r->variant, sizeof(r->variant), true) ||
	    str(c, o, "mode", r->mode, sizeof(r->mode), true) ||
	    str(c, o, "status", tb_load_last(ld)->status, sizeof(tb_load_last(ld)->status), true) ||
	    str(c, o, "note", r->note, sizeof(r->note), false) ||
	    str(c, o, "metric", r->metric, sizeof(r->metric), false) ||
	    uint_of(c, o, NULL, "n", &r->n, true) || uint_of(c, o, NULL, "rows", &r->rows, false) ||
	    uint_of(c, o, NULL, "cols", &r->cols, false) ||
	    uint_of(c, o, NULL, "threads", &th, false) ||
	    uint_of(c, o, NULL, "iters_per_sample", &r->iters, false) ||
	    uint_of(c, o, NULL, "runs", &runs, false))
		return -1;
	if (!r->metric[0])
		snprintf(r->metric, sizeof(r->metric), "%s", TB_METRIC_TIME);
	if (json_object_get(o, "samples")) {
		if (uint_of(c, o, NULL, "samples", &ns, true))
			return -1;
		tb_load_last(ld)->declared_samples = clamp(ns);
	}
	r->runs = runs ? clamp(runs) : 1;
	if (th == 0 || th > 4096)
		return jfail(c, NULL, "threads", "out of range (1-4096)");
	r->threads = (unsigned)th;
	if (!json_object_get(o, "cols"))
		r->cols = r->n;
	if (load_stats(c, o, r))
		return -1;
	tb_load_last(ld)->declared_median = r->st.median;
	const char *k;
	json_t *v, *ctr;
	if (member(c, o, "counters", &ctr))
		return -1;
	json_object_foreach(ctr, k, v) {
		double x;
		if (num(c, ctr, "counters", k, &x))
			return -1;
		if (tb_result_add_metric(r, k, NAN, x))
			return tb_err(c->err, c->errlen, "out of memory");
	}
	json_t *sm = json_object_get(o, "samples_ns");
	if (sm && !json_is_null(sm) && !json_is_array(sm))
		return jfail(c, NULL, "samples_ns", "expected an array of numbers");
	size_t n = json_is_array(sm) ? json_array_size(sm) : 0;
	if (n) {
		r->samples = malloc(n * sizeof(double));
		if (!r->samples)
			return tb_err(c->err, c->errlen, "out of memory");
		for (size_t j = 0; j < n; j++) {
			json_t *x = json_array_get(sm, j);
			if (!json_is_number(x)) {
				tb_err(c->err, c->errlen, "%s: cases[%zu].samples_ns[%zu]: not a number",
				       c->path, c->i, j);
				return -1;
			}
			r->samples[j] = json_number_value(x);
			r->nsamples = j + 1;
		}
	}
	return load_runs(ld, c, o, r);
}

static int read_doc(struct tb_load *ld, const char *path, char *err, size_t errlen)
{
	struct tb_resultset *rs = ld->rs;
	json_t *doc = tb_json_load_file(path, err, errlen);
	if (!doc)
		return -1;
	int rc = 0;
	json_t *sch = json_object_get(doc, "schema");
	json_t *cases = json_object_get(doc, "cases");
	if (!json_is_string(sch) || strcmp(json_string_value(sch), TB_JSON_SCHEMA)) {
		rc = tb_err(err, errlen, "%s: schema is not %s: not a result file tbench reads (a tbench "
			    "JSON document has \"schema\", Google Benchmark's \"context\" and "
			    "\"benchmarks\", hyperfine's \"results\", criterion's sample.json "
			    "\"iters\" and \"times\")", path, TB_JSON_SCHEMA);
		goto out;
	}
	if (!json_is_array(cases)) {
		rc = tb_err(err, errlen, "%s: \"cases\" is missing or not an array", path);
		goto out;
	}
	if (json_array_size(cases) > TB_LOAD_MAX_CASES) {
		rc = tb_err(err, errlen, "%s: %zu cases, more than %d", path,
			    json_array_size(cases), TB_LOAD_MAX_CASES);
		goto out;
	}
	json_t *name = json_object_get(doc, "name");
	if (!rs->name[0] && json_is_string(name))
		snprintf(rs->name, sizeof(rs->name), "%s", json_string_value(name));
	if (!rs->fingerprint.n)
		kv_load(json_object_get(doc, "fingerprint"), &rs->fingerprint);
	if (!rs->options.n)
		kv_load(json_object_get(doc, "options"), &rs->options);
	for (size_t i = 0; i < json_array_size(cases) && !rc; i++) {
		struct jctx c = {.path = path, .i = i, .err = err, .errlen = errlen};
		struct tb_result *r = tb_load_add(ld, "%s: cases[%zu]", path, i);
		if (!r)
			rc = tb_err(err, errlen, "out of memory");
		else if (load_case(ld, &c, json_array_get(cases, i), r))
			rc = -1;
	}
out:
	json_decref(doc);
	return rc ? tb_csv_one_line(err, errlen) : 0;
}

static bool detect(const char *head, size_t len)
{
	return len && head[0] == '{' && strstr(head, "\"" TB_JSON_SCHEMA "\"");
}

static int reader_read(struct tb_load *ld, const char *path, char *comp, size_t clen,
		       char *err, size_t errlen)
{
	if (comp && clen)
		comp[0] = 0;
	return read_doc(ld, path, err, errlen);
}

const struct tb_reader tb_reader_tbench_json = {
	.name = "tbench JSON",
	.sep = ".",
	.fields = jfields,
	.detect = detect,
	.read = reader_read,
};

int tb_json_read(const char *path, struct tb_resultset *rs, char *err, size_t errlen)
{
	struct tb_load ld;
	tb_load_init(&ld, rs, ".", jfields);
	int rc = read_doc(&ld, path, err, errlen);
	if (!rc)
		rc = tb_load_check(&ld, err, errlen);
	tb_load_free(&ld);
	return rc;
}
