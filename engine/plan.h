/*
 * plan.h - the plan of a run: the selection (families, variants, modes,
 * sizes, threads, --filter patterns) and the cases it yields (kernel,
 * mode, size, threads), with the notes made while building it.  plan.c
 * builds it from the kernel registry; plan_ids.c names cases and filters
 * them by id.
 */
#ifndef TB_ENGINE_PLAN_H
#define TB_ENGINE_PLAN_H

#include "../base/parse.h"
#include "../kernels/kernel.h"

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#define TB_MAX_LIST 64

#define TB_MAX_FILTERS 64

struct tb_filters {
	const char *pat[TB_MAX_FILTERS];
	bool regex[TB_MAX_FILTERS];
	regex_t re[TB_MAX_FILTERS];
	int n;
};

/* what the user selected (run's selection options, list --cases) */
struct tb_selection {
	const char *families[TB_MAX_LIST]; /* none: the default suite; "all" */
	int nfamilies;
	char *variants[TB_MAX_LIST];
	int nvariants;
	unsigned modes;            /* TB_MODE_* bits wanted */
	struct tb_size sizes[TB_MAX_LIST];
	int nsizes;
	unsigned threads[TB_MAX_LIST];
	int nthreads;
	bool threads_given;
	char folded[256];          /* sizes or thread counts given twice, said once */
	struct tb_filters filters; /* --filter, --filter-regex (plan_ids.c) */
};

struct tb_plan_case {
	const struct tb_kernel *k;
	enum tb_mode mode;
	struct tb_size size;
	unsigned threads;
};

struct tb_plan {
	struct tb_plan_case *c;
	size_t n, cap;
	char tiers[1024];  /* note on the size tiers used ("" when none) */
	char caches[320];  /* the cache sizes the tiers were resolved from */
	char skipped[512]; /* default sizes left out: too large for the memory */
};

/* ---- case ids and filters (plan_ids.c) ---- */

/* "scale/avx2/inplace/1000x1000/t1" (mode "-" for kernels without one) */
void tb_case_id(const struct tb_plan_case *pc, char *buf, size_t len);
/* "scale avx2 inplace 1000x1000 1" (run --dry-run) */
void tb_case_fields(const struct tb_plan_case *pc, char *buf, size_t len);
/* "scale/avx2 inplace 1000x1000 x4" (the progress line) */
void tb_case_label(const struct tb_plan_case *pc, char *buf, size_t len);
/* adds a glob (fnmatch) or a POSIX ERE (regcomp); 0, or -1 with err */
int tb_filters_add(struct tb_filters *f, const char *pat, bool regex, char *err, size_t len);
/* true if there are no patterns or id matches one; hit[i] set for each match */
bool tb_filters_keep(const struct tb_filters *f, const char *id, bool *hit);
/* 0 if every pattern matched a case (hit[]), else -1 with err naming the first that did not */
int tb_filters_all_hit(const struct tb_filters *f, const bool *hit, char *err, size_t len);
void tb_filters_free(struct tb_filters *f);


/* ---- the plan (plan.c) ---- */

/* a size (N, RxC) or a tier (L1, L2, L3, DRAM; resolved per case by the
 * plan): 0, or -1 with err */
int tb_plan_parse_size(const char *s, struct tb_size *out, char *err, size_t len);
/* --size and --threads lists into sel (a value given twice is kept once
 * and said in sel->folded); 0, or -1 with err */
int tb_selection_sizes(struct tb_selection *sel, char *arg, char *err, size_t len);
int tb_selection_threads(struct tb_selection *sel, char *arg, char *err, size_t len);
/* the plan of sel, checked (variants exist, sizes fit in memory, every
 * filter matches a case); 0, or -1 with err (free p either way) */
int tb_plan_build(const struct tb_selection *sel, struct tb_plan *p, char *err, size_t len);
void tb_plan_free(struct tb_plan *p);
/* the plan rotated for round r of n (round r starts at case r * cases / n) */
void tb_plan_rotate(struct tb_plan *p, unsigned r, unsigned n);

#endif
