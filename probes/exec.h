/*
 * exec.h - measure a whole command as a process: spawn it (posix_spawnp,
 * no shell unless the caller passes one), wait for it with wait4, and
 * record per run the wall time (CLOCK_MONOTONIC_RAW from just before the
 * spawn to just after wait4 returns: process creation, exec, the dynamic
 * loader and teardown are all inside it), the child's user and system CPU
 * time, its peak RSS (unknown when it is not above tbench's own: the
 * kernel counts the pages the child shared with tbench before exec), its
 * faults and context switches (struct rusage).
 * The loop: warmup runs, then at least min_runs and at most max_runs runs,
 * going on while the time budget lasts; a prepare command before every
 * run (never timed).  Never prints; progress through a callback.
 */
#ifndef TB_EXEC_H
#define TB_EXEC_H

#include "runner.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tb_exec_run {
	double wall_ns, user_ns, sys_ns;
	double maxrss_bytes; /* NaN when not above tbench's own peak (see exec.c) */
	double minflt, majflt, nvcsw, nivcsw;
	int status; /* as from wait4: WIFEXITED / WIFSIGNALED */
};

struct tb_exec_opts {
	size_t warmup;         /* runs before measuring (not recorded) */
	size_t min_runs;       /* at least (>= 1) */
	size_t max_runs;       /* at most (>= min_runs) */
	double budget_ns;      /* after min_runs, go on while the runs so far took less */
	char *const *prepare;  /* argv run before every run, untimed; NULL = none */
	bool ignore_failure;   /* a non-zero exit is recorded, not an error */
	bool show_output;      /* the child's stdout/stderr pass through (else /dev/null) */
	void (*progress)(void *ctx, enum tb_phase ph, size_t done, size_t total);
	void *progress_ctx;
};

void tb_exec_defaults(struct tb_exec_opts *o);

/* One run of argv (argv[0] looked up in PATH).  0, or -1 with err when it
 * cannot be started (no such program, not executable, out of resources). */
int tb_exec_once(char *const argv[], bool show_output, struct tb_exec_run *run, char *err,
		 size_t errlen);

struct tb_exec_result {
	struct tb_exec_run *runs; /* in time order (owned) */
	size_t n;
	bool partial;         /* stopped early by tb_stop_requested */
	bool failed;          /* a run exited non-zero or died of a signal (and
			       * !ignore_failure: measuring stopped there) */
	size_t nfailed;       /* runs that did (with ignore_failure) */
	char why[160];        /* the first failure: "exit status 3", "killed by SIGSEGV" */
	double elapsed_ns;    /* wall time of the measured runs together */
};

/* Warm up and measure argv as o says; appends to res (empty or from an
 * earlier round).  0, or -1 with err (cannot start it or the prepare
 * command, out of memory).  A failing run is not an error: res->failed. */
int tb_exec_measure(char *const argv[], const struct tb_exec_opts *o, struct tb_exec_result *res,
		    char *err, size_t errlen);
void tb_exec_result_free(struct tb_exec_result *res);

/* "exit status 3", "killed by SIGSEGV" */
void tb_exec_status_str(int status, char *buf, size_t len);

#endif
