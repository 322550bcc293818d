/*
 * load.c - read saved results back (JSON, or summary CSV + companions) and
 * merge result sets; see load.h.
 */
#include "load.h"

#include "csv_read.h"
#include "foreign.h"
#include "json.h"

#include "../kernels/common.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* first character that is not white space, or EOF */
static int first_char(const char *path)
{
	FILE *f = fopen(path, "rb");
	int c = EOF;
	if (!f)
		return EOF;
	while ((c = fgetc(f)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n'))
		;
	fclose(f);
	return c;
}

/* the first existing companion of a summary CSV: <dir>/<stem><sep><kind>.csv,
 * or <dir>/<kind>.csv beside a file named summary.csv (what bench.sh writes)
 * or, for the fingerprint and options, beside any summary */
static bool companion(const char *path, const char *kind, bool shared, char *out, size_t len)
{
	const char *slash = strrchr(path, '/');
	int dlen = slash ? (int)(slash - path + 1) : 0;
	const char *base = slash ? slash + 1 : path;
	int slen = (int)strlen(base);
	if (slen > 4 && !strcmp(base + slen - 4, ".csv"))
		slen -= 4;
	static const char *const seps[] = {".", "-", "_"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(out, len, "%.*s%.*s%s%s.csv", dlen, path, slen, base, seps[i], kind);
		if (is_file(out))
			return true;
	}
	if (shared || (slen == 7 && !strncmp(base, "summary", 7))) {
		snprintf(out, len, "%.*s%s.csv", dlen, path, kind);
		if (strcmp(out, path) && is_file(out))
			return true;
	}
	return false;
}

static void note(char *buf, size_t len, const char *what)
{
	if (!buf || !len)
		return;
	size_t l = strlen(buf);
	snprintf(buf + l, len - l, "%s%s", l ? ", " : "", what);
}

int tb_results_load(const char *path, struct tb_resultset *rs, char *comp, size_t clen,
		    char *err, size_t errlen)
{
	return tb_results_load_opts(path, NULL, rs, comp, clen, err, errlen);
}

int tb_results_load_opts(const char *path, const struct tb_read_opts *ro,
			 struct tb_resultset *rs, char *comp, size_t clen, char *err,
			 size_t errlen)
{
	if (comp && clen)
		comp[0] = 0;
	/* another harness's file or directory (reports/foreign.h), by content */
	int fr = tb_foreign_read(path, ro, rs, err, errlen);
	if (fr != 1)
		return fr;
	if (!is_file(path))
		return tb_err(err, errlen, "cannot read '%s': no such regular file", path);
	if (first_char(path) == '{')
		return tb_json_read(path, rs, err, errlen);
	char p[4096];
	int rc = tb_csv_read_summary(path, rs, err, errlen);
	if (!rc && companion(path, "samples", false, p, sizeof(p))) {
		rc = tb_csv_read_samples(p, rs, err, errlen);
		note(comp, clen, p);
	}
	if (!rc && !rs->fingerprint.n && companion(path, "fingerprint", true, p, sizeof(p))) {
		rc = tb_csv_read_kv(p, &rs->fingerprint, err, errlen);
		note(comp, clen, p);
	}
	if (!rc && !rs->options.n && companion(path, "options", true, p, sizeof(p))) {
		rc = tb_csv_read_kv(p, &rs->options, err, errlen);
		note(comp, clen, p);
	}
	return rc;
}

int tb_resultset_merge(struct tb_resultset *dst, struct tb_resultset *src, const char *label,
		       char *err, size_t errlen)
{
	size_t had = dst->n;
	for (size_t i = 0; i < src->n; i++) {
		struct tb_result *r = tb_resultset_add(dst);
		if (!r)
			return tb_err(err, errlen, "out of memory");
		*r = src->r[i];
		memset(&src->r[i], 0, sizeof(src->r[i])); /* moved: src no longer owns it */
		for (size_t j = 0; j < had; j++) {
			if (!tb_result_same_key(&dst->r[j], r))
				continue;
			char v[256];
			int k = snprintf(v, sizeof(v), "%s@%s", r->variant, label && *label ? label : "2");
			if (k < 0 || (size_t)k >= sizeof(r->variant))
				return tb_err(err, errlen, "case %s/%s is in two result files and '%s' is "
					      "longer than %zu characters: give the runs shorter names",
					      r->family, r->variant, v, sizeof(r->variant) - 1);
			memcpy(r->variant, v, (size_t)k + 1);
			break;
		}
	}
	src->n = 0;
	if (!dst->name[0])
		snprintf(dst->name, sizeof(dst->name), "%s", src->name);
	if (!dst->fingerprint.n) {
		dst->fingerprint = src->fingerprint;
		memset(&src->fingerprint, 0, sizeof(src->fingerprint));
	}
	if (!dst->options.n) {
		dst->options = src->options;
		memset(&src->options, 0, sizeof(src->options));
	}
	return 0;
}
