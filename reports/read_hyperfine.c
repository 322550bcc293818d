/*
 * read_hyperfine.c - hyperfine --export-json into a result set: one case
 * per results[] entry, keyed by its command (hyperfine's --command-name
 * when given; with --parameter-scan / -L the substituted command, and the
 * parameter values appended where commands would repeat).  times[] (one
 * wall time per run, seconds) are the samples; hyperfine exports only the
 * means of user and system time, which become the metrics user_ns and
 * system_ns (per run); memory_usage_byte[] (newer hyperfine) the metric
 * max_rss_bytes.  A file without times[] gives the median only.
 */
#include "foreign.h"
#include "json.h"

#include "../kernels/common.h"

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

static int read_entry(const char *path, json_t *e, size_t i, json_t *counts,
		      struct tb_resultset *rs, char *err, size_t errlen)
{
	char where[48], name[TB_VARIANT_MAX];
	snprintf(where, sizeof(where), "results[%zu]", i);
	if (!json_is_object(e))
		return tb_err(err, errlen, "%s: %s is not an object", path, where);
	if (case_name(path, e, i, counts, name, sizeof(name), err, errlen))
		return -1;
	char cw[64];
	snprintf(cw, sizeof(cw), "%s.command", where);
	struct tb_result *r = tb_foreign_case(rs, path, cw, TB_FAMILY_HYPERFINE, name, err,
					      errlen);
	if (!r)
		return -1;
	r->iters = 1;
	r->items = 1;
	snprintf(r->unit, sizeof(r->unit), "run");
	double user, sys;
	if (tb_foreign_num(e, "user", false, path, where, &user, err, errlen) ||
	    tb_foreign_num(e, "system", false, path, where, &sys, err, errlen))
		return -1;
	json_t *times = json_object_get(e, "times");
	json_t *codes = json_object_get(e, "exit_codes");
	if (times && (!json_is_array(times) || !json_array_size(times)))
		return tb_err(err, errlen, "%s: %s.times is not a non-empty array", path, where);
	if (codes && !json_is_array(codes))
		return tb_err(err, errlen, "%s: %s.exit_codes is not an array", path, where);
	size_t n = times ? json_array_size(times) : 0;
	if (times && codes && json_array_size(codes) != n)
		return tb_err(err, errlen, "%s: %s has %zu times but %zu exit_codes", path, where, n,
			      json_array_size(codes));
	if (n) {
		double *s = malloc(n * sizeof(*s));
		if (!s)
			return tb_err(err, errlen, "out of memory");
		for (size_t j = 0; j < n; j++) {
			json_t *t = json_array_get(times, j);
			double x = json_number_value(t);
			if (!json_is_number(t) || !isfinite(x) || x < 0 || x > 1e9) {
				free(s);
				return tb_err(err, errlen, "%s: %s.times[%zu] is not a number of seconds "
					      "from 0 to 1e9", path, where, j);
			}
			s[j] = x * 1e9;
		}
		int rc = tb_result_set_samples(r, s, n);
		free(s);
		if (rc)
			return tb_err(err, errlen, "out of memory");
	} else {
		double med;
		if (tb_foreign_num(e, "median", false, path, where, &med, err, errlen))
			return -1;
		r->st.median = med * 1e9;
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
		double *v = malloc(m * sizeof(*v));
		if (!v)
			return tb_err(err, errlen, "out of memory");
		for (size_t j = 0; j < m; j++) {
			json_t *x = json_array_get(mem, j);
			if (!json_is_integer(x) || json_integer_value(x) < 0) {
				free(v);
				return tb_err(err, errlen, "%s: %s.memory_usage_byte[%zu] is not a "
					      "non-negative integer", path, where, j);
			}
			v[j] = (double)json_integer_value(x);
		}
		int rc = tb_foreign_metric(r, "max_rss_bytes", v, m, path, err, errlen);
		free(v);
		if (rc)
			return -1;
	}
	return 0;
}

int tb_read_hyperfine(const char *path, json_t *doc, struct tb_resultset *rs, char *err,
		      size_t errlen)
{
	json_t *results = json_object_get(doc, "results");
	size_t first = rs->n;
	int rc = json_array_size(results) ? 0 : tb_err(err, errlen, "%s: \"results\" is empty", path);
	json_t *counts = json_object(); /* command -> how many entries have it */
	size_t i;
	json_t *e;
	json_array_foreach(results, i, e) {
		const char *c = json_string_value(json_object_get(e, "command"));
		if (c && json_object_set_new(counts, c, json_integer(
				json_integer_value(json_object_get(counts, c)) + 1)))
			rc = tb_err(err, errlen, "out of memory");
	}
	for (i = 0; !rc && i < json_array_size(results); i++)
		rc = read_entry(path, json_array_get(results, i), i, counts, rs, err, errlen);
	json_decref(counts);
	if (rc) {
		while (rs->n > first)
			tb_result_free(&rs->r[--rs->n]);
		return -1;
	}
	if (!rs->options.n) {
		tb_kv_set(&rs->options, "format", "hyperfine");
		tb_kv_set(&rs->options, "hyperfine.user_system",
			  "per-command means (hyperfine exports no per-run CPU times)");
	}
	return 0;
}
