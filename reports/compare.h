/*
 * compare.h - the comparison of two result sets (a baseline and a run, or
 * any two saved result sets): cases matched by key, per matched case the
 * ratio of medians with a bootstrap CI, a Mann-Whitney U test on the raw
 * samples and a verdict; unmatched cases and fingerprint differences listed.
 * Writers (terminal table, Markdown, CSV here; HTML/JSON elsewhere) render a
 * struct tb_comparison and never recompute it.
 */
#ifndef TB_COMPARE_H
#define TB_COMPARE_H

#include "results.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tb_verdict {
	TB_VERDICT_UNCHANGED, /* not significant, or the change is within the threshold */
	TB_VERDICT_FASTER,    /* significant at alpha and beyond the threshold */
	TB_VERDICT_SLOWER,    /* significant at alpha and beyond the threshold */
	TB_VERDICT_TOO_FEW,   /* too few samples: the test cannot reach alpha */
	TB_VERDICT_NOT_OK,    /* a side is not ok (failed-verify, unsupported, ...) */
};

/* "unchanged", "faster", "slower", "too-few-samples", "not-comparable" */
const char *tb_verdict_name(enum tb_verdict v);

#define TB_MAX_THRESHOLD_RULES 16

/* A per-case noise threshold: pattern "family" or "family/variant". */
struct tb_threshold_rule {
	char pattern[64];
	double threshold;
};

struct tb_compare_opts {
	char metric[96];       /* "time" (default) or a counter name (ctr_ column) */
	double significance;   /* alpha of the test (default 0.01) */
	double threshold;      /* relative noise threshold (default 0.05 = 5%) */
	struct tb_threshold_rule rules[TB_MAX_THRESHOLD_RULES]; /* per-case thresholds */
	size_t nrules;
	size_t resamples;      /* bootstrap resamples (default 2000) */
	double confidence;     /* CI level; 0 (the default): 1 - significance, 99% */
	uint64_t seed;         /* bootstrap generator seed (default 1: reproducible) */
};

void tb_compare_defaults(struct tb_compare_opts *o);
/* the threshold that applies to a case (last matching rule, else the default) */
double tb_compare_threshold(const struct tb_compare_opts *o, const char *family,
			    const char *variant);

/* The key of a case, as matched: (family, variant, mode, n, threads). */
struct tb_case_key {
	char family[32], variant[32], mode[16];
	uint64_t n, rows, cols;
	unsigned threads;
};

struct tb_compare_row {
	struct tb_case_key key;
	double old_median, new_median; /* the metric per call (ns for time) */
	size_t old_n, new_n;           /* raw samples used; 0 = summary medians only */
	double ratio;                  /* new / old median (> 1: slower / more) */
	double ci_low, ci_high;        /* bootstrap CI of the ratio; NaN without samples */
	double p;                      /* Mann-Whitney U two-sided p; NaN without a test */
	bool exact;                    /* p from the exact distribution (small, no ties) */
	double threshold;              /* the noise threshold applied to this case */
	enum tb_verdict verdict;
	char note[160];                /* why: too few samples, status, medians only ... */
};

/* A fingerprint key whose value differs (either side may be absent: ""). */
struct tb_fp_diff {
	char *key, *old_value, *new_value;
};

struct tb_comparison {
	struct tb_compare_opts opts;
	char old_label[256], new_label[256]; /* what was compared (names or paths) */
	char metric_name[96];                /* what was compared: "time", "instructions" or a counter */
	char metric_unit[32];                /* "ns" for time, "per call" for a counter */
	char metric_note[200];               /* e.g. "counter samples not stored: medians only" */
	struct tb_compare_row *rows;         /* matched cases, in the new set's order */
	size_t nrows;
	struct tb_case_key *only_old, *only_new; /* unmatched cases */
	size_t nonly_old, nonly_new;
	struct tb_fp_diff *fp_diffs;         /* stable keys that differ (tb_fp_key_stable) */
	size_t nfp_diffs;
	struct tb_fp_diff *ctx_diffs;        /* shown keys that differ (load, noise): context */
	size_t nctx_diffs;
	size_t nslower, nfaster, nunchanged, ntoofew, nnotok;
	size_t nmeasured;                    /* matched cases the new side measured (ok, partial) */
};

/* Compare new against old.  0 ok; -1 with err (out of memory, a counter
 * metric that neither set has, a --threshold rule that names no case of
 * either set).  Cases are matched in n log n. */
int tb_compare(const struct tb_resultset *old, const struct tb_resultset *new,
	       const struct tb_compare_opts *o, struct tb_comparison *cmp, char *err,
	       size_t errlen);
void tb_comparison_free(struct tb_comparison *cmp);

/* The verdict rule alone (unit-tested on synthetic figures): have_test says a
 * p-value exists; min_p is the smallest p the test could give with these
 * sample counts. */
enum tb_verdict tb_compare_verdict(bool have_test, double p, double min_p, double ratio,
				   double ci_low, double ci_high, double alpha,
				   double threshold);

/* Fingerprint keys that describe the machine and the build and are
 * compared ("the machines differ"): CPU, ISA, caches, memory, kernel,
 * compiler and flags, BLAS, PAPI.  Every other key (load, noise, clock
 * readings, timestamps, host name) changes from run to run: never warned
 * about; tb_fp_key_shown ones are listed as context. */
bool tb_fp_key_stable(const char *key);
/* the keys naming the machine itself (CPU, caches, ISA, virtualisation,
 * BLAS core), a subset of the stable ones: the history's machine id */
bool tb_fp_key_machine(const char *key);
bool tb_fp_key_shown(const char *key);
bool tb_fp_key_volatile(const char *key); /* !tb_fp_key_stable */
/* a --threshold pattern ("family" or "family/variant") names this case */
bool tb_threshold_pattern_matches(const char *pattern, const char *family, const char *variant);
/* 0 when every rule of o matches a case of a or b (family or
 * family/variant); else -1 with err naming the rule and the families */
int tb_compare_rules_match(const struct tb_compare_opts *o, const struct tb_resultset *a,
			   const struct tb_resultset *b, char *err, size_t errlen);

#endif
