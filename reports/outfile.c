/*
 * outfile.c - atomic output files (temporary name + rename).
 */
#define _GNU_SOURCE
#include "outfile.h"

#include "../kernels/common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tb_outfile_open(struct tb_outfile *o, const char *path, char *err, size_t errlen)
{
	memset(o, 0, sizeof(*o));
	if (!path || !*path)
		return tb_err(err, errlen, "empty output path");
	if (!strcmp(path, "-")) {
		o->f = stdout;
		o->path = strdup("-");
		return o->path ? 0 : tb_err(err, errlen, "out of memory");
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return tb_err(err, errlen, "cannot write '%s': it is a directory", path);
	o->path = strdup(path);
	if (asprintf(&o->tmp, "%s.tmp.XXXXXX", path) < 0 || !o->path) {
		free(o->path);
		o->path = NULL;
		o->tmp = NULL;
		return tb_err(err, errlen, "out of memory");
	}
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		int e = errno;
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof(*o));
		return tb_err(err, errlen, "cannot write '%s': %s", path, strerror(e));
	}
	fchmod(fd, 0644);
	o->f = fdopen(fd, "w");
	if (!o->f) {
		close(fd);
		unlink(o->tmp);
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof(*o));
		return tb_err(err, errlen, "cannot write '%s'", path);
	}
	return 0;
}

int tb_outfile_commit(struct tb_outfile *o, char *err, size_t errlen)
{
	int rc = 0;
	if (!o->f)
		return tb_err(err, errlen, "output file was not opened");
	if (!o->tmp) { /* stdout */
		if (fflush(o->f) != 0 || ferror(o->f))
			rc = tb_err(err, errlen, "error writing to standard output: %s",
				    strerror(errno));
		free(o->path);
		memset(o, 0, sizeof(*o));
		return rc;
	}
	int e = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		e = errno ? errno : EIO;
	if (!e && fsync(fileno(o->f)) != 0 && errno != EINVAL)
		e = errno;
	if (fclose(o->f) != 0 && !e)
		e = errno ? errno : EIO;
	o->f = NULL;
	if (!e && rename(o->tmp, o->path) != 0)
		e = errno;
	if (e) {
		unlink(o->tmp);
		rc = tb_err(err, errlen, "cannot write '%s': %s", o->path, strerror(e));
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return rc;
}

void tb_outfile_abort(struct tb_outfile *o)
{
	if (o->f && o->tmp)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}
