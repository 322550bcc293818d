/*
 * foreign.c - tell other harnesses' result files apart by content and hand
 * each to its reader (read_gbench.c, read_hyperfine.c, read_criterion.c);
 * the helpers those readers share.  See foreign.h.
 */
#include "foreign.h"
#include "json.h"

#include "../kernels/common.h"
#include "csv_read.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tb_read_opts_gbench_time(struct tb_read_opts *o, const char *arg, char *err,
			     size_t errlen)
{
	if (!strcmp(arg, "real") || !strcmp(arg, "real_time"))
		o->gbench_time = TB_GBENCH_REAL;
	else if (!strcmp(arg, "cpu") || !strcmp(arg, "cpu_time"))
		o->gbench_time = TB_GBENCH_CPU;
	else
		return tb_err(err, errlen, "invalid --gbench-time '%s': expected real or cpu", arg);
	return 0;
}

enum tb_json_kind tb_foreign_kind(json_t *doc)
{
	if (json_is_array(doc) && json_array_size(doc) == 2 &&
	    json_is_array(json_array_get(doc, 0)) && json_is_array(json_array_get(doc, 1)))
		return TB_JSON_CRITERION_SAMPLE; /* criterion before 0.3.3: [iters, times] */
	if (!json_is_object(doc))
		return TB_JSON_UNKNOWN;
	if (json_object_get(doc, "schema"))
		return TB_JSON_TBENCH;
	if (json_is_array(json_object_get(doc, "benchmarks")) &&
	    json_is_object(json_object_get(doc, "context")))
		return TB_JSON_GBENCH;
	if (json_is_array(json_object_get(doc, "results")))
		return TB_JSON_HYPERFINE;
	if (json_object_get(doc, "iters") && json_object_get(doc, "times"))
		return TB_JSON_CRITERION_SAMPLE;
	if ((json_object_get(doc, "mean") && json_object_get(doc, "median")) ||
	    (json_object_get(doc, "Mean") && json_object_get(doc, "Median")))
		return TB_JSON_CRITERION_ESTIMATES;
	if (json_object_get(doc, "group_id") && json_object_get(doc, "full_id"))
		return TB_JSON_CRITERION_BENCHMARK;
	return TB_JSON_UNKNOWN;
}

