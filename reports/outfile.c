/*
 * outfile.c - atomic output files (temporary name + rename).  The names of
 * open temporary files are also kept in a fixed table that a signal
 * handler can walk (tb_outfile_unlink_all) without locks or allocation.
 */
#define _GNU_SOURCE
#include "outfile.h"

#include "../kernels/common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#define MAX_OPEN 16
static char tmp_names[MAX_OPEN][PATH_MAX];
static volatile sig_atomic_t tmp_used[MAX_OPEN];

/* remember a temporary name; -1 when the table is full */
static int track(const char *tmp)
{
	if (strlen(tmp) >= PATH_MAX)
		return -1;
	for (int i = 0; i < MAX_OPEN; i++)
		if (!tmp_used[i]) {
			strcpy(tmp_names[i], tmp);
			tmp_used[i] = 1; /* set last: the handler sees a complete name */
			return 0;
		}
	return -1;
}

static void untrack(const char *tmp)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (tmp_used[i] && !strcmp(tmp_names[i], tmp))
			tmp_used[i] = 0;
}

void tb_outfile_unlink_all(void)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (tmp_used[i])
			unlink(tmp_names[i]);
}

static void reset(struct tb_outfile *o)
{
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

int tb_outfile_open(struct tb_outfile *o, const char *path, char *err, size_t errlen)
{
	memset(o, 0, sizeof(*o));
	if (!path || !*path)
		return tb_err(err, errlen, "empty output path");
	o->path = strdup(path);
	if (!o->path)
		return tb_err(err, errlen, "out of memory");
	if (!strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		reset(o);
		return tb_err(err, errlen, "cannot write '%s': it is a directory", path);
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or pipe (/dev/stdout, /dev/full, >(gzip)): written in
		 * place, never replaced by a rename; errors show at commit */
		o->f = fopen(path, "w");
		if (!o->f) {
			int e = errno;
			reset(o);
			return tb_err(err, errlen, "cannot write '%s': %s", path, strerror(e));
		}
		return 0;
	}
	if (asprintf(&o->tmp, "%s.tmp.XXXXXX", path) < 0) {
		o->tmp = NULL;
		reset(o);
		return tb_err(err, errlen, "out of memory");
	}
	/* no signal between creating the file and recording its name, so a
	 * handler calling tb_outfile_unlink_all() never misses it */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int fd = mkstemp(o->tmp);
	int e = errno, full = fd >= 0 && track(o->tmp);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		reset(o);
		return tb_err(err, errlen, "cannot write '%s': %s", path, strerror(e));
	}
	fchmod(fd, 0644);
	if (full) {
		close(fd);
		unlink(o->tmp);
		reset(o);
		return tb_err(err, errlen, "cannot write '%s': too many output files", path);
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		close(fd);
		tb_outfile_abort(o);
		return tb_err(err, errlen, "cannot write '%s': out of memory", path);
	}
	return 0;
}

int tb_outfile_commit(struct tb_outfile *o, char *err, size_t errlen)
{
	if (!o->f)
		return tb_err(err, errlen, "output file was not opened");
	int e = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		e = errno ? errno : EIO;
	if (o->f == stdout) {
		reset(o);
		if (!e)
			return 0;
		clearerr(stdout); /* reported here, not again when tbench exits */
		return tb_err(err, errlen, "error writing to standard output: %s", strerror(e));
	}
	if (!e && o->tmp && fsync(fileno(o->f)) != 0 && errno != EINVAL)
		e = errno;
	if (fclose(o->f) != 0 && !e)
		e = errno ? errno : EIO;
	o->f = NULL;
	if (!e && o->tmp && rename(o->tmp, o->path) != 0)
		e = errno;
	if (o->tmp) {
		if (e)
			unlink(o->tmp);
		untrack(o->tmp);
	}
	int rc = e ? tb_err(err, errlen, "cannot write '%s': %s", o->path, strerror(e)) : 0;
	reset(o);
	return rc;
}

/* the directory part of p ("." when none) and its last component */
static void split(const char *p, char *dir, size_t dlen, const char **base)
{
	const char *slash = strrchr(p, '/');
	if (!slash) {
		snprintf(dir, dlen, ".");
		*base = p;
	} else {
		snprintf(dir, dlen, "%.*s", slash == p ? 1 : (int)(slash - p), p);
		*base = slash + 1;
	}
}

bool tb_outfile_same(const char *a, const char *b)
{
	struct stat sa, sb;
	bool ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
	if (ea && eb)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (ea != eb)
		return false;
	char da[PATH_MAX], db[PATH_MAX];
	const char *ba, *bb;
	split(a, da, sizeof(da), &ba);
	split(b, db, sizeof(db), &bb);
	return !strcmp(ba, bb) && stat(da, &sa) == 0 && stat(db, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void tb_outfile_abort(struct tb_outfile *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	if (o->tmp) {
		unlink(o->tmp);
		untrack(o->tmp);
	}
	reset(o);
}
