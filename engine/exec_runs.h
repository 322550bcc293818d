/*
 * exec_runs.h - `tbench exec` in the engine (exec_runs.c): its plan (one
 * entry per command and parameter value; cmd/exec_plan.c builds it), the
 * runs of every entry, interleaved in rounds, by probes/exec.c, and the
 * cost of spawning a command that does nothing.
 */
#ifndef TB_ENGINE_EXEC_RUNS_H
#define TB_ENGINE_EXEC_RUNS_H

#include "../probes/exec.h"

#include <stdbool.h>
#include <stddef.h>

struct tb_exec_entry {
	char *name;     /* the case name (variant): --command-name or the command */
	char **argv;    /* NULL-terminated (owned) */
	char **prepare; /* {"/bin/sh", "-c", CMD, NULL} or NULL (owned) */
};

struct tb_exec_plan {
	struct tb_exec_entry *e;
	size_t n;
};

/* Measure every entry of p with ex (its progress callback set), in rounds
 * (> 1: round r starts one command later, each round a share of
 * ex->min_runs, warmup in the first only); started(ctx, k, name) before each
 * entry of each round (k counts over the rounds).  res[i] for entry i (an
 * entry that failed is not run again).  Stops early on tb_stop_requested.
 * 0, or -1 with err. */
int tb_exec_runs(const struct tb_exec_plan *p, const struct tb_exec_opts *ex, size_t rounds,
		 void (*started)(void *ctx, size_t k, const char *name), void *ctx,
		 struct tb_exec_result *res, char *err, size_t len);
/* the median wall time of spawning a command that does nothing (the
 * start-up cost every run includes; *what names it), spawned as the runs
 * are (with ctr's counters attached when not NULL: their counts are not
 * kept); NaN when it cannot be measured */
double tb_exec_spawn_cost(bool shell, const struct tb_exec_counters *ctr, const char **what);

#endif
