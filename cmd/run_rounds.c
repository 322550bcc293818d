/*
 * run_rounds.c - `tbench run --rounds N`: the engine runs the rounds, each
 * a fresh process (engine/rounds.h); this file parses a round's
 * --round-of, prints the header and the progress, and finishes as one run:
 * table with the spread between processes beside the spread within one,
 * outputs, --baseline, --save-baseline (run_session.c).
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "run.h"
#include "run_session.h"
#include "run_blas.h"
#include "run_record.h"

#include "version.h" /* generated: build/base/version.h */

#include "../engine/rounds.h"
#include "../probes/subprocess.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int tb_run_round_child(struct tb_run_opts *o, const char *spec, char *err, size_t len)
{
	unsigned r, n;
	int at = 0;
	if (sscanf(spec, "%u,%u,%n", &r, &n, &at) != 2 || !at || !spec[at] || n < 1 ||
	    n > TB_MAX_ROUNDS || r >= n)
		return snprintf(err, len, "invalid --round-of '%s': expected ROUND,ROUNDS,DIR (internal to --rounds)",
				spec), -1;
	const char *dir = spec + at;
	static const char *const kinds[] = {"", ".samples", ".options"};
	for (int i = 0; i < 3; i++)
		if ((size_t)snprintf(o->out.round_files[i], sizeof(o->out.round_files[i]), "%s/r%u%s.csv", dir, r,
				     kinds[i]) >= sizeof(o->out.round_files[i]))
			return snprintf(err, len, "invalid --round-of: directory '%s' is too long", dir), -1;
	o->round = r;
	o->of = n;
	/* the parent prints, compares, saves: this process only measures */
	o->rounds = 1;
	o->quiet = true;
	memset(o->out.path, 0, sizeof(o->out.path));
	o->out.path[TB_OUT_CSV] = o->out.round_files[0];
	o->out.path[TB_OUT_SAMPLES_CSV] = o->out.round_files[1];
	o->out.options_csv_path = o->out.round_files[2];
	o->out.json_samples = false;
	o->gate.baseline = o->gate.save_baseline = NULL;
	o->gate.append = false;
	o->gate.history = false;
	return 0;
}

static void header(const struct tb_run_opts *o, const struct tb_plan *plan)
{
	if (o->quiet)
		return;
	printf("tbench %s: %zu case%s x %u rounds, each round a fresh process measuring every case "
	       "(round r starts at case r x %zu / %u)\n", TB_VERSION, plan->n,
	       plan->n == 1 ? "" : "s", o->rounds, plan->n, o->rounds);
	tb_run_print_notes(plan, stdout);
	fflush(stdout);
}

static void on_round(void *ctx, unsigned r, unsigned n, bool done)
{
	const struct tb_run_opts *o = ctx;
	if (o->quiet || !isatty(STDERR_FILENO))
		return;
	if (done)
		fputs("\r\033[K", stderr);
	else
		fprintf(stderr, "\r\033[Kround %u/%u ...", r + 1, n);
	fflush(stderr);
}

static void on_line(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "%s\n", line);
}

static void on_warning(void *ctx, const char *msg)
{
	(void)ctx;
	tb_print_error("%s", msg);
}

int tb_run_rounds(struct tb_run_opts *o, struct tb_plan *plan, int argc, char **argv)
{
	struct tb_run_session ss;
	struct tb_resultset rs = {0};
	char err[1024];
	unsigned done;
	int rc = tb_run_session_open(&ss, o);
	if (rc)
		return rc;
	header(o, plan);
	tb_run_blas_note(o, plan);
	const struct tb_rounds rd = {.o = &o->ses, .n = o->rounds, .argc = argc, .argv = argv};
	const struct tb_rounds_cb cb = {.ctx = o, .round = on_round, .line = on_line,
					.warning = on_warning};
	int mr = tb_rounds_measure(&rd, &cb, &rs, &done, err, sizeof(err));
	if (mr == TB_ROUNDS_KILLED) { /* a second signal: leave now, nothing behind */
		tb_run_session_abort(&ss);
		signal((int)tb_spawn_killed, SIG_DFL);
		raise((int)tb_spawn_killed);
	}
	if (mr == TB_SESSION_USAGE) {
		tb_run_session_abort(&ss);
		tb_resultset_free(&rs);
		return tb_usage_error("%s", err);
	}
	if (mr == TB_SESSION_ERROR)
		tb_print_error("%s", err);
	const char *noise = tb_kv_get(&rs.fingerprint, "noise");
	if (!o->quiet && noise && strcmp(noise, "none seen"))
		tb_print_error("warning: timings may be noisy: %s", noise);
	if (!o->quiet && done < o->rounds)
		tb_print_error("note: %u of %u rounds measured", done, o->rounds);
	return tb_run_session_finish(&ss, o, &rs, mr == TB_SESSION_OK ? TB_EXIT_OK : TB_EXIT_FAIL);
}
