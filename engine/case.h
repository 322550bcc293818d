/*
 * case.h - one case's lifecycle: supported?, set up, verify against the
 * reference, bind the counters, measure, statistics, tear down -> one
 * result record (case.c).  A case that cannot run (unsupported, setup
 * failed, failed verification) is a record with that status and a note,
 * not an error; an error is what ends the run (out of memory, a runner or
 * counter failure).
 */
#ifndef TB_ENGINE_CASE_H
#define TB_ENGINE_CASE_H

#include "opts.h"
#include "plan.h"

#include "../probes/counters.h"
#include "../probes/runner.h"
#include "../reports/results.h"

#include <stddef.h>

/* the key (family, variant, mode, size, threads, metric) of a planned case */
void tb_case_set_key(struct tb_result *r, const struct tb_plan_case *pc,
		     const struct tb_session_opts *o);
/* Run case pc with the runner settings ro (its hooks set) and the counters
 * ctrs (NULL: none) into r (fresh from tb_resultset_add).  0, or -1 with
 * err on an error that ends the run. */
int tb_case_run(const struct tb_session_opts *o, const struct tb_plan_case *pc,
		const struct tb_runner_opts *ro, struct tb_counters *ctrs, struct tb_result *r,
		char *err, size_t errlen);

#endif
