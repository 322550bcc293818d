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

/* variant holds a foreign harness's benchmark name too (Google Benchmark,
 * hyperfine, criterion; reports/foreign.h), hence its length */
#define TB_VARIANT_MAX 128

/* What became of a case.  Its name (tb_status_name) is the CSV/JSON
 * spelling; code compares the enum. */
enum tb_status {
	TB_STATUS_OK,            /* "ok": measured */
	TB_STATUS_PARTIAL,       /* "partial": measured in part (interrupted) or not run */
	TB_STATUS_FAILED_VERIFY, /* "failed-verify": a wrong result, not timed */
	TB_STATUS_UNSUPPORTED,   /* "unsupported": not on this machine (the note says why) */
	TB_STATUS_SETUP_FAILED,  /* "setup-failed": could not be set up (memory, threads) */
	TB_STATUS_COUNT
};

struct tb_result {
	char family[32], variant[TB_VARIANT_MAX], mode[16];
	uint64_t n, rows, cols;
	unsigned threads;
	char metric[16]; /* "time": samples are ns per call; "instructions": instructions per call */
	enum tb_status status;
	char note[256];  /* why a case is not ok, or a remark */
	uint64_t iters;  /* calls per sample */
	size_t nsamples;
	double *samples; /* ns per call, nsamples of them (owned) */
	size_t samples_declared; /* read without its raw samples: how many the file
				  * counted (written back as the sample count) */
	size_t runs;     /* tbench runs pooled in samples, in order (--append); 0 reads as 1 */
	size_t *run_n;   /* samples of each pooled run, `runs` of them (owned); NULL: the
			  * runs are taken as consecutive equal shares */
	double between_cv; /* runs >= 2: CV of the per-run medians (process to process) */
	double within_cv;  /* runs >= 2: median over the runs of each run's robust CV
			    * (1.4826 MAD / median) of samples */
	double disturbed;  /* share of samples during which a thread of the case was
			    * preempted (involuntary context switch); NaN = not measured */
	double bimodal;    /* threaded cases: share of samples in the slower of two
			    * separated modes (tb_stats_bimodal); NaN = none found */
	double imbalance;  /* threaded cases: the slowest worker's busy time on its
			    * (equal) share over the fastest's, >= 1; NaN = not
			    * measured (one thread, or the pool unused) */
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
/* the same from n per-sample values (their mean and median; n == 0: NaN) */
int tb_result_add_metric_of(struct tb_result *r, const char *name, const double *v, size_t n);

/* set r->run_n to the runs' sample counts (copied; runs = n) */
int tb_result_set_runs(struct tb_result *r, const size_t *run_n, size_t n);
/* the most runs whose counts a file lists (run_samples; the loader checks
 * them: loader.h) */
#define TB_RUNS_MAX_LIST 4096
/* true when the between-process spread exceeds the within-process one */
bool tb_result_runs_differ(const struct tb_result *r);
/* marks of the table and notes: disturbed by preemption (share at least
 * TB_DISTURBED_MARK of the samples), bimodal, or workers unequal (the
 * slowest at least TB_IMBALANCE_MARK times the fastest) */
#define TB_DISTURBED_MARK 0.10
#define TB_IMBALANCE_MARK 1.2
bool tb_result_disturbed(const struct tb_result *r);
/* what disturbed r, as one phrase ("64% of samples preempted (...)");
 * 0 and "" when nothing did */
size_t tb_result_disturbance(const struct tb_result *r, char *buf, size_t len);

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

/* The statuses' names by enum value, NULL-terminated: ok, partial,
 * failed-verify, unsupported, setup-failed. */
extern const char *const tb_statuses[];
/* s's name ("?" for a value out of range) */
const char *tb_status_name(enum tb_status s);
/* the status named name: 0, or -1 when it names none */
int tb_status_parse(const char *name, enum tb_status *out);
/* ok or partial: the case has figures to compare */
bool tb_status_measured(enum tb_status s);
/* "ok, partial, ..." (for messages) */
void tb_status_list(char *buf, size_t len);

#endif
