/*
 * exec.h - measure a whole command as a process: spawn it (posix_spawnp,
 * no shell unless the caller passes one), wait for it with wait4, and
 * record per run the wall time (CLOCK_MONOTONIC_RAW from just before the
 * spawn to just after wait4 returns: process creation, exec, the dynamic
 * loader and teardown are all inside it), the child's user and system CPU
 * time, its peak RSS (unknown when it is not above tbench's own: the
 * kernel counts the pages the child shared with tbench before exec), its
 * faults and context switches (struct rusage).
 * With --events (opts.ctr) every run is counted by probes/exec_counters.h
 * and every measured run cross-checked with its rusage.
 * The loop: warmup runs, then at least min_runs and at most max_runs runs,
 * going on while the time budget lasts; a prepare command before every
 * run (never timed).  Never prints; progress through a callback.
 */
#ifndef TB_EXEC_H
#define TB_EXEC_H

#include "exec_types.h"
#include "runner.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rusage;
/* run from wait4's rusage of the child (self: tbench's own, for the peak
 * RSS), its counters NaN, its times 0 */
void tb_exec_run_fill(struct tb_exec_run *run, const struct rusage *ru, const struct rusage *self,
		      int status);

struct tb_exec_opts {
	size_t warmup;         /* runs before measuring (not recorded) */
	size_t min_runs;       /* at least (>= 1) */
	size_t max_runs;       /* at most (>= min_runs) */
	double budget_ns;      /* after min_runs, go on while the runs so far took less */
	char *const *prepare;  /* argv run before every run, untimed; NULL = none */
	bool ignore_failure;   /* a non-zero exit is recorded, not an error */
	bool show_output;      /* the child's stdout/stderr pass through (else /dev/null) */
	const struct tb_exec_counters *ctr; /* --events: count every measured run; NULL none */
	void (*progress)(void *ctx, enum tb_phase ph, size_t done, size_t total);
	void *progress_ctx;
};

void tb_exec_defaults(struct tb_exec_opts *o);

/* One run of argv (argv[0] looked up in PATH).  0, or -1 with err when it
 * cannot be started (no such program, not executable, out of resources). */
int tb_exec_once(char *const argv[], bool show_output, struct tb_exec_run *run, char *err,
		 size_t errlen);

/* Warm up and measure argv as o says; appends to res (empty or from an
 * earlier round).  0, or -1 with err (cannot start it or the prepare
 * command, out of memory).  A failing run is not an error: res->failed. */
int tb_exec_measure(char *const argv[], const struct tb_exec_opts *o, struct tb_exec_result *res,
		    char *err, size_t errlen);
void tb_exec_result_free(struct tb_exec_result *res);

/* "exit status 3", "killed by SIGSEGV" */
void tb_exec_status_str(int status, char *buf, size_t len);

#endif
