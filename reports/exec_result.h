/*
 * exec_result.h - the runs of a whole command (probes/exec.h) as a result
 * record: family "exec", the case name as variant, one sample per run (wall
 * ns), the child's user / system time, peak RSS, faults and context
 * switches as metrics (per run: mean and median), and a status that says
 * whether every run succeeded.
 */
#ifndef TB_EXEC_RESULT_H
#define TB_EXEC_RESULT_H

#include "../probes/exec.h"
#include "results.h"

#define TB_FAMILY_EXEC "exec"

/* Fill r (fresh from tb_resultset_add) from res.  rounds: how many
 * interleaved rounds the runs came in (their order), for the comparison's
 * resampling.  0, or -1 (out of memory). */
int tb_result_from_exec(struct tb_result *r, const char *name, const struct tb_exec_result *res,
			size_t rounds);

#endif
