/*
 * run_outputs.c - open, write and commit the output files of `tbench run`.
 */
#include "run_outputs.h"

#include "cmds.h"
#include "run.h"

#include <string.h>

/* Open every requested output before anything runs; on a bad path, say so
 * in one line and leave nothing behind. */
int tb_run_open_outs(struct out *outs, size_t n)
{
	char err[512];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (outs[i].path && outs[j].path && strcmp(outs[i].path, "-") &&
			    !strcmp(outs[i].path, outs[j].path))
				return tb_usage_error("'%s' is given for two outputs", outs[i].path);
	for (size_t i = 0; i < n; i++) {
		if (!outs[i].path)
			continue;
		if (tb_outfile_open(&outs[i].f, outs[i].path, err, sizeof(err))) {
			for (size_t j = 0; j < i; j++)
				tb_outfile_abort(&outs[j].f);
			return tb_usage_error("%s", err);
		}
	}
	return 0;
}

/* Write and commit every open output; -1 when any failed (each is reported). */
int tb_run_write_outs(struct out *outs, size_t n, const struct tb_report *rep)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char err[512] = "";
		struct tb_outfile *f = &outs[i].f;
		if (!f->f)
			continue;
		if (outs[i].w->write(f->f, rep, err, sizeof(err))) {
			tb_outfile_abort(f);
			tb_print_error("%s", err);
			rc = -1;
		} else if (tb_outfile_commit(f, err, sizeof(err))) {
			tb_print_error("%s", err);
			rc = -1;
		}
	}
	return rc;
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
	tb_run_fingerprint_path(o->csv_path, fpath, sizeof(fpath));
	struct out outs[] = RUN_OUTS(o, fpath);
	const size_t nouts = sizeof(outs) / sizeof(outs[0]);
	if (tb_run_open_outs(outs, nouts))
		return TB_EXIT_USAGE;
	for (size_t i = 0; i < nouts; i++)
		tb_outfile_abort(&outs[i].f);
	return 0;
}

