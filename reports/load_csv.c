/*
 * load_csv.c - the tbench summary CSV as a format of the loader (loader.h):
 * the summary, and beside it, when present, its raw samples, fingerprint
 * and options (<stem>.samples.csv, <stem>-samples.csv, <stem>_samples.csv,
 * or samples.csv beside a file named summary.csv).
 */
#include "csv_read.h"
#include "loader.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
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

static int read_csv(struct tb_load *ld, const char *path, char *comp, size_t clen, char *err,
		    size_t errlen)
{
	struct tb_resultset *rs = ld->rs;
	char p[4096];
	int rc = tb_csv_load_summary(ld, AT_FDCWD, path, path, err, errlen);
	if (!rc && companion(path, "samples", false, p, sizeof(p))) {
		rc = tb_csv_load_samples(ld, AT_FDCWD, p, p, err, errlen);
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

/* a header line naming the schema column (what tbench and its peers write) */
static bool detect(const char *head, size_t len)
{
	if (!len || head[0] == '{' || head[0] == '[')
		return false;
	size_t eol = strcspn(head, "\r\n");
	const char *s = head;
	while ((s = strstr(s, "schema")) && s < head + eol) {
		bool start = s == head || s[-1] == ',' || s[-1] == '"';
		char after = s[6];
		if (start && (after == ',' || after == '"' || after == '\r' || after == '\n' || !after))
			return true;
		s += 6;
	}
	return false;
}

const struct tb_reader tb_reader_tbench_csv = {
	.name = "tbench summary CSV",
	.sep = ": column ",
	.fields = tb_csv_lfields,
	.detect = detect,
	.read = read_csv,
};
