/*
 * foreign.h - what the readers of other harnesses' results share
 * (read_gbench.c, read_hyperfine.c, read_criterion.c): Google Benchmark
 * JSON, hyperfine --export-json and criterion.rs' target/criterion
 * directories are formats of the one loader (loader.h, load.c), detected
 * by content, never by file name, and checked as tbench's own files are.
 * A foreign case is keyed by the tool's own benchmark name: family = the
 * tool ("gbench", "hyperfine", "criterion"), variant = the name, mode "-",
 * n = 1.  The readers check the syntax of their format (types, units,
 * names); the values (ranges, counts, medians, duplicates) are the
 * loader's checks.  Not a writer: tbench writes its own formats.
 */
#ifndef TB_FOREIGN_H
#define TB_FOREIGN_H

#include "loader.h"
#include "results.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define TB_FAMILY_GBENCH "gbench"
#define TB_FAMILY_HYPERFINE "hyperfine"
#define TB_FAMILY_CRITERION "criterion"

/* The field names of a foreign format for tb_load (loader.h): how the
 * format names the sample count, the median and mean it declares, and the
 * raw samples; the rest are tbench's names (the reader sets them). */
#define TB_FOREIGN_FIELDS(samples, median, mean, raw, bytes, items)                        \
	{                                                                                  \
		[TB_LF_N] = "n", [TB_LF_ROWS] = "rows", [TB_LF_COLS] = "cols",             \
		[TB_LF_THREADS] = "threads", [TB_LF_STATUS] = "status",                    \
		[TB_LF_METRIC] = "metric", [TB_LF_SAMPLES] = samples,                      \
		[TB_LF_ITERS] = "iterations", [TB_LF_RUNS] = "runs",                       \
		[TB_LF_MIN] = raw " min", [TB_LF_MEDIAN] = median, [TB_LF_MEAN] = mean,    \
		[TB_LF_SD] = raw " sd", [TB_LF_MAD] = raw " mad", [TB_LF_CV] = raw " cv",  \
		[TB_LF_P5] = raw " p5", [TB_LF_P25] = raw " p25", [TB_LF_P75] = raw " p75", \
		[TB_LF_P95] = raw " p95", [TB_LF_CILO] = raw " ci_low",                    \
		[TB_LF_CIHI] = raw " ci_high", [TB_LF_OMILD] = "outliers",                 \
		[TB_LF_OSEV] = "outliers", [TB_LF_BYTES] = bytes, [TB_LF_FLOPS] = "flops", \
		[TB_LF_ITEMS] = items, [TB_LF_IPS] = "rate", [TB_LF_GBPS] = "rate",        \
		[TB_LF_LIMIT] = "limit", [TB_LF_IPC] = "per cycle",                        \
		[TB_LF_COUNTERS] = "counters", [TB_LF_RAW] = raw,                          \
		[TB_LF_BETWEEN] = "between_cv", [TB_LF_WITHIN] = "within_cv",             \
		[TB_LF_DISTURBED] = "disturbed", [TB_LF_BIMODAL] = "bimodal",              \
		[TB_LF_RUN_SAMPLES] = "run_samples", [TB_LF_IMBALANCE] = "imbalance",      \
	}

/* r (just added with tb_load_add) becomes the case family/name: mode "-",
 * n 1, status ok, statistics and work per iteration unknown (NaN).  -1
 * with err "PATH: FIELD '...' is longer than ..." when the name does not
 * fit a case name. */
int tb_foreign_key(struct tb_result *r, const char *family, const char *name, const char *path,
		   const char *field, char *err, size_t errlen);

/* o.key as a number (JSON null: NaN, Google Benchmark's bare NaN): 0, or -1
 * with err "PATH: WHERE.KEY is missing / not a number".  Its range is the
 * loader's check. */
int tb_foreign_num(json_t *o, const char *key, const char *path, const char *where,
		   double *out, char *err, size_t errlen);

/* metric NAME of r from n per-sample values: their mean and median (n 0:
 * unknown).  0, or -1 with err (out of memory, or a name too long) */
int tb_foreign_metric(struct tb_result *r, const char *name, const double *v, size_t n,
		      const char *path, char *err, size_t errlen);

/* key is a member of the object a file's first bytes (head, len) open, at
 * its top level (for the readers' detect) */
bool tb_foreign_head_key(const char *head, size_t len, const char *key);

/* dir/name into out; false (out empty) when it does not fit */
bool tb_path_join(char *out, size_t len, const char *dir, const char *name);
/* dir/name is a regular file */
bool tb_path_has_file(const char *dir, const char *name);

/* true when PATH is a criterion directory tree holding both base/ and new/
 * of at least one benchmark (what `tbench compare DIR` compares) */
bool tb_foreign_criterion_pair(const char *path);

#endif
