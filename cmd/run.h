/*
 * run.h - `tbench run`: its parsed options, the plan (the list of cases)
 * and the executor.  run.c parses; run_plan.c plans; run_exec.c runs the
 * plan in this process, run_rounds.c in N fresh ones; run_session.h opens
 * and writes what both share (outputs, baselines, history).
 */
#ifndef TB_CMD_RUN_H
#define TB_CMD_RUN_H

#include "../kernels/kernel.h"
#include "../probes/runner.h"
#include "../reports/outfile.h"
#include "gate.h"
#include "parse.h"
#include "plan.h"
#include "run_select.h"

#include <stdbool.h>

#define TB_MAX_LIST 64
#define TB_MAX_ROUNDS 1000

struct tb_run_opts {
	const char *families[TB_MAX_LIST];
	int nfamilies;
	char *variants[TB_MAX_LIST];
	int nvariants;
	unsigned modes;            /* TB_MODE_* bits wanted */
	struct tb_size sizes[TB_MAX_LIST];
	int nsizes;
	unsigned threads[TB_MAX_LIST];
	int nthreads;
	bool threads_given;
	struct tb_runner_opts runner;
	uint64_t seed;
	float alpha;
	bool pin;
	int pin_cpu;               /* --pin=CPU: first CPU of the plan (default 0) */
	const char *events;        /* --events LIST or "default"; NULL = no counters */
	const char *blas_core;     /* --blas-core NAME (canonical spelling) or NULL */
	char blas_core_buf[32];    /* ... kept here */
	bool quiet, verbose;
	bool samples_given;        /* --samples was given */
	bool profile;              /* fixed calls per sample (runner.fixed_iters) */
	bool metric_insns;         /* --metric instructions */
	bool dry_run;              /* print the plan, run nothing */
	const char *name;
	const char *csv_path, *samples_csv_path;
	const char *html_path, *json_path, *markdown_path; /* reports (issue 7) */
	bool json_samples;
	char *argv_joined; /* the command line, recorded with the results */
	struct tb_gate_opts gate;  /* --baseline comparison and bootstrap settings */
	const char *baseline;      /* --baseline NAME: compare with it */
	const char *save_baseline; /* --save-baseline NAME */
	bool append;               /* --append: add samples to that baseline's */
	double work_factor;        /* test aid (gate self-test): each case does cols x this work */
	char folded[256];          /* sizes or thread counts given twice, said once */
	const char *turns;         /* --turns IN,OUT,PLACE (probes/turns.h) */
	bool history;              /* --history: record the results (run_history.c) */
	const char *history_db;    /* --history-db WHERE */
	unsigned rounds;           /* --rounds N: N fresh processes (1: this one measures) */
	/* a round's process (--round-of R,N,DIR, run_rounds.c): round `round`
	 * (0-based) of `of` (0: not a round), writing into round_files */
	unsigned round, of;
	const char *round_spec;    /* the --round-of argument */
	const char *options_csv_path;
	char round_files[3][4096]; /* summary, samples, options */
	struct tb_filters filters; /* --filter, --filter-regex (run_select.c) */
	bool list_cases;           /* `tbench list --cases`: print the case ids, run nothing */
};

#define TB_PROFILE_ITERS 100 /* --profile: calls per sample */
#define TB_INSNS_ITERS 10    /* --metric instructions: calls per sample */
#define TB_INSNS_SAMPLES 3   /* ... and samples, unless given */

/* run_plan.c: a size (N, RxC) or a tier (L1, L2, L3, DRAM; resolved per
 * case by the plan) */
int tb_run_parse_size(const char *s, struct tb_size *out, char *err, size_t len);
/* --size and --threads lists into o (a value given twice is kept once and
 * said in o->folded); 0, or -1 with err */
int tb_run_parse_sizes(struct tb_run_opts *o, char *arg, char *err, size_t len);
int tb_run_parse_threads(struct tb_run_opts *o, char *arg, char *err, size_t len);
/* the plan of o, checked (variants exist, sizes fit in memory, every
 * --threshold rule names a case); 0, or -1 with err */
int tb_run_build_plan(const struct tb_run_opts *o, struct tb_plan *p, char *err, size_t len);
/* --dry-run: the plan's notes on stderr, its cases on stdout, one a line */
void tb_run_print_plan(const struct tb_plan *p);

int tb_run_execute(struct tb_run_opts *o, struct tb_plan *plan);
struct tb_result;
/* the key (family, variant, mode, size, threads) of a planned case */
void tb_run_set_key(struct tb_result *r, const struct tb_plan_case *pc,
		    const struct tb_run_opts *o);
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

/* run_rounds.c: --rounds N.  The parent re-runs the same command N times,
 * each a fresh process measuring every case (round r starting at case
 * r n / N), pools the samples as --append does and finishes as one run. */
int tb_run_rounds(struct tb_run_opts *o, struct tb_plan *plan, int argc, char **argv);
/* the directory of the rounds' files while they run ("" otherwise), for
 * the signal handler (run_session.c) */
extern char tb_run_rounds_dir[4096];
/* --round-of R,N,DIR: this process is round R of N: quiet, its results in DIR,
 * no baselines; 0, or -1 with err filled */
int tb_run_round_child(struct tb_run_opts *o, const char *spec, char *err, size_t len);
/* the plan rotated for round r of n (round r starts at case r * cases / n) */
void tb_run_rotate(struct tb_plan *p, unsigned r, unsigned n);

/* run_insns.c: --metric instructions.  The parent re-runs the same command
 * under callgrind and returns the child's exit status. */
int tb_run_insns_parent(const struct tb_run_opts *o, char **argv);
char **tb_argv_dup(int argc, char **argv); /* NULL-terminated deep copy */
void tb_argv_free(char **argv);

#endif
