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

#include "../engine/baselines.h"

struct tb_history;
struct tb_run_session {
	char fpath[4096];
	struct out outs[TB_MAX_OUTS];
	size_t nouts;
	struct tb_baselines bl;    /* --baseline, --save-baseline, --append (engine/baselines.h) */
	struct tb_history *hist;   /* --history */
	char berr[1024];
};
/* First SIGINT/SIGTERM/SIGHUP sets tb_stop_requested (stop at the next
 * boundary, write what was measured); a second removes the temporary
 * output files and dies of the signal.  SIGPIPE is ignored.  (Also for
 * `tbench exec`.) */
void tb_run_catch_signals(void);
/* catch the signals, open every output, the baselines and the history: 0,
 * or the exit status after one line on stderr (nothing left behind) */
int tb_run_session_open(struct tb_run_session *s, const struct tb_run_opts *o);
void tb_run_session_abort(struct tb_run_session *s);
/* warnings, table, --baseline comparison, outputs, history,
 * --save-baseline; frees rs and s; returns the exit status (rc, or worse) */
int tb_run_session_finish(struct tb_run_session *s, const struct tb_run_opts *o,
			  struct tb_resultset *rs, int rc);

#endif
