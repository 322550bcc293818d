/*
 * foreign.c - the helpers the readers of other harnesses' results share
 * (read_gbench.c, read_hyperfine.c, read_criterion.c): a case keyed by
 * the tool's name, numbers and metrics from JSON, detection by the top
 * level keys of a file's first bytes, paths.  See foreign.h.
 */
#include "foreign.h"

#include "../kernels/common.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int tb_foreign_key(struct tb_result *r, const char *family, const char *name, const char *path,
		   const char *field, char *err, size_t errlen)
{
	if (strlen(name) >= TB_VARIANT_MAX)
		return tb_err(err, errlen, "%s: %s '%.40s...' is longer than %d characters (a case name)",
			      path, field, name, TB_VARIANT_MAX - 1);
	snprintf(r->family, sizeof(r->family), "%s", family);
	snprintf(r->variant, sizeof(r->variant), "%s", name);
	snprintf(r->mode, sizeof(r->mode), "-");
	r->status = TB_STATUS_OK;
	snprintf(r->metric, sizeof(r->metric), "%s", TB_METRIC_TIME);
	r->n = r->rows = r->cols = 1;
	r->threads = 1;
	r->runs = 1;
	struct tb_stats *s = &r->st;
	s->min = s->median = s->mean = s->sd = s->mad = s->cv = NAN;
	s->p5 = s->p25 = s->p75 = s->p95 = s->ci_low = s->ci_high = NAN;
	r->bytes = r->flops = r->items = NAN; /* the tool's work per iteration: unknown */
	r->items_per_s = r->gbps = r->limit_share = r->items_per_cycle = NAN;
	return 0;
}

int tb_foreign_num(json_t *o, const char *key, const char *path, const char *where,
		   double *out, char *err, size_t errlen)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return tb_err(err, errlen, "%s: %s.%s is missing", path, where, key);
	if (!json_is_number(v) && !json_is_null(v))
		return tb_err(err, errlen, "%s: %s.%s is not a number", path, where, key);
	*out = json_is_null(v) ? NAN : json_number_value(v);
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

bool tb_foreign_head_key(const char *head, size_t len, const char *key)
{
	if (!len || head[0] != '{')
		return false;
	size_t kl = strlen(key);
	int depth = 1;
	for (size_t i = 1; i < len && depth > 0;) {
		char c = head[i];
		if (c != '"') {
			depth += (c == '{' || c == '[') - (c == '}' || c == ']');
			i++;
			continue;
		}
		size_t s = ++i;
		while (i < len && head[i] != '"')
			i += head[i] == '\\' ? 2 : 1;
		if (i >= len)
			return false; /* the head ends inside a string */
		size_t e = i++;
		if (depth != 1)
			continue;
		while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
			i++;
		if (i < len && head[i] == ':' && e - s == kl && !memcmp(head + s, key, kl))
			return true;
	}
	return false;
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
