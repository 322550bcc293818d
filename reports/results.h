/*
 * results.h - the result model every writer and reader shares: one
 * tb_result per case (key, status, raw samples, work, statistics, counters)
 * and a tb_resultset holding them with the fingerprint and options.
 */
#ifndef TB_RESULTS_H
#define TB_RESULTS_H

#include "../base/kv.h"
#include "stats.h" /* struct tb_stats */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TB_SCHEMA "tbench-1"
#define TB_METRIC_TIME "time"
#define TB_METRIC_INSNS "instructions"

/* A per-iteration counter or derived metric (name like "perf::PAGE-FAULTS"). */
struct tb_metric {
	char name[96];
	double mean, median; /* per iteration; NaN when not counted */
};

struct tb_result {
	char family[32], variant[32], mode[16];
	uint64_t n, rows, cols;
	unsigned threads;
	char metric[16]; /* "time": samples are ns per call; "instructions": instructions per call */
	char status[24]; /* one of tb_statuses */
	char note[256];  /* why a case is not ok, or a remark */
	uint64_t iters;  /* calls per sample */
	size_t nsamples;
	double *samples; /* ns per call, nsamples of them (owned) */
	size_t samples_declared; /* read without its raw samples: how many the file
				  * counted (written back as the sample count) */
	size_t runs;     /* tbench runs pooled in samples, in order (--append); 0 reads as 1 */
	double bytes, flops, items; /* work per call */
	char unit[16];              /* what items count */
	struct tb_stats st;
	double items_per_s, gbps, limit_share; /* NaN when unknown */
	double items_per_cycle; /* items / effective-clock cycle; NaN when unknown */
	size_t nmetrics;
	struct tb_metric *metrics; /* owned */
};

struct tb_resultset {
	struct tb_result *r;
	size_t n, cap;
	char name[128];              /* the run's label */
	struct tb_kvlist fingerprint; /* machine */
	struct tb_kvlist options;     /* how it was run */
};

/* Append a zeroed result; NULL on out of memory. */
struct tb_result *tb_resultset_add(struct tb_resultset *rs);
void tb_resultset_free(struct tb_resultset *rs);
void tb_result_free(struct tb_result *r);

/* Set samples (copied) and recompute statistics and throughput. */
int tb_result_set_samples(struct tb_result *r, const double *ns, size_t n);
/* the samples behind the figures: nsamples, or samples_declared */
size_t tb_result_sample_count(const struct tb_result *r);
/* true when the samples are instruction counts, not times */
bool tb_result_is_insns(const struct tb_result *r);
/* Recompute statistics and derived rates from r->samples. */
void tb_result_derive(struct tb_result *r);
int tb_result_add_metric(struct tb_result *r, const char *name, double mean, double median);

/* "1000x1000" when rows > 1, else "n" */
void tb_result_size_str(const struct tb_result *r, char *buf, size_t len);
/* The key of a case: (family, variant, mode, rows x cols, threads).  The
 * shape, not only n: 1000x10 and 10x1000 are two cases.  key_cmp orders
 * keys (for sorting and binary search) by family, variant, mode, n,
 * threads, then the shape, so the shapes of one n are neighbours and
 * key_cmp_unshaped (the same without the shape: files written before the
 * shape was part of the key) finds them; same_key is key_cmp == 0. */
int tb_result_key_cmp(const struct tb_result *a, const struct tb_result *b);
int tb_result_key_cmp_unshaped(const struct tb_result *a, const struct tb_result *b);
/* "family/variant/mode/size/threads", e.g. "scale/avx2/inplace/1000x1000/1":
 * the case's identity as one string (the results history keys series by it,
 * messages name cases by it) */
void tb_result_key_str(const struct tb_result *r, char *buf, size_t len);
bool tb_result_same_key(const struct tb_result *a, const struct tb_result *b);

/* The statuses a case can have, NULL-terminated: ok, partial,
 * failed-verify, unsupported, setup-failed. */
extern const char *const tb_statuses[];
bool tb_status_known(const char *status);

#endif
