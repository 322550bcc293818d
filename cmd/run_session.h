/*
 * run_session.h - what every `tbench run` does around its measurements,
 * whoever made them (this process, run_exec.c, or the rounds it ran,
 * run_rounds.c): run_session.c opens the outputs, the baselines and the
 * history before anything runs, and writes and records the results after.
 */
#ifndef TB_CMD_RUN_SESSION_H
#define TB_CMD_RUN_SESSION_H

#include "run.h"
#include "run_outputs.h"

#include "../reports/baseline.h"

struct tb_history;
struct tb_run_session {
	char fpath[4096];
	struct out outs[8];
	size_t nouts;
	const char *bdir;
	struct tb_resultset base;  /* --baseline NAME */
	struct tb_resultset prev;  /* --append: the saved baseline, loaded before the run */
	struct tb_baseline_tx tx;  /* --save-baseline NAME */
	struct tb_history *hist;   /* --history */
	char berr[1024];
};
/* catch the signals, open every output, the baselines and the history: 0,
 * or the exit status after one line on stderr (nothing left behind) */
int tb_run_session_open(struct tb_run_session *s, const struct tb_run_opts *o);
void tb_run_session_abort(struct tb_run_session *s);
/* warnings, table, --baseline comparison, outputs, history,
 * --save-baseline; frees rs and s; returns the exit status (rc, or worse) */
int tb_run_session_finish(struct tb_run_session *s, const struct tb_run_opts *o,
			  struct tb_resultset *rs, int rc);

#endif
