/*
 * baseline.h - saved result sets.  A baseline NAME is a directory
 * DIR/NAME/ holding summary.csv, samples.csv, fingerprint.csv (and
 * options.csv), where DIR is --baseline-dir, else $TBENCH_BASELINE_DIR,
 * else ./.tbench/baselines.  Saving is atomic: the files are written into a
 * hidden temporary directory beside it, synced, and swapped in with one
 * rename (renameat2 RENAME_EXCHANGE over an existing baseline), so readers
 * and concurrent savers only ever see a complete baseline.
 */
#ifndef TB_BASELINE_H
#define TB_BASELINE_H

#include "results.h"

#include <stddef.h>

#define TB_BASELINE_ENV "TBENCH_BASELINE_DIR"
#define TB_BASELINE_DEFAULT_DIR ".tbench/baselines"

/* opt (may be NULL) > $TBENCH_BASELINE_DIR > the default */
const char *tb_baseline_dir(const char *opt);
/* names: 1-100 of [A-Za-z0-9._-], not starting with '.' */
int tb_baseline_name_check(const char *name, char *err, size_t errlen);

/* A save in progress: begin (creates the temporary directory, so a bad
 * directory fails before anything runs), then commit or abort. */
struct tb_baseline_tx {
	char *final; /* DIR/NAME */
	char *tmp;   /* DIR/.NAME.tmp.XXXXXX */
};
int tb_baseline_begin(struct tb_baseline_tx *tx, const char *dir, const char *name, char *err,
		      size_t errlen);
int tb_baseline_commit(struct tb_baseline_tx *tx, const struct tb_resultset *rs, char *err,
		       size_t errlen);
void tb_baseline_abort(struct tb_baseline_tx *tx);

/* Load baseline NAME from dir into rs (which should be empty: it is
 * replaced).  -1 with err naming the file and line when it is damaged; -2
 * when it does not exist (err lists the baselines there).  A save that
 * swaps the directory during the read makes it read again. */
int tb_baseline_load(const char *dir, const char *name, struct tb_resultset *rs, char *err,
		     size_t errlen);
/* "a, b, c" (sorted) or "none"; into buf */
void tb_baseline_list(const char *dir, char *buf, size_t len);

/* Add src's results to dst: a case dst already has gets src's raw samples
 * appended (statistics re-derived, the latest status and counters kept); a
 * new case is appended.  For interleaved rounds (run --append).  0 or -1. */
int tb_resultset_append_samples(struct tb_resultset *dst, const struct tb_resultset *src, char *err,
		       size_t errlen);

#endif
