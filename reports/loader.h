/*
 * loader.h - the inside of the result loader (reports/load.c), for the
 * readers of each format: a reader detects its format by content, fills a
 * tb_load (one tb_load_add per case, naming where the case is: "file:line"
 * or "file: cases[3]"), and tb_load_check then applies the same checks to
 * every format: complete keys, numbers finite and in range, a known status,
 * raw samples consistent with the summary (count, median), no duplicate
 * case.  Adding a format: one reader (detect + read) and one line in the
 * table in load.c; see docs/formats.md.
 */
#ifndef TB_LOADER_H
#define TB_LOADER_H

#include "read_opts.h"
#include "results.h"

#include <stdbool.h>
#include <stddef.h>

/* The figures tb_load_check checks, so a reader can name them as its
 * format does (a CSV column, a JSON path). */
enum tb_lfield {
	TB_LF_N, TB_LF_ROWS, TB_LF_COLS, TB_LF_THREADS, TB_LF_STATUS, TB_LF_METRIC,
	TB_LF_SAMPLES, TB_LF_ITERS, TB_LF_RUNS,
	TB_LF_MIN, TB_LF_MEDIAN, TB_LF_MEAN, TB_LF_SD, TB_LF_MAD, TB_LF_CV,
	TB_LF_P5, TB_LF_P25, TB_LF_P75, TB_LF_P95, TB_LF_CILO, TB_LF_CIHI,
	TB_LF_OMILD, TB_LF_OSEV, TB_LF_BYTES, TB_LF_FLOPS, TB_LF_ITEMS,
	TB_LF_IPS, TB_LF_GBPS, TB_LF_LIMIT, TB_LF_IPC, TB_LF_COUNTERS, TB_LF_RAW,
	TB_LF_BETWEEN, TB_LF_WITHIN, TB_LF_DISTURBED, TB_LF_BIMODAL, TB_LF_RUN_SAMPLES,
	TB_LF_IMBALANCE, TB_LF_COUNT
};

/* Per-call figures (ns or instructions) and work per call above this are
 * refused: no benchmark call lasts 11 days, and a ratio of two such
 * numbers would be meaningless. */
#define TB_LOAD_MAX_PER_CALL 1e15
#define TB_LOAD_MAX_FIGURE 1e24 /* rates, work per call, counters */
#define TB_LOAD_MAX_CASES 10000 /* cases of one file */
#define TB_LOAD_UNKNOWN ((size_t)-1)

/* What a file declared about one case, beside what was read into it. */
struct tb_load_case {
	char *where;             /* "file:line" or "file: cases[3]" */
	size_t declared_samples; /* the summary's sample count; TB_LOAD_UNKNOWN */
	double declared_median;  /* the summary's median; NaN when absent */
	double declared_mean;    /* the summary's mean, where the format's own tool
				  * computed it (foreign files); NaN when unchecked */
	size_t run_counts;       /* how many counts run_samples listed (in r->run_n,
				  * not yet checked against runs); 0: none */
	char status[24];         /* the status as the file spells it (tb_load_check
				  * names the enum from it); "": the reader set it */
};

struct tb_load {
	struct tb_resultset *rs;
	size_t first;              /* rs->r[first + i] is case c[i] */
	struct tb_load_case *c;
	size_t nc, cap;
	const char *sep;           /* between where and a field: ": column " or "." */
	const char *const *fields; /* TB_LF_COUNT names as the format spells them */
	char samples_from[4096];   /* the file raw samples came from; "" = the file itself */
	bool need_samples;         /* a case declaring samples must have them (result
				    * directories and baselines) */
	const struct tb_read_opts *ro; /* the reader options (load.h); never NULL */
};

/* A format: detect looks at the first bytes of a file (UTF-8 BOM and white
 * space removed); detect_path (NULL for formats that are single files)
 * claims a path that is not a regular file: a directory, or a name such as
 * criterion's DIR@SIDE; read appends the cases through tb_load_add and
 * names the companion files it used in comp (may be NULL). */
struct tb_reader {
	const char *name;
	const char *sep;           /* how the format locates a field (tb_load.sep) */
	const char *const *fields; /* and names it (tb_load.fields) */
	bool (*detect)(const char *head, size_t len);
	bool (*detect_path)(const char *path);
	int (*read)(struct tb_load *ld, const char *path, char *comp, size_t clen, char *err,
		    size_t errlen);
};

extern const struct tb_reader tb_reader_tbench_json; /* json_read.c */
extern const struct tb_reader tb_reader_tbench_csv;  /* load_csv.c */
extern const struct tb_reader tb_reader_gbench;      /* read_gbench.c */
extern const struct tb_reader tb_reader_hyperfine;   /* read_hyperfine.c */
extern const struct tb_reader tb_reader_criterion;   /* read_criterion.c */

void tb_load_init(struct tb_load *ld, struct tb_resultset *rs, const char *sep,
		  const char *const *fields);
/* A new case in ld->rs, located by the printf-style where; NULL on out of
 * memory.  declared_samples starts unknown, declared_median NaN. */
struct tb_result *tb_load_add(struct tb_load *ld, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* the tb_load_case of the last tb_load_add */
struct tb_load_case *tb_load_last(struct tb_load *ld);
/* r's raw samples (copied); the statistics are derived by tb_load_check.
 * 0, or -1 on out of memory. */
int tb_load_samples(struct tb_result *r, const double *v, size_t n);
/* a figure a file declares agrees with the one recomputed from its samples
 * (within the rounding of a written number) */
bool tb_load_agrees(double declared, double derived);
/* r's run_samples as read (n counts, copied into r->run_n; tb_load_check
 * checks them against runs and the samples); 0, or -1 out of memory */
int tb_load_run_counts(struct tb_load *ld, struct tb_result *r, const size_t *v, size_t n);
/* The checks, then the statistics re-derived from the raw samples.  0, or
 * -1 with err naming the file and line (or JSON path) of the first fault. */
int tb_load_check(struct tb_load *ld, char *err, size_t errlen);
void tb_load_free(struct tb_load *ld);

/* The first bytes of a file, without a UTF-8 BOM and leading white space;
 * returns how many (0 when empty or unreadable). */
size_t tb_load_head(const char *path, char *buf, size_t len);

#endif
