/*
 * baseline.c - save (atomically) and load result sets as baselines, list
 * them, and load a result set from a directory or summary CSV path.
 */
#define _GNU_SOURCE
#include "baseline.h"
#include "foreign.h"

#include "../kernels/common.h"
#include "csv_read.h"
#include "load.h"
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *tb_baseline_dir(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *e = getenv(TB_BASELINE_ENV);
	return e && *e ? e : TB_BASELINE_DEFAULT_DIR;
}

int tb_baseline_name_check(const char *name, char *err, size_t errlen)
{
	size_t n = strlen(name);
	bool ok = n >= 1 && n <= 100 && name[0] != '.';
	for (size_t i = 0; ok && i < n; i++) {
		char c = name[i];
		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		     c == '.' || c == '_' || c == '-';
	}
	if (!ok)
		return tb_err(err, errlen,
			      "invalid baseline name '%s': expected 1-100 of letters, digits, '.', '_', '-', not starting with '.'",
			      name);
	return 0;
}

static int mkdir_p(const char *dir, char *err, size_t errlen)
{
	char *p = strdup(dir);
	if (!p)
		return tb_err(err, errlen, "out of memory");
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;
		*s = 0;
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			int e = errno;
			tb_err(err, errlen, "cannot create the baseline directory '%s': %s", p,
			       strerror(e));
			free(p);
			return -1;
		}
		if (!c)
			break;
		*s = c;
	}
	free(p);
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return tb_err(err, errlen, "baseline directory '%s' is not a directory", dir);
	return 0;
}

static char *join(const char *a, const char *b)
{
	char *s;
	return asprintf(&s, "%s/%s", a, b) < 0 ? NULL : s;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void remove_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int tb_baseline_begin(struct tb_baseline_tx *tx, const char *dir, const char *name, char *err,
		      size_t errlen)
{
	memset(tx, 0, sizeof(*tx));
	if (tb_baseline_name_check(name, err, errlen) || mkdir_p(dir, err, errlen))
		return -1;
	tx->final = join(dir, name);
	if (!tx->final || asprintf(&tx->tmp, "%s/.%s.tmp.XXXXXX", dir, name) < 0) {
		tx->tmp = NULL;
		tb_baseline_abort(tx);
		return tb_err(err, errlen, "out of memory");
	}
	if (!mkdtemp(tx->tmp)) {
		int e = errno;
		free(tx->tmp);
		tx->tmp = NULL;
		tb_baseline_abort(tx);
		return tb_err(err, errlen, "cannot write baselines in '%s': %s", dir, strerror(e));
	}
	chmod(tx->tmp, 0755); /* mkdtemp makes it private; a baseline is shared */
	return 0;
}

void tb_baseline_abort(struct tb_baseline_tx *tx)
{
	if (tx->tmp)
		remove_tree(tx->tmp);
	free(tx->tmp);
	free(tx->final);
	memset(tx, 0, sizeof(*tx));
}

typedef void (*write_fn)(FILE *f, const struct tb_resultset *rs);

static void w_summary(FILE *f, const struct tb_resultset *rs)
{
	struct tb_report rep = {.rs = rs};
	tb_writer_csv.write(f, &rep, NULL, 0);
}

static void w_samples(FILE *f, const struct tb_resultset *rs)
{
	struct tb_report rep = {.rs = rs};
	tb_writer_samples_csv.write(f, &rep, NULL, 0);
}

static void w_fingerprint(FILE *f, const struct tb_resultset *rs)
{
	tb_csv_write_kv(f, &rs->fingerprint);
}

static void w_options(FILE *f, const struct tb_resultset *rs)
{
	tb_csv_write_kv(f, &rs->options);
}

static int write_one(const char *dir, const char *file, write_fn fn,
		     const struct tb_resultset *rs, char *err, size_t errlen)
{
	char *p = join(dir, file);
	if (!p)
		return tb_err(err, errlen, "out of memory");
	FILE *f = fopen(p, "w");
	int e = 0;
	if (!f) {
		e = errno;
	} else {
		fn(f, rs);
		if (fflush(f) != 0 || ferror(f))
			e = errno ? errno : EIO;
		if (!e && fsync(fileno(f)) != 0)
			e = errno;
		if (fclose(f) != 0 && !e)
			e = errno ? errno : EIO;
	}
	if (e)
		tb_err(err, errlen, "cannot write '%s': %s", p, strerror(e));
	free(p);
	return e ? -1 : 0;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* put tmp in place of final, whatever concurrent savers do meanwhile */
static int install(const char *tmp, const char *final)
{
	for (int attempt = 0; attempt < 16; attempt++) {
		if (rename(tmp, final) == 0)
			return 0; /* there was none (or an empty directory) */
		if (errno != ENOTEMPTY && errno != EEXIST)
			return -1;
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) == 0) {
			remove_tree(tmp); /* the old baseline, now at tmp */
			return 0;
		}
		if (errno == ENOENT)
			continue; /* removed meanwhile: plain rename again */
		if (errno != EINVAL && errno != ENOSYS)
			return -1;
		/* no atomic exchange on this file system: move the old one aside
		 * first (readers may briefly find none, never a damaged one) */
		char *aside;
		if (asprintf(&aside, "%s.old.XXXXXX", tmp) < 0)
			return -1;
		if (!mkdtemp(aside) || rename(final, aside) != 0) {
			int e = errno;
			rmdir(aside);
			free(aside);
			if (e == ENOENT)
				continue;
			errno = e;
			return -1;
		}
		int rc = rename(tmp, final);
		int e = errno;
		remove_tree(aside);
		free(aside);
		if (rc == 0)
			return 0;
		if (e != ENOTEMPTY && e != EEXIST)
			return errno = e, -1;
	}
	errno = EBUSY;
	return -1;
}

