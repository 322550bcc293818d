/*
 * exec.h - `tbench exec`: its parsed options and the plan (one entry per
 * command and parameter value, each with its argv, its case name and its
 * prepare command).  exec_opts.c parses the options, exec_plan.c builds the
 * plan (word splitting, {NAME} substitution, names), the engine runs it
 * (engine/exec_runs.h) and exec.c prints.
 */
#ifndef TB_CMD_EXEC_H
#define TB_CMD_EXEC_H

#include "../engine/exec_runs.h"
#include "../probes/exec.h"
#include "../reports/writer.h"
#include "gate.h"

#include <stdbool.h>
#include <stddef.h>

#define TB_EXEC_MAX_CMDS 64
#define TB_EXEC_MAX_VALUES 1000 /* --parameter-scan values */

struct tb_exec_args {
	const char *commands[TB_EXEC_MAX_CMDS]; /* --command strings */
	size_t ncommands;
	char **argv_cmd;          /* the command after "--" (not owned) */
	const char *names[TB_EXEC_MAX_CMDS];    /* --command-name, by position */
	size_t nnames;
	const char *prepare;      /* --prepare (run by /bin/sh -c) */
	bool shell;               /* --shell: commands run by /bin/sh -c */
	const char *scan_name;    /* --parameter-scan NAME LO HI */
	double scan_lo, scan_hi, scan_step;
	struct tb_exec_opts ex;   /* warmup, runs, budget, failure, output */
	size_t rounds;            /* --rounds N: interleave the commands in N rounds */
	const char *events;       /* --events LIST ("default" or names); NULL none */
	bool pin;
	int pin_cpu;
	bool quiet, verbose;
	const char *name;
	const char *path[TB_OUT_COUNT]; /* --csv FILE ... (reports/outputs.def); NULL: not asked */
	bool json_samples;
	char *argv_joined;        /* the command line, recorded with the results */
	struct tb_gate_opts gate;
	const char *baseline, *save_baseline;
	bool append;
};

/* The options into a (defaults set by the caller): 0; 1 for --help; -1
 * with a one-line err; -2 when the message was already printed. */
int tb_exec_parse(int argc, char **argv, struct tb_exec_args *a, char *err, size_t len);

/* Every command x every parameter value.  0, or -1 with a one-line err
 * (unbalanced quotes, an empty command, a name too long, two cases with
 * the same name). */
int tb_exec_plan_build(const struct tb_exec_args *a, struct tb_exec_plan *p, char *err,
		       size_t errlen);
void tb_exec_plan_free(struct tb_exec_plan *p);

/* Split s into words as a POSIX shell would without expansions: blanks
 * separate, '...' and "..." quote, backslash escapes.  *argv is
 * NULL-terminated (free with tb_argv_free).  0, or -1 with err. */
int tb_shell_words(const char *s, char ***argv, char *err, size_t errlen);

#endif
