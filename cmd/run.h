/*
 * run.h - `tbench run`: its parsed options (selection, session, outputs,
 * gate), split along the engine's structs.  run.c parses; run_plan.c asks
 * the engine for the plan; run_exec.c has the engine measure it in this
 * process, run_rounds.c in N fresh ones; run_session.h opens
 * and writes what both share (outputs, baselines, history).
 */
#ifndef TB_CMD_RUN_H
#define TB_CMD_RUN_H

#include "../engine/plan.h"
#include "../engine/session.h"
#include "../reports/outfile.h"
#include "../reports/writer.h"
#include "gate.h"

#include <stdbool.h>

#define TB_MAX_ROUNDS 1000

/* the output files of a run (run_outputs.h builds the writers' list) */
struct tb_run_outputs {
	const char *path[TB_OUT_COUNT]; /* --csv FILE ... (reports/outputs.def); NULL: not asked */
	const char *options_csv_path; /* a round's options (run_rounds.c) */
	bool json_samples;
	char round_files[3][4096]; /* a round's summary, samples, options */
};

/* what a run is compared with and recorded in */
struct tb_run_gate {
	struct tb_gate_opts opts;  /* --baseline comparison and bootstrap settings */
	const char *baseline;      /* --baseline NAME: compare with it */
	const char *save_baseline; /* --save-baseline NAME */
	bool append;               /* --append: add samples to that baseline's */
	bool history;              /* --history: record the results (run_history.c) */
	const char *history_db;    /* --history-db WHERE */
};

struct tb_run_opts {
	struct tb_selection sel;   /* which cases (engine/plan.h) */
	struct tb_session_opts ses; /* how they are measured (engine/opts.h) */
	struct tb_run_outputs out;
	struct tb_run_gate gate;
	bool quiet, verbose;
	bool samples_given;        /* --samples was given */
	bool profile;              /* fixed calls per sample (ses.runner.fixed_iters) */
	bool dry_run;              /* print the plan, run nothing */
	bool list_cases;           /* `tbench list --cases`: print the case ids, run nothing */
	const char *blas_core;     /* --blas-core NAME (canonical spelling) or NULL */
	char blas_core_buf[32];    /* ... kept here */
	char *argv_joined; /* the command line, recorded with the results */
	unsigned rounds;           /* --rounds N: N fresh processes (1: this one measures) */
	/* a round's process (--round-of R,N,DIR, run_rounds.c): round `round`
	 * (0-based) of `of` (0: not a round), writing into out.round_files */
	unsigned round, of;
	const char *round_spec;    /* the --round-of argument */
};

#define TB_PROFILE_ITERS 100 /* --profile: calls per sample */
#define TB_INSNS_ITERS 10    /* --metric instructions: calls per sample */
#define TB_INSNS_SAMPLES 3   /* ... and samples, unless given */

/* run_plan.c: the plan of o with run's own checks (every --threshold rule
 * names a case); 0, or -1 with err */
int tb_run_build_plan(const struct tb_run_opts *o, struct tb_plan *p, char *err, size_t len);
/* --dry-run: the plan's notes on stderr, its cases on stdout, one a line */
void tb_run_print_plan(const struct tb_plan *p);
/* list --cases: the case ids on stdout, one a line */
void tb_run_print_ids(const struct tb_plan *p);

/* run_exec.c: measure the plan in this process (engine/session.h) and
 * finish (run_session.h); the exit status */
int tb_run_execute(struct tb_run_opts *o, struct tb_plan *plan);
/* `tbench list --cases ...`: run's selection options, the case ids printed */
int tb_run_list_cases(int argc, char **argv);

/* run_history.c: --history.  open: 0 (or nothing asked), else the exit
 * status after one line; add: the exit status of recording rs. */
struct tb_history;
struct tb_resultset;
int tb_run_history_open(const struct tb_run_opts *o, struct tb_history **h);
int tb_run_history_add(const struct tb_run_opts *o, struct tb_history *h,
		       const struct tb_resultset *rs, bool interrupted);
/* Open (and remove again) every requested output: 0, or TB_EXIT_USAGE after
 * a one-line message naming the bad path. */
int tb_run_check_outputs(const struct tb_run_opts *o);

/* run_rounds.c: --rounds N.  The engine re-runs the same command N times,
 * each a fresh process measuring every case (engine/rounds.h); this
 * finishes as one run. */
int tb_run_rounds(struct tb_run_opts *o, struct tb_plan *plan, int argc, char **argv);
/* --round-of R,N,DIR: this process is round R of N: quiet, its results in DIR,
 * no baselines; 0, or -1 with err filled */
int tb_run_round_child(struct tb_run_opts *o, const char *spec, char *err, size_t len);

/* run_insns.c: --metric instructions.  The parent re-runs the same command
 * under callgrind and returns the child's exit status. */
int tb_run_insns_parent(const struct tb_run_opts *o, char **argv);
char **tb_argv_dup(int argc, char **argv); /* NULL-terminated deep copy */
void tb_argv_free(char **argv);

#endif
