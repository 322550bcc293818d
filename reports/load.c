/*
 * load.c - the one dispatch point of the result loader: detect the format
 * of a path by content -> its reader -> the same checks (load_check.c);
 * result directories (baselines) read through one directory handle; and
 * merging result sets.  To add a format, add its reader to `readers`.
 */
#define _GNU_SOURCE
#include "load.h"

#include "../kernels/common.h"
#include "csv_read.h"
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Formats in the order they are tried; each detects its own by content.
 * A file nobody claims is read as a tbench JSON document when it starts
 * with '{' or '[', else as a tbench summary CSV (so the error names what
 * is missing). */
static const struct tb_reader *const readers[] = {
	&tb_reader_tbench_json,
	&tb_reader_gbench,
	&tb_reader_hyperfine,
	&tb_reader_criterion,
	&tb_reader_tbench_csv,
};
#define NREADERS (sizeof(readers) / sizeof(readers[0]))

static const struct tb_reader *detect(const char *path)
{
	char head[4096];
	size_t n = tb_load_head(path, head, sizeof(head));
	for (size_t i = 0; i < NREADERS; i++)
		if (readers[i]->detect(head, n))
			return readers[i];
	return n && (head[0] == '{' || head[0] == '[') ? &tb_reader_tbench_json
						       : &tb_reader_tbench_csv;
}

/* the reader that claims a path which is not a regular file, or NULL */
static const struct tb_reader *detect_path(const char *path)
{
	for (size_t i = 0; i < NREADERS; i++)
		if (readers[i]->detect_path && readers[i]->detect_path(path))
			return readers[i];
	return NULL;
}

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
	struct stat st;
	int se = stat(path, &st) == 0 ? 0 : errno;
	const struct tb_reader *rd = NULL;
	if (!se && S_ISREG(st.st_mode))
		rd = detect(path);
	else if (!(rd = detect_path(path))) {
		if (!se && S_ISDIR(st.st_mode))
			return tb_results_load_dir(path, rs, err, errlen);
		return tb_err(err, errlen, "cannot read '%s': %s", path,
			      se ? strerror(se) : "not a regular file or directory");
	}
	struct tb_load ld;
	tb_load_init(&ld, rs, rd->sep, rd->fields);
	if (ro)
		ld.ro = ro;
	int rc = rd->read(&ld, path, comp, clen, err, errlen);
	if (!rc)
		rc = tb_load_check(&ld, err, errlen);
	while (rc && rs->n > ld.first) /* refused: nothing of it is left */
		tb_result_free(&rs->r[--rs->n]);
	tb_load_free(&ld);
	return rc;
}

/* ---- result directories ---- */

/* name opened through dfd: 0, 1 when absent (errno ENOENT), -1 other error */
static int present(int dfd, const char *name)
{
	struct stat st;
	if (fstatat(dfd, name, &st, 0) == 0)
		return 0;
	return errno == ENOENT ? 1 : -1;
}

static bool swapped(int dfd, const char *dir)
{
	struct stat a, b;
	return fstat(dfd, &a) == 0 &&
	       (stat(dir, &b) != 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev);
}

/* first of the names that exists in dfd, or NULL */
static const char *first_present(int dfd, const char *const *names)
{
	for (; *names; names++)
		if (present(dfd, *names) == 0)
			return *names;
	return NULL;
}

/* Savers never rewrite a file of a result directory, they swap in a new
 * directory: every file opened through one handle belongs to one save, and
 * a file gone (or the directory swapped) meanwhile means read again. */
static int load_snapshot(const char *dir, struct tb_resultset *rs, bool *retry, char *err,
			 size_t errlen)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		*retry = errno == ENOENT;
		return tb_err(err, errlen, "cannot read '%s': %s", dir, strerror(errno));
	}
	static const char *const need[] = {"summary.csv", "samples.csv"};
	static const char *const fps[] = {"fingerprint.csv", "summary.fingerprint.csv", NULL};
	static const char *const opts[] = {"options.csv", "summary.options.csv", NULL};
	struct tb_resultset tmp = {0};
	struct tb_load ld;
	tb_load_init(&ld, &tmp, tb_reader_tbench_csv.sep, tb_reader_tbench_csv.fields);
	ld.need_samples = true;
	char name[4][4200];
	int rc = 0;
	for (int i = 0; i < 2 && !rc; i++) {
		if (present(dfd, need[i]) == 0)
			continue;
		int e = errno;
		if (swapped(dfd, dir))
			*retry = true, rc = -1;
		else
			rc = tb_err(err, errlen, "'%s' is not a complete result set: cannot read '%s/%s': %s "
				    "(a result directory holds summary.csv and samples.csv)", dir, dir,
				    need[i], strerror(e));
	}
	const char *fp = first_present(dfd, fps), *op = first_present(dfd, opts);
	snprintf(name[0], sizeof(name[0]), "%s/%s", dir, need[0]);
	snprintf(name[1], sizeof(name[1]), "%s/%s", dir, need[1]);
	snprintf(name[2], sizeof(name[2]), "%s/%s", dir, fp ? fp : "");
	snprintf(name[3], sizeof(name[3]), "%s/%s", dir, op ? op : "");
	if (!rc)
		rc = tb_csv_load_summary(&ld, dfd, need[0], name[0], err, errlen);
	if (!rc)
		rc = tb_csv_load_samples(&ld, dfd, need[1], name[1], err, errlen);
	if (!rc && fp)
		rc = tb_csv_read_kv_at(dfd, fp, name[2], &tmp.fingerprint, err, errlen);
	if (!rc && op)
		rc = tb_csv_read_kv_at(dfd, op, name[3], &tmp.options, err, errlen);
	if (swapped(dfd, dir)) /* a save replaced it while we read: again */
		*retry = true, rc = -1;
	if (!rc)
		rc = tb_load_check(&ld, err, errlen);
	tb_load_free(&ld);
	if (!rc) {
		tb_resultset_free(rs);
		*rs = tmp;
	} else {
		tb_resultset_free(&tmp);
	}
	close(dfd);
	return rc;
}

