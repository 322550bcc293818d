/*
 * stats.h - descriptive statistics of a sample (GSL): min, median, mean,
 * sd, MAD, CV, quantiles and Tukey outlier counts.
 */
#ifndef TB_STATS_H
#define TB_STATS_H

#include "results.h"

/* x is not modified; n == 0 gives NaNs. */
void tb_stats_compute(const double *x, size_t n, struct tb_stats *st);

#endif
