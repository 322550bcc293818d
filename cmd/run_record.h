/*
 * run_record.h - what `tbench run` prints beside the case loop
 * (run_record.c): the verbose line, the plan's notes, OpenBLAS's note,
 * the warning on disturbed cases.
 */
#ifndef TB_CMD_RUN_RECORD_H
#define TB_CMD_RUN_RECORD_H

#include "progress.h"
#include "run.h"

#include "../reports/results.h"

#include <stdio.h>

/* --verbose: what the table does not show, one line per case on stderr */
void tb_run_verbose_case(const struct tb_result *r, const struct tb_progress *p);
/* the plan's notes (size tiers, default sizes left out) on f */
void tb_run_print_notes(const struct tb_plan *p, FILE *f);
/* the note on OpenBLAS's core (engine/session.h), unless quiet */
void tb_run_blas_note(const struct tb_run_opts *o, const struct tb_plan *plan);
/* one warning line on stderr per case disturbed by preemption or bimodal */
void tb_run_warn_disturbed(const struct tb_resultset *rs);

#endif
