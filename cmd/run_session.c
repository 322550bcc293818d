/*
 * run_session.c - what every `tbench run` does around its measurements,
 * whether it measured them itself or pooled them from rounds: the signals
 * (first: stop at a sample boundary; second: leave at once), the output
 * files, the baselines and the history opened before anything runs, then
 * the table, the comparison with --baseline, the outputs, the history and
 * --save-baseline.
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "run.h"
#include "run_session.h"
#include "run_outputs.h"
#include "run_record.h"

#include "../engine/rounds.h"
#include "../probes/subprocess.h"
#include "../reports/baseline.h"
#include "../reports/compare.h"
#include "../reports/ctr_metrics.h"
#include "../reports/history.h"
#include "../reports/writer.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* First SIGINT/SIGTERM/SIGHUP: stop at the next sample boundary and write
 * what was measured.  Second: remove the temporary output files (existing
 * targets were never touched) and die of the signal at once.  Only
 * async-signal-safe calls here. */
static void on_signal(int sig)
{
	if (tb_stop_requested) {
		if (tb_spawn_pid > 0) { /* a round's process: killed; its parent then cleans up */
			kill((pid_t)tb_spawn_pid, SIGKILL);
			tb_spawn_killed = sig;
			return;
		}
		tb_outfile_unlink_all();
		if (tb_rounds_dir[0]) /* between two rounds it is empty */
			rmdir(tb_rounds_dir);
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	tb_stop_requested = sig;
}

void tb_run_catch_signals(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* a closed stdout (tbench run | head) must not kill the run before its
	 * files are written: writes fail with EPIPE and main reports it */
	signal(SIGPIPE, SIG_IGN);
}

int tb_run_session_open(struct tb_run_session *s, const struct tb_run_opts *o)
{
	memset(s, 0, sizeof(*s));
	s->nouts = tb_outs_list(s->outs, o->out.path, s->fpath, sizeof(s->fpath),
				o->out.options_csv_path);
	tb_run_catch_signals(); /* before the temporary files exist */
	if (tb_outs_open(s->outs, s->nouts))
		return TB_EXIT_USAGE;
	const struct tb_run_gate *g = &o->gate;
	if (tb_baselines_open(&s->bl, g->opts.baseline_dir, g->baseline, g->save_baseline,
			      g->append, s->berr, sizeof(s->berr))) {
		tb_run_session_abort(s);
		return tb_usage_error("%s", s->berr);
	}
	int hrc = tb_run_history_open(o, &s->hist);
	if (hrc)
		tb_run_session_abort(s);
	return hrc;
}

void tb_run_session_abort(struct tb_run_session *s)
{
	tb_outs_abort(s->outs, s->nouts);
	tb_baselines_close(&s->bl);
	tb_history_close(s->hist);
	s->hist = NULL;
}

int tb_run_session_finish(struct tb_run_session *s, const struct tb_run_opts *o,
			  struct tb_resultset *rs, int rc)
{
	char err[512] = "";
	const char *nc = getenv("NO_COLOR");
	struct tb_report rep = {.rs = rs, .verbose = o->verbose, .samples = o->out.json_samples,
				.color = isatty(STDOUT_FILENO) && !(nc && *nc)};
	if (!o->quiet) { /* the table, then the warnings its marks explain */
		char e2[256];
		tb_writer_table.write(stdout, &rep, e2, sizeof(e2));
		tb_write_counter_table(stdout, rs);
		tb_run_warn_disturbed(rs);
	}
	struct tb_comparison cmp = {0};
	if (o->gate.baseline) {
		if (tb_baselines_compare(&s->bl, rs, &o->gate.opts.cmp, &cmp, err, sizeof(err))) {
			tb_print_error("%s", err);
			rc = TB_EXIT_USAGE;
		} else {
			rep.cmp = &cmp;
			if (!o->quiet)
				putchar('\n');
			int grc = tb_gate_report(&cmp, &o->gate.opts, o->quiet, rep.color);
			if (grc > rc)
				rc = grc;
		}
	}
	/* an output that cannot be written: exit 3, unless worse was found */
	int wrc = tb_outs_write(s->outs, s->nouts, &rep);
	int hadd = tb_run_history_add(o, s->hist, rs, tb_stop_requested != 0); /* before --append pools */
	rc = hadd > rc ? hadd : rc;
	if (o->gate.save_baseline && tb_stop_requested) {
		tb_print_error("interrupted: baseline '%s' was not saved", o->gate.save_baseline);
	} else if (o->gate.save_baseline) {
		if (tb_baselines_save(&s->bl, rs, s->berr, sizeof(s->berr))) {
			tb_print_error("%s", s->berr);
			wrc = TB_EXIT_WRITE;
		} else if (!o->quiet) {
			printf("baseline '%s' saved in %s\n", o->gate.save_baseline, s->bl.dir);
		}
	}
	if (wrc && rc == TB_EXIT_OK)
		rc = wrc;
	tb_comparison_free(&cmp);
	tb_resultset_free(rs);
	tb_run_session_abort(s); /* what is left: the baseline transaction, the sets, the history */
	if (tb_stop_requested) {
		tb_print_error("interrupted by %s: the results so far were written, marked partial",
			       tb_stop_requested == SIGINT ? "SIGINT" : tb_stop_requested == SIGTERM ? "SIGTERM" : "a signal");
		return 128 + tb_stop_requested;
	}
	return rc;
}
