/*
 * run_record.h - helpers of `tbench run` beside the case loop
 * (run_record.c): the verbose line, recorded options, pinning (the
 * counters: run_counters.h).
 */
#ifndef TB_CMD_RUN_RECORD_H
#define TB_CMD_RUN_RECORD_H

#include "progress.h"
#include "run.h"

#include "../probes/clock.h"
#include "../base/kv.h"
#include "../reports/results.h"

/* --verbose: what the table does not show, one line per case on stderr */
void tb_run_verbose_case(const struct tb_result *r, const struct tb_progress *p);
/* how the run was made, into the result set's options */
void tb_run_record_options(const struct tb_run_opts *o, struct tb_kvlist *kv,
			   const struct tb_clock_info *ci);
/* --pin: pin the calling thread, record the plan of threads to CPUs */
void tb_run_pin_plan(const struct tb_run_opts *o, struct tb_kvlist *kv);

#endif