struct tb_result *tb_foreign_case(struct tb_resultset *rs, const char *path, const char *where,
				  const char *family, const char *name, char *err,
				  size_t errlen)
{
	if (!name || !*name) {
		tb_err(err, errlen, "%s: %s is empty", path, where);
		return NULL;
	}
	if (strlen(name) >= TB_VARIANT_MAX) {
		tb_err(err, errlen, "%s: %s '%.40s...' is longer than %d characters (a case name)",
		       path, where, name, TB_VARIANT_MAX - 1);
		return NULL;
	}
	for (size_t i = 0; i < rs->n; i++)
		if (!strcmp(rs->r[i].family, family) && !strcmp(rs->r[i].variant, name)) {
			tb_err(err, errlen, "%s: %s '%s' is a second case of that name", path, where,
			       name);
			return NULL;
		}
	if (rs->n >= 10000) { /* as the tbench readers */
		tb_err(err, errlen, "%s: more than 10000 cases", path);
		return NULL;
	}
	struct tb_result *r = tb_resultset_add(rs);
	if (!r) {
		tb_err(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(r->family, sizeof(r->family), "%s", family);
	snprintf(r->variant, sizeof(r->variant), "%s", name);
	snprintf(r->mode, sizeof(r->mode), "-");
	snprintf(r->status, sizeof(r->status), "ok");
	r->n = r->rows = r->cols = 1;
	r->runs = 1;
	r->bytes = r->flops = r->items = NAN; /* the tool's work per iteration: unknown */
	return r;
}

int tb_foreign_num(json_t *o, const char *key, bool positive, const char *path,
		   const char *where, double *out, char *err, size_t errlen)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return tb_err(err, errlen, "%s: %s.%s is missing", path, where, key);
	double x = json_number_value(v);
	if (!json_is_number(v) || !isfinite(x) || x < 0 || (positive && x <= 0))
		return tb_err(err, errlen, "%s: %s.%s is not a %s number", path, where, key,
			      positive ? "positive" : "finite non-negative");
	*out = x;
	return 0;
}

int tb_foreign_metric(struct tb_result *r, const char *name, const double *v, size_t n,
		      const char *path, char *err, size_t errlen)
{
	if (strlen(name) >= sizeof(r->metrics[0].name))
		return tb_err(err, errlen, "%s: %s: counter name '%.40s...' is longer than %zu characters",
			      path, r->variant, name, sizeof(r->metrics[0].name) - 1);
	if (tb_result_add_metric_of(r, name, v, n))
		return tb_err(err, errlen, "out of memory");
	return 0;
}

bool tb_foreign_agrees(double a, double b)
{
	return fabs(a - b) <= 1e-6 * fmax(fabs(a), fabs(b));
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool tb_path_join(char *out, size_t len, const char *dir, const char *name)
{
	int k = snprintf(out, len, "%s/%s", dir, name);
	if (k < 0 || (size_t)k >= len) {
		if (len)
			out[0] = 0;
		return false;
	}
	return true;
}

bool tb_path_has_file(const char *dir, const char *name)
{
	char p[4096];
	struct stat st;
	return tb_path_join(p, sizeof(p), dir, name) && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* a criterion JSON file: read the directory it is in */
static int read_criterion_file(const char *path, struct tb_resultset *rs, char *err,
			       size_t errlen)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	if (!dir[0])
		snprintf(dir, sizeof(dir), "/");
	return tb_read_criterion(dir, NULL, rs, err, errlen);
}

static int read_json_file(const char *path, const struct tb_read_opts *o,
			  struct tb_resultset *rs, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 1;
	char head[4097];
	size_t n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = 0;
	size_t i = n >= 3 && !memcmp(head, "\xef\xbb\xbf", 3) ? 3 : 0;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
		i++;
	if (i == n || (head[i] != '{' && head[i] != '['))
		return 1;
	/* tbench's own documents start with their schema: no second parse */
	if (strstr(head, "\"schema\": \"tbench-"))
		return 1;
	json_t *doc = tb_json_load_file(path, err, errlen);
	if (!doc)
		return -1;
	int rc;
	switch (tb_foreign_kind(doc)) {
	case TB_JSON_GBENCH: rc = tb_read_gbench(path, doc, o, rs, err, errlen); break;
	case TB_JSON_HYPERFINE: rc = tb_read_hyperfine(path, doc, rs, err, errlen); break;
	case TB_JSON_CRITERION_SAMPLE:
	case TB_JSON_CRITERION_ESTIMATES:
	case TB_JSON_CRITERION_BENCHMARK: rc = read_criterion_file(path, rs, err, errlen); break;
	case TB_JSON_TBENCH: rc = 1; break;
	default:
		rc = tb_err(err, errlen, "%s: not a result file tbench reads (a tbench JSON "
			    "document has \"schema\", Google Benchmark's \"context\" and "
			    "\"benchmarks\", hyperfine's \"results\", criterion's sample.json "
			    "\"iters\" and \"times\")", path);
	}
	json_decref(doc);
	return rc < 0 ? tb_csv_one_line(err, errlen) : rc;
}

int tb_foreign_read(const char *path, const struct tb_read_opts *o, struct tb_resultset *rs,
		    char *err, size_t errlen)
{
	static const struct tb_read_opts defaults = {.gbench_time = TB_GBENCH_REAL};
	if (!o)
		o = &defaults;
	struct stat st;
	if (stat(path, &st) != 0) {
		/* DIR@SIDE: a criterion tree's named baseline */
		const char *at = strrchr(path, '@');
		char dir[4096];
		if (!at || at == path || !at[1] || strchr(at, '/') ||
		    (size_t)(at - path) >= sizeof(dir))
			return 1;
		snprintf(dir, sizeof(dir), "%.*s", (int)(at - path), path);
		if (!is_dir(dir))
			return 1;
		return tb_read_criterion(dir, at + 1, rs, err, errlen) < 0
			       ? tb_csv_one_line(err, errlen) : 0;
	}
	if (S_ISREG(st.st_mode))
		return read_json_file(path, o, rs, err, errlen);
	if (!S_ISDIR(st.st_mode) || tb_path_has_file(path, "summary.csv"))
		return 1;
	int rc = tb_read_criterion(path, NULL, rs, err, errlen);
	return rc < 0 ? tb_csv_one_line(err, errlen) : rc;
}
