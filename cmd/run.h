/*
 * run.h - `tbench run`: its parsed options, the plan (the list of cases)
 * and the executor.  run.c parses and plans; run_exec.c runs the plan and
 * writes the outputs.
 */
#ifndef TB_CMD_RUN_H
#define TB_CMD_RUN_H

#include "../kernels/kernel.h"
#include "../probes/runner.h"
#include "../reports/outfile.h"
#include "gate.h"
#include "parse.h"
#include "run_select.h"

#include <stdbool.h>

#define TB_MAX_LIST 64

struct tb_plan_case {
	const struct tb_kernel *k;
	enum tb_mode mode;
	struct tb_size size;
	unsigned threads;
};

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
	struct tb_filters filters; /* --filter, --filter-regex (run_select.c) */
	bool list_cases;           /* `tbench list --cases`: print the case ids, run nothing */
};

struct tb_plan {
	struct tb_plan_case *c;
	size_t n, cap;
};

#define TB_PROFILE_ITERS 100 /* --profile: calls per sample */
#define TB_INSNS_ITERS 10    /* --metric instructions: calls per sample */
#define TB_INSNS_SAMPLES 3   /* ... and samples, unless given */

/* run_plan.c: the cases of the selection; 0, or -1 with err */
int tb_run_build_plan(const struct tb_run_opts *o, struct tb_plan *p, char *err, size_t len);
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

/* run_insns.c: --metric instructions.  The parent re-runs the same command
 * under callgrind and returns the child's exit status. */
int tb_run_insns_parent(const struct tb_run_opts *o, char **argv);
char **tb_argv_dup(int argc, char **argv); /* NULL-terminated deep copy */
void tb_argv_free(char **argv);

#endif
