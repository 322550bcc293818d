/*
 * run_outputs.h - the output files of a command (`run`, `compare`,
 * `report`): each requested path with its writer, all opened (atomically,
 * via reports/outfile.h) before anything runs or is read, and committed at
 * the end; a write that fails names the path and means exit status 3.
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

/* every output of the table, the fingerprint CSV and a round's options CSV */
#define TB_MAX_OUTS (TB_OUT_COUNT + 2)

/* The outputs of a result set: path[i] (NULL: not asked) for tb_outputs[i]
 * (reports/outputs.def), then the fingerprint CSV beside a summary CSV at
 * fpath (filled here; "" for none) and options_csv (NULL: none).  Returns
 * how many entries outs got (TB_MAX_OUTS). */
size_t tb_outs_list(struct out *outs, const char *const path[TB_OUT_COUNT], char *fpath,
		    size_t fpathlen, const char *options_csv);

/* Open every requested output; two that name one file (compared by
 * device and inode, not by spelling) are refused.  0, or TB_EXIT_USAGE
 * after one line on stderr (nothing left behind). */
int tb_outs_open(struct out *outs, size_t n);
/* Write and commit every open output: 0, or TB_EXIT_WRITE when any failed
 * (each is reported with its path; the others are still written). */
int tb_outs_write(struct out *outs, size_t n, const struct tb_report *rep);
/* Close and remove what is still open (harmless after tb_outs_write). */
void tb_outs_abort(struct out *outs, size_t n);
/* out.csv -> out.fingerprint.csv; "" for stdout or no CSV */
void tb_run_fingerprint_path(const char *csv, char *buf, size_t len);

#endif