int tb_baseline_commit(struct tb_baseline_tx *tx, const struct tb_resultset *rs, char *err,
		       size_t errlen)
{
	if (!tx->tmp)
		return tb_err(err, errlen, "baseline save was not started");
	int rc = write_one(tx->tmp, "summary.csv", w_summary, rs, err, errlen);
	if (!rc)
		rc = write_one(tx->tmp, "samples.csv", w_samples, rs, err, errlen);
	if (!rc)
		rc = write_one(tx->tmp, "fingerprint.csv", w_fingerprint, rs, err, errlen);
	if (!rc)
		rc = write_one(tx->tmp, "options.csv", w_options, rs, err, errlen);
	if (!rc) {
		sync_dir(tx->tmp);
		if (install(tx->tmp, tx->final) != 0)
			rc = tb_err(err, errlen, "cannot save baseline '%s': %s", tx->final,
				    strerror(errno));
		else {
			free(tx->tmp);
			tx->tmp = NULL; /* installed: nothing to remove */
			char *parent = strdup(tx->final);
			if (parent && strrchr(parent, '/')) {
				*strrchr(parent, '/') = 0;
				sync_dir(parent);
			}
			free(parent);
		}
	}
	tb_baseline_abort(tx);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void tb_baseline_list(const char *dir, char *buf, size_t len)
{
	snprintf(buf, len, "none");
	DIR *d = opendir(dir);
	if (!d)
		return;
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 256) {
		if (e->d_name[0] == '.' || tb_baseline_name_check(e->d_name, NULL, 0))
			continue;
		char *p = join(dir, e->d_name);
		struct stat st;
		if (p && stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			names[n++] = strdup(e->d_name);
		free(p);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	if (n)
		buf[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (names[i])
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? ", " : "",
				 names[i]);
		free(names[i]);
	}
}

/* ---- loading ---- */

struct declared {
	const char *path;
	int col;
	size_t n, cap;
	size_t *count, *line;
};

static int declared_row(void *ctx, size_t line, char **f, size_t nf, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	struct declared *d = ctx;
	if (d->col == -2) { /* header */
		d->col = -1;
		for (size_t i = 0; i < nf; i++)
			if (!strcmp(f[i], "samples"))
				d->col = (int)i;
		return 0;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		size_t *c = realloc(d->count, cap * sizeof(size_t));
		if (c)
			d->count = c;
		size_t *l = realloc(d->line, cap * sizeof(size_t));
		if (l)
			d->line = l;
		if (!c || !l)
			return tb_err(err, errlen, "out of memory");
		d->cap = cap;
	}
	d->count[d->n] = d->col >= 0 && (size_t)d->col < nf ? strtoull(f[d->col], NULL, 10) : 0;
	d->line[d->n++] = line;
	return 0;
}

/* every case has as many raw samples as its summary row declares */
static int check_counts(const char *summary, const char *samples, const struct tb_resultset *rs,
			size_t first, char *err, size_t errlen)
{
	struct declared d = {.path = summary, .col = -2};
	int rc = tb_csv_read_rows(summary, declared_row, &d, err, errlen);
	for (size_t i = 0; !rc && i < d.n && first + i < rs->n; i++) {
		const struct tb_result *r = &rs->r[first + i];
		if (r->nsamples != d.count[i])
			rc = tb_err(err, errlen,
				    "%s: %zu samples of %s/%s/%s/n=%" PRIu64 ", but %s:%zu declares %zu (truncated or damaged)",
				    samples, r->nsamples, r->family, r->variant, r->mode, r->n, summary,
				    d.line[i], d.count[i]);
	}
	free(d.count);
	free(d.line);
	return rc;
}

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* summary (required), samples/fingerprint/options (required when need) */
static int load_files(const char *summary, const char *samples, const char *fp,
		      const char *opts, bool need, struct tb_resultset *rs, char *err,
		      size_t errlen)
{
	size_t first = rs->n;
	if (tb_csv_read_summary(summary, rs, err, errlen))
		return -1;
	if (samples && (need || is_file(samples)))
		if (tb_csv_read_samples(samples, rs, err, errlen) ||
		    check_counts(summary, samples, rs, first, err, errlen))
			return -1;
	if (fp && (need || is_file(fp)) && tb_csv_read_kv(fp, &rs->fingerprint, err, errlen))
		return -1;
	if (opts && is_file(opts) && tb_csv_read_kv(opts, &rs->options, err, errlen))
		return -1;
	return 0;
}

/* replace "/proc/self/fd/N" in err by dir/name */
static void name_file(char *err, size_t errlen, const char *proc, const char *dir,
		      const char *name)
{
	char *at = err ? strstr(err, proc) : NULL;
	if (!at)
		return;
	char rest[1024], real[1024];
	snprintf(rest, sizeof(rest), "%s", at + strlen(proc));
	snprintf(real, sizeof(real), "%s/%s", dir, name);
	*at = 0;
	snprintf(at, errlen - (size_t)(at - err), "%s%s", real, rest);
}

/* Read a consistent baseline even while savers swap it: open the directory,
 * then its files through that handle.  A baseline's files are never
 * rewritten, only removed with it, so files opened from one handle are one
 * baseline; a file gone because the directory was swapped away -> retry. */
static int load_snapshot(const char *p, struct tb_resultset *rs, bool *retry, char *err,
			 size_t errlen)
{
	static const char *const names[] = {"summary.csv", "samples.csv", "fingerprint.csv",
					    "options.csv"};
	int dfd = open(p, O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		*retry = errno == ENOENT;
		return tb_err(err, errlen, "cannot read baseline '%s': %s", p, strerror(errno));
	}
	int fds[4] = {-1, -1, -1, -1}, rc = 0;
	char proc[4][48];
	for (int i = 0; i < 4 && !rc; i++) {
		fds[i] = openat(dfd, names[i], O_RDONLY);
		snprintf(proc[i], sizeof(proc[i]), "/proc/self/fd/%d", fds[i]);
		if (fds[i] >= 0)
			continue;
		int e = errno;
		struct stat a, b;
		if (fstat(dfd, &a) == 0 && (stat(p, &b) != 0 || a.st_ino != b.st_ino ||
					    a.st_dev != b.st_dev))
			*retry = true, rc = -1; /* swapped away meanwhile */
		else if (e != ENOENT || i < 3)
			rc = tb_err(err, errlen, "baseline '%s' is damaged: cannot read '%s/%s': %s", p, p,
				    names[i], strerror(e));
	}
	if (!rc) {
		struct tb_resultset tmp = {0};
		rc = load_files(proc[0], proc[1], proc[2], fds[3] >= 0 ? proc[3] : NULL, true, &tmp,
				err, errlen);
		for (int i = 0; i < 4 && rc; i++) /* err is only set on failure */
			name_file(err, errlen, proc[i], p, names[i]);
		if (!rc) {
			tb_resultset_free(rs);
			*rs = tmp;
		} else {
			tb_resultset_free(&tmp);
		}
	}
	for (int i = 0; i < 4; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	close(dfd);
	return rc;
}

int tb_baseline_load(const char *dir, const char *name, struct tb_resultset *rs, char *err,
		     size_t errlen)
{
	if (tb_baseline_name_check(name, err, errlen))
		return -1;
	char *p = join(dir, name);
	if (!p)
		return tb_err(err, errlen, "out of memory");
	struct stat st;
	if (stat(p, &st) != 0) {
		char list[1024];
		tb_baseline_list(dir, list, sizeof(list));
		free(p);
		tb_err(err, errlen, "no baseline '%s' in '%s' (baselines there: %s)", name, dir,
		       list);
		return -2;
	}
	if (!S_ISDIR(st.st_mode)) {
		tb_err(err, errlen, "baseline '%s' is not a directory", p);
		free(p);
		return -1;
	}
	int rc = -1;
	for (int attempt = 0; attempt < 100; attempt++) {
		bool retry = false;
		rc = load_snapshot(p, rs, &retry, err, errlen);
		if (!retry)
			break;
	}
	free(p);
	return rc;
}

int tb_results_load_path(const char *path, struct tb_resultset *rs, char *err, size_t errlen)
{
	return tb_results_load_path_opts(path, NULL, rs, err, errlen);
}

int tb_results_load_path_opts(const char *path, const struct tb_read_opts *ro,
			      struct tb_resultset *rs, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))
		return tb_results_load_opts(path, ro, rs, NULL, 0, err, errlen);
	int fr = tb_foreign_read(path, ro, rs, err, errlen); /* criterion trees, DIR@SIDE */
	if (fr != 1)
		return fr;
	if (stat(path, &st) != 0)
		return tb_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
	char *s = join(path, "summary.csv");
	if (!s)
		return tb_err(err, errlen, "out of memory");
	int rc = tb_results_load(s, rs, NULL, 0, err, errlen);
	free(s);
	return rc;
}
