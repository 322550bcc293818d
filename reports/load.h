/*
 * load.h - load saved results (the one loader: `tbench report`, `compare`,
 * `run --baseline`, `exec --baseline`): a results file of any known format,
 * detected by content (a tbench JSON document, a summary CSV with the files
 * found beside it, another harness's results: Google Benchmark, hyperfine,
 * criterion.rs), or a result directory (a baseline); every one passes the
 * same checks (loader.h) and fails with one line naming the file and line
 * or JSON path.  Also merges several result sets into one.
 */
#ifndef TB_LOAD_H
#define TB_LOAD_H

#include "results.h"

#include "read_opts.h"

#include <stddef.h>

/* Reader options: what a format leaves to the user (read_opts.h). */
/* "real" or "cpu" (also "real_time", "cpu_time") into o: 0, or -1 with err */
int tb_read_opts_gbench_time(struct tb_read_opts *o, const char *arg, char *err,
			     size_t errlen);

/* Loads one result set into rs (best empty; see tb_resultset_merge): a
 * results file of a known format (tbench JSON or summary CSV, Google
 * Benchmark JSON, hyperfine --export-json, a criterion.rs JSON file), a
 * directory a reader claims (a criterion target/criterion tree or one
 * benchmark's side directory), criterion's DIR@SIDE, or else a tbench
 * result directory (tb_results_load_dir).  companions (may be NULL)
 * receives the companion files used, if any.  Raw samples are optional in
 * a file: without them a comparison uses medians.  -1 with err. */
int tb_results_load(const char *path, struct tb_resultset *rs, char *companions, size_t clen,
		    char *err, size_t errlen);
/* the same with reader options (NULL: the defaults) */
int tb_results_load_opts(const char *path, const struct tb_read_opts *ro,
			 struct tb_resultset *rs, char *companions, size_t clen, char *err,
			 size_t errlen);

/* Loads a result directory into rs (replaced): summary.csv and samples.csv
 * (both required: the raw samples are what a comparison tests), and
 * fingerprint.csv and options.csv when present (else summary.<kind>.csv,
 * what `run --csv DIR/summary.csv` writes).  Read through one directory
 * handle, again when a save swaps the directory meanwhile, so the files are
 * always one result set.  -1 with err. */
int tb_results_load_dir(const char *dir, struct tb_resultset *rs, char *err, size_t errlen);

/* Moves every result of src into dst (src is left empty).  A case whose key
 * is already in dst gets its variant suffixed "@label" (label "2" when
 * empty), then "@label.2", "@label.3", ... until it is unique, so both stay
 * visible and the merged set reads back.  Fingerprint and options are taken
 * from src when dst has none. */
int tb_resultset_merge(struct tb_resultset *dst, struct tb_resultset *src, const char *label,
		       char *err, size_t errlen);

#endif
