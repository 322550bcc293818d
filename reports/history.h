/*
 * history.h - the results history: result sets recorded with the commit,
 * branch and time they belong to and the machine they ran on, in SQLite
 * (default .tbench/history.db) or PostgreSQL (a postgresql:// URL), one
 * schema for both (docs/history.md).  Reading gives one series per machine
 * and case, in time order.  Writes are single transactions; a database that
 * is damaged, foreign or newer than this tbench is refused (TB_HISTORY_REFUSED).
 * It stores and reads; judging the series is changepoint.h's job.
 */
#ifndef TB_HISTORY_H
#define TB_HISTORY_H

#include "changepoint.h"
#include "results.h"

#include <stdbool.h>
#include <stddef.h>

#define TB_HISTORY_ENV "TBENCH_HISTORY_DB"
#define TB_HISTORY_DEFAULT ".tbench/history.db"
#define TB_HISTORY_APP "tbench-history" /* what tbench_schema.app says */
#define TB_HISTORY_VERSION 1            /* the newest schema this tbench knows */

enum {
	TB_HISTORY_ERROR = -1,   /* I/O, connection, out of memory: err says */
	TB_HISTORY_REFUSED = -2, /* damaged, foreign or newer database: err says */
	TB_HISTORY_MISSING = -3, /* nothing recorded there yet (read-only open) */
};

struct tb_history;

/* opt (may be NULL) > $TBENCH_HISTORY_DB > the default */
const char *tb_history_where(const char *opt);
/* true for postgresql:// and postgres:// URLs */
bool tb_history_is_pg(const char *where);

/* Open the history at `where` (a path or a postgresql:// URL).  write: create
 * it (and its directory) when absent and migrate an older schema. */
int tb_history_open(struct tb_history **h, const char *where, bool write, char *err,
		    size_t errlen);
void tb_history_close(struct tb_history *h);
/* "sqlite" or "postgresql" */
const char *tb_history_backend(const struct tb_history *h);

/* What a recorded result set belongs to. */
struct tb_history_meta {
	char commit[72];  /* 1-64 of [A-Za-z0-9._/-] */
	char branch[136]; /* 1-128 printable characters */
	char time[24];    /* YYYY-MM-DDTHH:MM:SSZ (UTC) */
};

/* Check the fields above; 0, or -1 with err naming the bad value. */
int tb_history_meta_check(const struct tb_history_meta *m, char *err, size_t errlen);
/* Parse a time (ISO 8601 with Z or an offset, "YYYY-MM-DD HH:MM:SS" as UTC,
 * YYYY-MM-DD, or @UNIXSECONDS) into UTC "YYYY-MM-DDTHH:MM:SSZ". */
int tb_history_parse_time(const char *s, char out[24], char *err, size_t errlen);

/* The machine a fingerprint describes: 16 hex digits (FNV-1a 64 over the
 * machine's keys, tb_fp_key_machine in compare.h), and a short description. */
void tb_history_machine_id(const struct tb_kvlist *fp, char out[17]);

/* Record rs (its measured and failed cases alike) as one run: one
 * transaction.  *run_id receives the new run's id, *ncases how many cases. */
int tb_history_add(struct tb_history *h, const struct tb_resultset *rs,
		   const struct tb_history_meta *m, long long *run_id, size_t *ncases, char *err,
		   size_t errlen);

/* One recorded measurement of a case. */
struct tb_history_point {
	long long run;
	char commit[72], branch[136], time[24];
	double median, ci_low, ci_high; /* per call, in the series' metric */
	size_t samples;
};

/* A case on one machine over time (measured points only, oldest first). */
struct tb_history_series {
	char machine[17];
	char machine_desc[160];
	char key[200];        /* family/variant/mode/size/threads (tb_result_key_str) */
	char metric[16];      /* time (ns per call) or instructions */
	struct tb_result like; /* family, variant, mode, n, rows, cols, threads, unit, work */
	struct tb_history_point *p;
	size_t n, cap;
};

struct tb_history_filter {
	const char *pattern; /* glob on the case key, or on a leading part of it; NULL: all */
	const char *machine; /* machine id or a prefix of it; NULL: all */
	const char *branch;  /* exact branch; NULL: all */
	size_t last;         /* the newest N points per series; 0: all */
};

/* Every series the filter selects, ordered by machine and key.  *out is
 * malloc'd (tb_history_series_free). */
int tb_history_series(struct tb_history *h, const struct tb_history_filter *f,
		      struct tb_history_series **out, size_t *n, char *err, size_t errlen);
void tb_history_series_free(struct tb_history_series *s, size_t n);
/* the filter's pattern against a case key */
bool tb_history_key_match(const char *pattern, const char *key);

/* ---- judging a series (history_judge.c) ---- */

struct tb_history_change {
	size_t at;         /* index in the series of the first point after the change */
	double p;          /* permutation p-value (confidence 1 - p) */
	double before, after, ratio; /* segment medians either side; ratio = after / before */
	bool slower;       /* the metric went up: more time (or instructions) per call */
	bool beyond;       /* |ratio - 1| > the threshold */
};

struct tb_history_judgement {
	struct tb_history_change *c; /* oldest first (malloc'd) */
	size_t n;
	struct tb_trend trend;       /* log-linear trend over the whole series */
	bool drift;                  /* the trend is significant (p < alpha) and fits the
					medians better than the levels between change points */
	bool fail;                   /* the newest change is a slowdown beyond the threshold */
};

/* Change points of the series' medians and its trend.  0, or -1 (OOM). */
int tb_history_judge(const struct tb_history_series *s, const struct tb_cp_opts *o,
		     double threshold, struct tb_history_judgement *j);
void tb_history_judgement_free(struct tb_history_judgement *j);

#endif
