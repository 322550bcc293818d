/*
 * exec_types.h - the records of `tbench exec`'s runs (probes/exec.h): one
 * run of a command, and the runs of one command with their failures and,
 * with --events, their counters (probes/exec_counters.h fills those).
 */
#ifndef TB_EXEC_TYPES_H
#define TB_EXEC_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#define TB_EXEC_CTR_MAX 16 /* events counted per run (--events) */

struct tb_exec_counters; /* probes/exec_counters.h */

struct tb_exec_run {
	double wall_ns, user_ns, sys_ns;
	double maxrss_bytes; /* NaN when not above tbench's own peak (see exec.c) */
	double minflt, majflt, nvcsw, nivcsw;
	int status; /* as from wait4: WIFEXITED / WIFSIGNALED */
	/* counted runs only (opts.ctr): each event from exec to exit (NaN: not
	 * counted), and the child's own rusage before its exec, which the
	 * counters do not see (for the cross-check) */
	double ctr[TB_EXEC_CTR_MAX];
	double pre_minflt, pre_majflt, pre_csw, pre_cpu_ns;
	bool ctr_scaled; /* a counter was multiplexed: its count scaled */
};

struct tb_exec_result {
	struct tb_exec_run *runs; /* in time order (owned) */
	size_t n;
	bool partial;         /* stopped early by tb_stop_requested */
	bool failed;          /* a run exited non-zero or died of a signal (and
			       * !ignore_failure: measuring stopped there) */
	size_t nfailed;       /* runs that did (with ignore_failure) */
	char why[160];        /* the first failure: "exit status 3", "killed by SIGSEGV" */
	double elapsed_ns;    /* wall time of the measured runs together */
	/* --events: the events (as named), and those the cross-check with
	 * wait4's rusage refused in some run (reported unknown), with why */
	size_t nctr;
	char ctr_name[TB_EXEC_CTR_MAX][128];
	bool ctr_unknown[TB_EXEC_CTR_MAX];
	char ctr_why[TB_EXEC_CTR_MAX][200];
	bool ctr_scaled;      /* the kernel multiplexed a hardware counter: scaled */
};

#endif
