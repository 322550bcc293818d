/*
 * history.h (cmd) - what the `tbench history` commands (history.c,
 * history_check.c) and `tbench run --history` share: the selection
 * options, loading the selected series, and filling a run's commit, branch
 * and time from the options, git in the current directory, or the results.
 */
#ifndef TB_CMD_HISTORY_H
#define TB_CMD_HISTORY_H

#include "../reports/history.h"

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
	TB_HOPT_FILTER = 2000, TB_HOPT_MACHINE, TB_HOPT_BRANCH, TB_HOPT_LAST, TB_HOPT_DB,
	TB_HOPT_END,
};

#define TB_HISTORY_SELECT_OPTIONS                                      \
	{"filter", required_argument, NULL, TB_HOPT_FILTER},           \
	{"machine", required_argument, NULL, TB_HOPT_MACHINE},         \
	{"branch", required_argument, NULL, TB_HOPT_BRANCH},           \
	{"last", required_argument, NULL, TB_HOPT_LAST},               \
	{"history-db", required_argument, NULL, TB_HOPT_DB}

struct tb_history_select {
	struct tb_history_filter f;
	const char *db; /* --history-db; NULL: the default */
};

/* one selection option (c in TB_HOPT_*); 0, or -1 with err */
int tb_history_parse_select(int c, const char *arg, struct tb_history_select *s, char *err,
			    size_t len);
/* open the history read-only and read the selected series; 0, or the exit
 * status after a one-line message (nothing recorded, nothing selected) */
int tb_history_load(const struct tb_history_select *s, struct tb_history_series **out,
		    size_t *n, const char **where);
/* the exit status for a history error code, after printing err: a store
 * that could not be written (I/O, connection, full disk) while recording is
 * TB_EXIT_WRITE; a refused or missing store, or any error while reading, is
 * TB_EXIT_USAGE */
int tb_history_fail(int rc, bool writing, const char *err);
/* "key  time per call, N runs" */
void tb_history_series_title(FILE *f, const struct tb_history_series *s);

/* the check and report subcommands (history_check.c) */
int tb_history_check(int argc, char **argv);
int tb_history_report(int argc, char **argv);

/* commit: the option, else `git rev-parse HEAD`, else the results'
 * tbench.git; branch: the option, else git's branch (on a detached HEAD
 * $GITHUB_HEAD_REF, $GITHUB_REF_NAME or $CI_COMMIT_REF_NAME, else
 * "detached"), else "unknown"; time: the option, else the results'
 * run.timestamp, else now.  0, or -1 with err (a bad value, or no commit). */
int tb_history_meta_fill(struct tb_history_meta *m, const struct tb_resultset *rs,
			 const char *commit, const char *branch, const char *time, char *err,
			 size_t errlen);

#endif
