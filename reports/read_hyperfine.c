/*
 * read_hyperfine.c - hyperfine --export-json into a result set: one case
 * per results[] entry, keyed by its command (hyperfine's --command-name
 * when given; with --parameter-scan / -L the substituted command, and the
 * parameter values appended where commands would repeat).  times[] (one
 * wall time per run, seconds) are the samples; hyperfine exports only the
 * means of user and system time, which become the metrics user_ns and
 * system_ns (per run); memory_usage_byte[] (newer hyperfine) the metric
 * max_rss_bytes.  hyperfine's median and mean must be those of times[]
 * (the loader's check).  A file without times[] gives the median only.
 */
#include "foreign.h"
#include "json.h"

#include "../kernels/common.h"
#include "csv_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* " (n=1, m=a)" from the parameters object, sorted by name as hyperfine
 * writes them */
static void params_suffix(json_t *params, char *buf, size_t len)
{
	buf[0] = 0;
	if (!json_is_object(params) || !json_object_size(params))
		return;
	const char *k;
	json_t *v;
	snprintf(buf, len, " (");
	bool first = true;
	json_object_foreach(params, k, v) {
		size_t l = strlen(buf);
		snprintf(buf + l, len - l, "%s%s=%s", first ? "" : ", ", k,
			 json_is_string(v) ? json_string_value(v) : "?");
		first = false;
	}
	size_t l = strlen(buf);
	snprintf(buf + l, len - l, ")");
}

/* the case name of results[i]: its command, with the parameters when
 * another entry has the same command */
static int case_name(const char *path, json_t *e, size_t i, json_t *counts, char *name,
		     size_t len, char *err, size_t errlen)
{
	json_t *cmd = json_object_get(e, "command");
	if (!json_is_string(cmd))
		return tb_err(err, errlen, "%s: results[%zu].command is missing or not a string",
			      path, i);
	const char *c = json_string_value(cmd);
	bool twice = json_integer_value(json_object_get(counts, c)) > 1;
	char sfx[256] = "";
	json_t *params = json_object_get(e, "parameters");
	if (params && !json_is_object(params))
		return tb_err(err, errlen, "%s: results[%zu].parameters is not an object", path, i);
	if (twice)
		params_suffix(params, sfx, sizeof(sfx));
	int k = snprintf(name, len, "%s%s", c, sfx);
	if (k < 0 || (size_t)k >= len)
		return tb_err(err, errlen, "%s: results[%zu].command%s is longer than %zu characters "
			      "(a case name): give it a short name with hyperfine's --command-name",
			      path, i, sfx[0] ? " with its parameters" : "", len - 1);
	return 0;
}

static const char *const hfields[TB_LF_COUNT] =
	TB_FOREIGN_FIELDS("times", "median (as ns)", "mean (as ns)", "times (as ns)", "bytes",
			  "items");

/* an array of numbers into a new array (scaled by f), or NULL with err */
static double *numbers(json_t *a, double f, const char *path, const char *where,
		       const char *key, char *err, size_t errlen)
{
	size_t n = json_array_size(a);
	double *v = malloc((n ? n : 1) * sizeof(*v));
	if (!v) {
		tb_err(err, errlen, "out of memory");
		return NULL;
	}
	for (size_t j = 0; j < n; j++) {
		json_t *x = json_array_get(a, j);
		if (!json_is_number(x) && !json_is_null(x)) {
			free(v);
			tb_err(err, errlen, "%s: %s.%s[%zu] is not a number", path, where, key, j);
			return NULL;
		}
		v[j] = json_is_null(x) ? NAN : json_number_value(x) * f;
	}
	return v;
}

