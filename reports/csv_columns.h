/*
 * csv_columns.h - the summary CSV's fixed columns, in order (schema
 * tbench-1).  Writer and reader share this list.
 */
#ifndef TB_CSV_COLUMNS_H
#define TB_CSV_COLUMNS_H

#include <stddef.h>

static const char *const tb_csv_columns[] = {
	"schema", "name", "family", "variant", "mode", "n", "rows", "cols", "threads",
	"status", "samples", "iters_per_sample",
	"min_ns", "median_ns", "mean_ns", "sd_ns", "mad_ns", "cv",
	"p5_ns", "p25_ns", "p75_ns", "p95_ns", "ci_low_ns", "ci_high_ns",
	"outliers_mild", "outliers_severe",
	"bytes_per_iter", "flops_per_iter", "items_per_iter", "item_unit",
	"items_per_s", "gbps", "limit_share", "items_per_cycle", "note",
	"metric", "runs", "between_cv", "within_cv", "run_samples", "disturbed", "bimodal",
	"imbalance",
};
#define TB_CSV_NCOLS (sizeof(tb_csv_columns) / sizeof(tb_csv_columns[0]))

#endif
