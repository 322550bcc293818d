/*
 * json_read.c - load a tbench JSON document (schema tbench-json-1) back into
 * a result set, so saved runs can be re-rendered and merged.  Figures are
 * taken as written (null = unknown); a wrong type or a missing key names the
 * file and the case.
 */
#include "json.h"

#include "../kernels/common.h"
#include "csv_read.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static double num(json_t *o, const char *k)
{
	json_t *v = o ? json_object_get(o, k) : NULL;
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static int str(const char *path, size_t i, json_t *c, const char *k, char *dst, size_t cap,
	       bool required, char *err, size_t errlen)
{
	json_t *v = json_object_get(c, k);
	if (!v && !required) {
		dst[0] = 0;
		return 0;
	}
	if (!json_is_string(v))
		return tb_err(err, errlen, "%s: case %zu: \"%s\" is missing or not a string", path,
			      i + 1, k);
	if (strlen(json_string_value(v)) >= cap)
		return tb_err(err, errlen, "%s: case %zu: \"%s\" is longer than %zu characters",
			      path, i + 1, k, cap - 1);
	strcpy(dst, json_string_value(v));
	return 0;
}

static int uint_of(const char *path, size_t i, json_t *c, const char *k, uint64_t *out,
		   bool required, char *err, size_t errlen)
{
	json_t *v = json_object_get(c, k);
	if (!v && !required)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return tb_err(err, errlen, "%s: case %zu: \"%s\" is missing or not a non-negative "
			      "integer", path, i + 1, k);
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

static int load_case(const char *path, size_t i, json_t *c, struct tb_result *r, char *err,
		     size_t errlen)
{
	uint64_t th = 1, runs = 0;
	if (!json_is_object(c))
		return tb_err(err, errlen, "%s: case %zu is not an object", path, i + 1);
	if (str(path, i, c, "family", r->family, sizeof(r->family), true, err, errlen) ||
	    str(path, i, c, "variant", r->variant, sizeof(r->variant), true, err, errlen) ||
	    str(path, i, c, "mode", r->mode, sizeof(r->mode), true, err, errlen) ||
	    str(path, i, c, "status", r->status, sizeof(r->status), true, err, errlen) ||
	    str(path, i, c, "note", r->note, sizeof(r->note), false, err, errlen) ||
	    uint_of(path, i, c, "n", &r->n, true, err, errlen) ||
	    uint_of(path, i, c, "rows", &r->rows, false, err, errlen) ||
	    uint_of(path, i, c, "cols", &r->cols, false, err, errlen) ||
	    uint_of(path, i, c, "threads", &th, false, err, errlen) ||
	    uint_of(path, i, c, "iters_per_sample", &r->iters, false, err, errlen) ||
	    uint_of(path, i, c, "runs", &runs, false, err, errlen))
		return -1;
	r->runs = runs ? (size_t)runs : 1;
	if (!r->family[0] || !r->variant[0])
		return tb_err(err, errlen, "%s: case %zu: empty family or variant", path, i + 1);
	if (th == 0 || th > 4096)
		return tb_err(err, errlen, "%s: case %zu: threads %llu is out of range (1-4096)",
			      path, i + 1, (unsigned long long)th);
	r->threads = (unsigned)th;
	if (!r->cols)
		r->cols = r->n;
	json_t *t = json_object_get(c, "time_ns");
	struct tb_stats *s = &r->st;
	s->min = num(t, "min");
	s->median = num(t, "median");
	s->mean = num(t, "mean");
	s->sd = num(t, "sd");
	s->mad = num(t, "mad");
	s->p5 = num(t, "p5");
	s->p25 = num(t, "p25");
	s->p75 = num(t, "p75");
	s->p95 = num(t, "p95");
	s->ci_low = num(t, "ci_low");
	s->ci_high = num(t, "ci_high");
	s->cv = num(c, "cv");
	json_t *o = json_object_get(c, "outliers");
	if (json_is_object(o)) {
		double m = num(o, "mild"), v = num(o, "severe");
		s->outliers_mild = m >= 0 ? (size_t)m : 0;
		s->outliers_severe = v >= 0 ? (size_t)v : 0;
	}
	json_t *w = json_object_get(c, "work");
	r->bytes = num(w, "bytes");
	r->flops = num(w, "flops");
	r->items = num(w, "items");
	json_t *u = w ? json_object_get(w, "unit") : NULL;
	snprintf(r->unit, sizeof(r->unit), "%s", json_is_string(u) ? json_string_value(u) : "");
	r->items_per_s = num(c, "items_per_s");
	r->gbps = num(c, "gbps");
	r->limit_share = num(c, "limit_share");
	const char *k;
	json_t *v;
	json_object_foreach(json_object_get(c, "counters"), k, v)
		if (tb_result_add_metric(r, k, NAN, json_is_number(v) ? json_number_value(v) : NAN))
			return tb_err(err, errlen, "out of memory");
	json_t *sm = json_object_get(c, "samples_ns");
	if (json_is_array(sm) && json_array_size(sm)) {
		size_t n = json_array_size(sm);
		r->samples = malloc(n * sizeof(double));
		if (!r->samples)
			return tb_err(err, errlen, "out of memory");
		for (size_t j = 0; j < n; j++) {
			json_t *x = json_array_get(sm, j);
			if (!json_is_number(x) || json_number_value(x) < 0)
				return tb_err(err, errlen, "%s: case %zu: samples_ns[%zu] is not a "
					      "non-negative number", path, i + 1, j);
			r->samples[j] = json_number_value(x);
		}
		r->nsamples = n;
	}
	if (!strcmp(r->status, "ok") && isnan(s->median))
		return tb_err(err, errlen, "%s: case %zu: status ok but no median", path, i + 1);
	return 0;
}

int tb_json_read(const char *path, struct tb_resultset *rs, char *err, size_t errlen)
{
	json_t *doc = tb_json_load_file(path, err, errlen);
	if (!doc)
		return -1;
	int rc = 0;
	json_t *sch = json_object_get(doc, "schema");
	json_t *cases = json_object_get(doc, "cases");
	if (!json_is_string(sch) || strcmp(json_string_value(sch), TB_JSON_SCHEMA)) {
		rc = tb_err(err, errlen, "%s: schema is not %s (is this a tbench JSON document?)",
			    path, TB_JSON_SCHEMA);
		goto out;
	}
	if (!json_is_array(cases)) {
		rc = tb_err(err, errlen, "%s: \"cases\" is missing or not an array", path);
		goto out;
	}
	json_t *name = json_object_get(doc, "name");
	if (!rs->name[0] && json_is_string(name))
		snprintf(rs->name, sizeof(rs->name), "%s", json_string_value(name));
	if (!rs->fingerprint.n)
		kv_load(json_object_get(doc, "fingerprint"), &rs->fingerprint);
	if (!rs->options.n)
		kv_load(json_object_get(doc, "options"), &rs->options);
	size_t first = rs->n;
	if (json_array_size(cases) > 10000) { /* as the CSV reader: the check below is quadratic */
		rc = tb_err(err, errlen, "%s: %zu cases, more than 10000", path, json_array_size(cases));
		goto out;
	}
	for (size_t i = 0; i < json_array_size(cases); i++) {
		struct tb_result *r = tb_resultset_add(rs);
		if (!r) {
			rc = tb_err(err, errlen, "out of memory");
			goto out;
		}
		if (load_case(path, i, json_array_get(cases, i), r, err, errlen)) {
			rc = -1;
			goto out;
		}
		for (size_t j = first; j + 1 < rs->n; j++)
			if (tb_result_same_key(&rs->r[j], r)) {
				rc = tb_err(err, errlen, "%s: case %zu repeats %s/%s/%s/n=%llu/threads=%u",
					    path, i + 1, r->family, r->variant, r->mode,
					    (unsigned long long)r->n, r->threads);
				goto out;
			}
	}
out:
	json_decref(doc);
	return rc ? tb_csv_one_line(err, errlen) : 0;
}
