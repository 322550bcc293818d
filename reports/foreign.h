/*
 * foreign.h - results of other harnesses read into a tbench result set, so
 * the same gate (compare, report, --baseline) applies to them: Google
 * Benchmark JSON, hyperfine --export-json and criterion.rs' saved
 * target/criterion directories.  Formats are told apart by content, never
 * by file name.  A foreign case is keyed by the tool's own benchmark name:
 * family = the tool ("gbench", "hyperfine", "criterion"), variant = the
 * name, mode "-", n = 1.  Not a writer: tbench writes its own formats.
 */
#ifndef TB_FOREIGN_H
#define TB_FOREIGN_H

#include "results.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define TB_FAMILY_GBENCH "gbench"
#define TB_FAMILY_HYPERFINE "hyperfine"
#define TB_FAMILY_CRITERION "criterion"

/* which of Google Benchmark's two times become the samples */
enum tb_gbench_time { TB_GBENCH_REAL, TB_GBENCH_CPU };

struct tb_read_opts {
	enum tb_gbench_time gbench_time; /* default real_time */
};

/* "real" or "cpu" (also "real_time", "cpu_time"): 0, or -1 with err */
int tb_read_opts_gbench_time(struct tb_read_opts *o, const char *arg, char *err,
			     size_t errlen);

/*
 * Read PATH if it is another harness's result: a Google Benchmark or
 * hyperfine JSON file, a criterion sample.json / estimates.json /
 * benchmark.json (its directory is read), a criterion directory (one
 * benchmark's base/ or new/, or any tree above them: every benchmark's
 * new/ is read), or DIR@NAME (every benchmark's NAME/ under DIR, e.g.
 * target/criterion@base).  o may be NULL (defaults).
 * Returns 0 when read into rs (appended), 1 when PATH is none of these
 * (rs untouched: a tbench file, or no such path), -1 with a one-line err
 * naming the file and the field when it is one of them but malformed.
 */
int tb_foreign_read(const char *path, const struct tb_read_opts *o, struct tb_resultset *rs,
		    char *err, size_t errlen);

/* true when PATH is a criterion directory tree holding both base/ and new/
 * of at least one benchmark (what `tbench compare DIR` compares) */
bool tb_foreign_criterion_pair(const char *path);

/* --- for the readers (read_*.c) --- */

/* A new case family/name in rs (mode "-", n 1, status ok); NULL with err
 * when the name is empty, too long, or already a case of the same family
 * in rs.  where names the field for the message ("benchmarks[3].name"). */
struct tb_result *tb_foreign_case(struct tb_resultset *rs, const char *path, const char *where,
				  const char *family, const char *name, char *err,
				  size_t errlen);

/* A JSON number as a finite double >= 0 (and > 0 when positive): 0, or -1
 * with err "PATH: WHERE.KEY is missing / not a number ..." */
int tb_foreign_num(json_t *o, const char *key, bool positive, const char *path,
		   const char *where, double *out, char *err, size_t errlen);

/* metric NAME of r from n per-sample values: their mean and median (n 0:
 * unknown).  0, or -1 with err (out of memory, or a name too long) */
int tb_foreign_metric(struct tb_result *r, const char *name, const double *v, size_t n,
		      const char *path, char *err, size_t errlen);

/* dir/name into out; false (out empty) when it does not fit */
bool tb_path_join(char *out, size_t len, const char *dir, const char *name);
/* dir/name is a regular file */
bool tb_path_has_file(const char *dir, const char *name);

/* a and b agree to 1e-6 relative (a figure the tool wrote against the one
 * tbench recomputes from the tool's own samples) */
bool tb_foreign_agrees(double a, double b);

int tb_read_gbench(const char *path, json_t *doc, const struct tb_read_opts *o,
		   struct tb_resultset *rs, char *err, size_t errlen);
int tb_read_hyperfine(const char *path, json_t *doc, struct tb_resultset *rs, char *err,
		      size_t errlen);
/* dir: one benchmark's side directory (holding sample.json), or a tree
 * whose benchmarks' SIDE/ directories are read (side NULL: "new") */
int tb_read_criterion(const char *dir, const char *side, struct tb_resultset *rs, char *err,
		      size_t errlen);

/* what a JSON document is, by content */
enum tb_json_kind {
	TB_JSON_UNKNOWN, TB_JSON_TBENCH, TB_JSON_GBENCH, TB_JSON_HYPERFINE,
	TB_JSON_CRITERION_SAMPLE, TB_JSON_CRITERION_ESTIMATES, TB_JSON_CRITERION_BENCHMARK,
};
enum tb_json_kind tb_foreign_kind(json_t *doc);

#endif
