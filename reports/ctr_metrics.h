/*
 * ctr_metrics.h - counters per call: raw per-sample totals divided by the
 * calls in each sample, summarised as mean and median over samples, plus
 * the derived metrics whose inputs were counted (IPC, cycles, instructions
 * and L1 misses per item).  Pure arithmetic; the counting is in probes/.
 */
#ifndef TB_CTR_METRICS_H
#define TB_CTR_METRICS_H

#include "results.h"

#include <stdio.h>

/* values: nsamples x n raw totals (row per sample); iters calls per sample.
 * Adds one metric per event, then the derived ones.  0, or -1 (memory). */
int tb_result_add_counters(struct tb_result *r, const char *const *names, size_t n,
			   const double *values, size_t nsamples, uint64_t iters);

/* The counter block under the terminal table (nothing when no metrics). */
void tb_write_counter_table(FILE *f, const struct tb_resultset *rs);

#endif