static int read_entry(struct tb_load *ld, const char *path, json_t *e, size_t i,
		      json_t *counts, char *err, size_t errlen)
{
	char where[48], name[TB_VARIANT_MAX];
	snprintf(where, sizeof(where), "results[%zu]", i);
	if (!json_is_object(e))
		return tb_err(err, errlen, "%s: %s is not an object", path, where);
	if (case_name(path, e, i, counts, name, sizeof(name), err, errlen))
		return -1;
	char cw[64];
	snprintf(cw, sizeof(cw), "%s.command", where);
	struct tb_result *r = tb_load_add(ld, "%s: %s", path, where);
	if (!r)
		return tb_err(err, errlen, "out of memory");
	if (tb_foreign_key(r, TB_FAMILY_HYPERFINE, name, path, cw, err, errlen))
		return -1;
	r->iters = 1;
	r->items = 1;
	snprintf(r->unit, sizeof(r->unit), "run");
	double user, sys, med = NAN, mean = NAN;
	json_t *times = json_object_get(e, "times");
	/* the median and mean are required only without times[] */
	if (tb_foreign_num(e, "user", path, where, &user, err, errlen) ||
	    tb_foreign_num(e, "system", path, where, &sys, err, errlen) ||
	    ((!times || json_object_get(e, "median")) &&
	     tb_foreign_num(e, "median", path, where, &med, err, errlen)) ||
	    (json_object_get(e, "mean") && tb_foreign_num(e, "mean", path, where, &mean, err, errlen)))
		return -1;
	json_t *codes = json_object_get(e, "exit_codes");
	if (times && (!json_is_array(times) || !json_array_size(times)))
		return tb_err(err, errlen, "%s: %s.times is not a non-empty array", path, where);
	if (codes && !json_is_array(codes))
		return tb_err(err, errlen, "%s: %s.exit_codes is not an array", path, where);
	size_t n = times ? json_array_size(times) : 0;
	if (times && codes && json_array_size(codes) != n)
		return tb_err(err, errlen, "%s: %s has %zu times but %zu exit_codes", path, where, n,
			      json_array_size(codes));
	struct tb_load_case *lc = tb_load_last(ld);
	if (n) {
		double *s = numbers(times, 1e9, path, where, "times", err, errlen);
		if (!s)
			return -1;
		int rc = tb_load_samples(r, s, n);
		free(s);
		if (rc)
			return tb_err(err, errlen, "out of memory");
		lc->declared_median = med * 1e9;
		lc->declared_mean = mean * 1e9;
	} else {
		r->st.median = med * 1e9;
		r->st.mean = mean * 1e9;
		snprintf(r->note, sizeof(r->note), "no times[] in the file: the median only");
	}
	size_t failed = 0;
	for (size_t j = 0; codes && j < json_array_size(codes); j++) {
		json_t *c = json_array_get(codes, j);
		if (!json_is_null(c) && !json_is_integer(c))
			return tb_err(err, errlen, "%s: %s.exit_codes[%zu] is neither an integer nor null",
				      path, where, j);
		if (json_is_null(c) || json_integer_value(c) != 0)
			failed++;
	}
	if (failed)
		snprintf(r->note, sizeof(r->note), "%zu of %zu runs failed (non-zero exit or a signal; "
			 "hyperfine --ignore-failure)", failed, json_array_size(codes));
	/* per-command means: hyperfine keeps no per-run CPU times */
	if (tb_result_add_metric(r, "user_ns", user * 1e9, user * 1e9) ||
	    tb_result_add_metric(r, "system_ns", sys * 1e9, sys * 1e9))
		return tb_err(err, errlen, "out of memory");
	json_t *mem = json_object_get(e, "memory_usage_byte");
	if (mem) {
		size_t m = json_is_array(mem) ? json_array_size(mem) : 0;
		if (!m || (n && m != n))
			return tb_err(err, errlen, "%s: %s.memory_usage_byte is not an array of one "
				      "value per run", path, where);
		double *v = numbers(mem, 1, path, where, "memory_usage_byte", err, errlen);
		int rc = v ? tb_foreign_metric(r, "max_rss_bytes", v, m, path, err, errlen) : -1;
		free(v);
		if (rc)
			return -1;
	}
	return 0;
}

static int read_hyperfine(struct tb_load *ld, const char *path, char *comp, size_t clen,
			  char *err, size_t errlen)
{
	(void)comp, (void)clen;
	struct tb_resultset *rs = ld->rs;
	json_t *doc = tb_json_load_file(path, err, errlen);
	if (!doc)
		return -1;
	json_t *results = json_object_get(doc, "results");
	int rc = 0;
	if (!json_is_array(results) || !json_array_size(results))
		rc = tb_err(err, errlen, "%s: \"results\" is missing, empty or not an array", path);
	json_t *counts = json_object(); /* command -> how many entries have it */
	if (!counts)
		rc = tb_err(err, errlen, "out of memory");
	size_t i;
	json_t *e;
	json_array_foreach(results, i, e) {
		const char *c = json_string_value(json_object_get(e, "command"));
		if (!rc && c && json_object_set_new(counts, c, json_integer(
				json_integer_value(json_object_get(counts, c)) + 1)))
			rc = tb_err(err, errlen, "out of memory");
	}
	for (i = 0; !rc && i < json_array_size(results); i++)
		rc = read_entry(ld, path, json_array_get(results, i), i, counts, err, errlen);
	json_decref(counts);
	json_decref(doc);
	if (!rc && !rs->options.n) {
		tb_kv_set(&rs->options, "format", "hyperfine");
		tb_kv_set(&rs->options, "hyperfine.user_system",
			  "per-command means (hyperfine exports no per-run CPU times)");
	}
	return rc ? tb_csv_one_line(err, errlen) : 0;
}

/* hyperfine --export-json: {"results": [...]} */
static bool detect(const char *head, size_t len)
{
	return tb_foreign_head_key(head, len, "results");
}

const struct tb_reader tb_reader_hyperfine = {
	.name = "hyperfine JSON",
	.sep = ".",
	.fields = hfields,
	.detect = detect,
	.read = read_hyperfine,
};
