/*
 * exec_counters.h - `tbench exec --events`: event counters of a whole
 * command, from its exec to its exit, the children it forks included.
 * Every event goes through perf_event_open (names resolved by the same
 * code as `run --events`: counters.c, libpfm4), opened on the child's pid
 * after fork and before exec (the child waits on a pipe until they are
 * open), with inherit and enable_on_exec, and read one by one after wait4.
 *
 * The cross-check: wait4's rusage is the kernel's own accounting of the
 * same child, an independent probe.  task-clock (and cpu-clock) is checked
 * against ru_utime + ru_stime, context-switches against ru_nvcsw +
 * ru_nivcsw, page-faults (-min, -maj) against ru_minflt (+ ru_majflt), each
 * minus what the child did before its exec (it tells us).  An event that
 * disagrees beyond the tolerance (tb_exec_xcheck) in any run is unknown
 * for the case.  Nothing here prints.
 */
#ifndef TB_EXEC_COUNTERS_H
#define TB_EXEC_COUNTERS_H

#include "../base/kv.h"
#include "exec_types.h"

#include <stdbool.h>
#include <stddef.h>

struct perf_event_attr;
struct tb_counters;

/* which rusage figure checks an event */
enum tb_xcheck { TB_XC_NONE, TB_XC_CPU_TIME, TB_XC_SWITCHES, TB_XC_FAULTS, TB_XC_MINFLT,
		 TB_XC_MAJFLT };

struct tb_exec_counters {
	struct tb_counters *c;
	size_t n;
	const struct perf_event_attr *attr[TB_EXEC_CTR_MAX];
	enum tb_xcheck xc[TB_EXEC_CTR_MAX];
	char line[1024];     /* which backend counts what */
	char dropped[512];   /* events this machine lacks, and why ("" none) */
	char none_why[520];  /* nothing counts here: why */
};

/* Open --events SPEC ("default" or a comma list) for whole commands.  An
 * unknown or uncountable name is an error (-1, err names it and what is
 * allowed); an event this machine lacks (a hardware one without a PMU) is
 * dropped and said in note, as is a kernel that counts nothing (then x->n
 * is 0).  0 otherwise. */
int tb_exec_counters_open(struct tb_exec_counters *x, const char *spec, char *note,
			  size_t notelen, char *err, size_t errlen);
void tb_exec_counters_close(struct tb_exec_counters *x);

/* One run of argv with x's counters attached (fork, open on the child,
 * release it to exec, wait4, read): as tb_exec_once, and run->ctr[i] and
 * run->pre_* filled.  The wall time starts when the child is released. */
int tb_exec_counted(char *const argv[], bool show_output, const struct tb_exec_counters *x,
		    struct tb_exec_run *run, char *err, size_t errlen);

/* res gets x's event names (before the first run). */
void tb_exec_counters_label(const struct tb_exec_counters *x, struct tb_exec_result *res);
/* Cross-check the counters of one measured run with its rusage; an event
 * that disagrees becomes unknown in res (the first reason kept). */
void tb_exec_counters_judge(const struct tb_exec_counters *x, const struct tb_exec_run *run,
			    struct tb_exec_result *res);

/* Do counter value ctr and the rusage figure ref agree for check kind?
 * *tol: the tolerance allowed (pure: the unit tests call it). */
bool tb_exec_xcheck(enum tb_xcheck kind, double ctr, double ref, double *tol);
/* the rusage figure of run that checks kind (NaN for TB_XC_NONE) */
double tb_exec_xcheck_ref(enum tb_xcheck kind, const struct tb_exec_run *run);

/* counters.* keys of the fingerprint: events, backend, scope, checks */
void tb_exec_counters_record(const struct tb_exec_counters *x, struct tb_kvlist *kv);

#endif
