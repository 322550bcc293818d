/*
 * run_outputs.c - open, write and commit the output files of a command.
 */
#include "run_outputs.h"

#include "cmds.h"
#include "run.h"

#include <errno.h>
#include <string.h>

size_t tb_outs_list(struct out *outs, const char *const path[TB_OUT_COUNT], char *fpath,
		    size_t fpathlen, const char *options_csv)
{
	size_t n = 0;
	for (size_t i = 0; i < TB_OUT_COUNT; i++)
		outs[n++] = (struct out){path[i], tb_outputs[i].w, {0}};
	tb_run_fingerprint_path(path[TB_OUT_CSV], fpath, fpathlen);
	outs[n++] = (struct out){fpath[0] ? fpath : NULL, &tb_writer_fingerprint_csv, {0}};
	outs[n++] = (struct out){options_csv, &tb_writer_options_csv, {0}};
	return n;
}

int tb_outs_open(struct out *outs, size_t n)
{
	char err[512];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (outs[i].path && outs[j].path && strcmp(outs[i].path, "-") &&
			    strcmp(outs[j].path, "-") && tb_outfile_same(outs[i].path, outs[j].path))
				return strcmp(outs[i].path, outs[j].path)
				       ? tb_usage_error("'%s' and '%s' are one file: given for two outputs",
							outs[j].path, outs[i].path)
				       : tb_usage_error("'%s' is given for two outputs", outs[i].path);
	for (size_t i = 0; i < n; i++) {
		if (!outs[i].path)
			continue;
		if (tb_outfile_open(&outs[i].f, outs[i].path, err, sizeof(err))) {
			tb_outs_abort(outs, i);
			return tb_usage_error("%s", err);
		}
	}
	return 0;
}

int tb_outs_write(struct out *outs, size_t n, const struct tb_report *rep)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char err[512] = "";
		struct tb_outfile *f = &outs[i].f;
		if (!f->f)
			continue;
		errno = 0;
		if (outs[i].w->write(f->f, rep, err, sizeof(err))) {
			/* a failed write says why (a full disk); else the writer does */
			int e = errno;
			if (fflush(f->f) != 0 || ferror(f->f))
				snprintf(err, sizeof(err), "%s", strerror(errno ? errno : e ? e : EIO));
			tb_print_error("cannot write '%s': %s", f->path, err);
			tb_outfile_abort(f);
			rc = TB_EXIT_WRITE;
		} else if (tb_outfile_commit(f, err, sizeof(err))) {
			tb_print_error("%s", err);
			rc = TB_EXIT_WRITE;
		}
	}
	return rc;
}

void tb_outs_abort(struct out *outs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tb_outfile_abort(&outs[i].f);
}

/* out.csv -> out.fingerprint.csv (beside the summary); "" for stdout */
void tb_run_fingerprint_path(const char *csv, char *buf, size_t len)
{
	buf[0] = 0;
	if (!csv || !strcmp(csv, "-"))
		return;
	size_t n = strlen(csv);
	if (n > 4 && !strcmp(csv + n - 4, ".csv"))
		n -= 4;
	snprintf(buf, len, "%.*s.fingerprint.csv", (int)n, csv);
}

int tb_run_check_outputs(const struct tb_run_opts *o)
{
	char fpath[4096];
	struct out outs[TB_MAX_OUTS];
	size_t nouts = tb_outs_list(outs, o->out.path, fpath, sizeof(fpath), o->out.options_csv_path);
	if (tb_outs_open(outs, nouts))
		return TB_EXIT_USAGE;
	tb_outs_abort(outs, nouts);
	return 0;
}
