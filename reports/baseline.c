/*
 * baseline.c - save (atomically) and load result sets as baselines, list
 * them, and load a result set from a directory or summary CSV path.
 */
#define _GNU_SOURCE
#include "baseline.h"

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
	struct stat st;
	if (tx->final && stat(tx->final, &st) == 0 && !S_ISDIR(st.st_mode)) {
		tb_err(err, errlen, "cannot save baseline '%s': '%s' exists and is not a directory",
		       name, tx->final);
		tb_baseline_abort(tx);
		return -1;
	}
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

/* ---- loading (reports/load.c: the same loader and checks as any result set) ---- */

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
	int rc = tb_results_load_dir(p, rs, err, errlen);
	free(p);
	return rc;
}