int tb_results_load_dir(const char *dir_, struct tb_resultset *rs, char *err, size_t errlen)
{
	char dir[4096]; /* "results/" names its files results/summary.csv */
	size_t n = strlen(dir_);
	while (n > 1 && dir_[n - 1] == '/')
		n--;
	if (n >= sizeof(dir))
		return tb_err(err, errlen, "cannot read '%s': path too long", dir_);
	memcpy(dir, dir_, n);
	dir[n] = 0;
	int rc = -1;
	for (int attempt = 0; attempt < 100; attempt++) {
		bool retry = false;
		rc = load_snapshot(dir, rs, &retry, err, errlen);
		if (!retry)
			return rc;
	}
	return rc ? rc : tb_err(err, errlen, "cannot read '%s': it keeps being replaced", dir);
}

/* ---- merging ---- */

static int order_cmp(const void *x, const void *y, void *ctx)
{
	const struct tb_result *r = ctx;
	return tb_result_key_cmp(&r[*(const size_t *)x], &r[*(const size_t *)y]);
}

/* is key k in rs->r[order[0..n)] (sorted)? */
static bool has_key(const struct tb_resultset *rs, const size_t *order, size_t n,
		    const struct tb_result *k)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = tb_result_key_cmp(&rs->r[order[mid]], k);
		if (!d)
			return true;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static size_t *sorted(const struct tb_resultset *rs)
{
	size_t *o = malloc((rs->n ? rs->n : 1) * sizeof(*o));
	if (!o)
		return NULL;
	for (size_t i = 0; i < rs->n; i++)
		o[i] = i;
	qsort_r(o, rs->n, sizeof(*o), order_cmp, rs->r);
	return o;
}

/* variant@label, @label.2, ... : the first key in neither set (src's
 * keys as they were: out is written, src is not) */
static int relabel(const struct tb_result *r, const struct tb_resultset *dst,
		   const size_t *dorder, size_t had, const struct tb_resultset *src,
		   const size_t *sorder, const char *label, char *out, char *err, size_t errlen)
{
	struct tb_result k = *r;
	for (unsigned i = 1; i < 1000; i++) {
		char v[256], suffix[16] = "";
		if (i > 1)
			snprintf(suffix, sizeof(suffix), ".%u", i);
		int len = snprintf(v, sizeof(v), "%s@%s%s", r->variant, label, suffix);
		if (len < 0 || (size_t)len >= sizeof(k.variant))
			return tb_err(err, errlen, "case %s/%s is in two result files and '%s' is "
				      "longer than %zu characters: give the runs shorter names",
				      r->family, r->variant, v, sizeof(k.variant) - 1);
		memcpy(k.variant, v, (size_t)len + 1);
		if (!has_key(dst, dorder, had, &k) && !has_key(src, sorder, src->n, &k)) {
			memcpy(out, v, (size_t)len + 1);
			return 0;
		}
	}
	return tb_err(err, errlen, "case %s/%s is in too many result files", r->family, r->variant);
}

int tb_resultset_merge(struct tb_resultset *dst, struct tb_resultset *src, const char *label,
		       char *err, size_t errlen)
{
	size_t had = dst->n;
	size_t *dorder = sorted(dst), *sorder = sorted(src);
	int rc = 0;
	if (!dorder || !sorder)
		rc = tb_err(err, errlen, "out of memory");
	const char *lab = label && *label ? label : "2";
	/* the variants src's cases get: renamed where dst has the key */
	char (*nv)[sizeof(src->r[0].variant)] = calloc(src->n ? src->n : 1, sizeof(*nv));
	if (!rc && !nv)
		rc = tb_err(err, errlen, "out of memory");
	for (size_t i = 0; !rc && i < src->n; i++)
		if (has_key(dst, dorder, had, &src->r[i]))
			rc = relabel(&src->r[i], dst, dorder, had, src, sorder, lab, nv[i], err,
				     errlen);
	for (size_t i = 0; !rc && i < src->n; i++)
		if (nv[i][0])
			memcpy(src->r[i].variant, nv[i], sizeof(nv[i]));
	free(nv);
	for (size_t i = 0; !rc && i < src->n; i++) {
		struct tb_result *r = tb_resultset_add(dst);
		if (!r) {
			rc = tb_err(err, errlen, "out of memory");
			break;
		}
		*r = src->r[i];
		memset(&src->r[i], 0, sizeof(src->r[i])); /* moved: src no longer owns it */
	}
	free(dorder);
	free(sorder);
	if (rc)
		return rc;
	for (size_t i = 0; i < src->n; i++)
		tb_result_free(&src->r[i]);
	src->n = 0;
	if (!dst->name[0])
		snprintf(dst->name, sizeof(dst->name), "%s", src->name);
	if (!dst->fingerprint.n) {
		tb_kv_free(&dst->fingerprint);
		dst->fingerprint = src->fingerprint;
		memset(&src->fingerprint, 0, sizeof(src->fingerprint));
	}
	if (!dst->options.n) {
		tb_kv_free(&dst->options);
		dst->options = src->options;
		memset(&src->options, 0, sizeof(src->options));
	}
	return 0;
}
