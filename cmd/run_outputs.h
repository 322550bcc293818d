/*
 * run_outputs.h - the output files of `tbench run`: each requested path
 * with its writer, all opened (atomically, via reports/outfile.h) before
 * the first case runs and committed after the last.
 */
#ifndef TB_CMD_RUN_OUTPUTS_H
#define TB_CMD_RUN_OUTPUTS_H

#include "../reports/outfile.h"
#include "../reports/writer.h"

#include <stddef.h>

/* An output file and the writer that fills it. */
struct out {
	const char *path; /* NULL: not requested */
	const struct tb_writer *w;
	struct tb_outfile f;
};

#define RUN_OUTS(o, fpath)                                         \
	{                                                          \
		{(o)->csv_path, &tb_writer_csv, {0}},              \
		{(o)->samples_csv_path, &tb_writer_samples_csv, {0}}, \
		{(o)->html_path, &tb_writer_html, {0}},            \
		{(o)->json_path, &tb_writer_json, {0}},            \
		{(o)->markdown_path, &tb_writer_markdown, {0}},    \
		{(fpath)[0] ? (fpath) : NULL, &tb_writer_fingerprint_csv, {0}}, \
		{(o)->options_csv_path, &tb_writer_options_csv, {0}},    \
	}

/* 0, or TB_EXIT_USAGE after one line on stderr (nothing left behind) */
int tb_run_open_outs(struct out *outs, size_t n);
/* -1 when any output failed (each is reported) */
int tb_run_write_outs(struct out *outs, size_t n, const struct tb_report *rep);
/* out.csv -> out.fingerprint.csv; "" for stdout or no CSV */
void tb_run_fingerprint_path(const char *csv, char *buf, size_t len);

#endif
