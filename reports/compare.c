/*
 * compare.c - build a tb_comparison from two result sets: match cases by
 * key, compute ratio + bootstrap CI + Mann-Whitney p per case, apply the
 * verdict rule, list unmatched cases and fingerprint differences.
 */
#define _GNU_SOURCE /* qsort_r */
#include "compare.h"

#include "../kernels/common.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tb_verdict_name(enum tb_verdict v)
{
	switch (v) {
	case TB_VERDICT_FASTER: return "faster";
	case TB_VERDICT_SLOWER: return "slower";
	case TB_VERDICT_TOO_FEW: return "too-few-samples";
	case TB_VERDICT_NOT_OK: return "not-comparable";
	default: return "unchanged";
	}
}

void tb_compare_defaults(struct tb_compare_opts *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->metric, sizeof(o->metric), "time");
	o->significance = TB_COMPARE_ALPHA;
	o->threshold = 0.05;
	o->resamples = TB_BOOT_RESAMPLES;
	o->confidence = 0; /* 1 - significance: the interval and the test agree */
	o->seed = TB_BOOT_SEED;
}

bool tb_threshold_pattern_matches(const char *pattern, const char *family, const char *variant)
{
	size_t fl = strlen(family);
	return !strcmp(pattern, family) ||
	       (!strncmp(pattern, family, fl) && pattern[fl] == '/' && !strcmp(pattern + fl + 1, variant));
}

double tb_compare_threshold(const struct tb_compare_opts *o, const char *family,
			    const char *variant)
{
	double t = o->threshold;
	for (size_t i = 0; i < o->nrules; i++)
		if (tb_threshold_pattern_matches(o->rules[i].pattern, family, variant))
			t = o->rules[i].threshold;
	return t;
}

static bool set_matches(const struct tb_resultset *rs, const char *pattern)
{
	for (size_t i = 0; i < rs->n; i++)
		if (tb_threshold_pattern_matches(pattern, rs->r[i].family, rs->r[i].variant))
			return true;
	return false;
}

int tb_compare_rules_match(const struct tb_compare_opts *o, const struct tb_resultset *a,
			   const struct tb_resultset *b, char *err, size_t errlen)
{
	for (size_t i = 0; i < o->nrules; i++) {
		const char *p = o->rules[i].pattern;
		if (set_matches(a, p) || set_matches(b, p))
			continue;
		char fams[256] = "";
		for (int side = 0; side < 2; side++) {
			const struct tb_resultset *rs = side ? b : a;
			for (size_t j = 0; j < rs->n; j++) {
				const char *f = rs->r[j].family;
				size_t fl = strlen(f);
				const char *at = strstr(fams, f);
				if (at && (at == fams || at[-1] == ' ') && (at[fl] == ',' || !at[fl]))
					continue;
				snprintf(fams + strlen(fams), sizeof(fams) - strlen(fams), "%s%s",
					 fams[0] ? ", " : "", f);
			}
		}
		return tb_err(err, errlen, "--threshold %s=%g: no case compared is of family or "
			      "family/variant '%s' (families: %s)", p, 100 * o->rules[i].threshold, p,
			      fams[0] ? fams : "none");
	}
	return 0;
}

/* an allow-list: what describes the machine and the build */
static bool key_in(const char *key, const char *const *prefix, size_t np,
		   const char *const *exact, size_t ne)
{
	for (size_t i = 0; i < np; i++)
		if (!strncmp(key, prefix[i], strlen(prefix[i])))
			return true;
	for (size_t i = 0; i < ne; i++)
		if (!strcmp(key, exact[i]))
			return true;
	/* a plugin rebuilt is another kernel (its path may move; its build id may not) */
	size_t n = strlen(key), sfx = strlen(".build_id");
	return !strncmp(key, "plugin.", 7) && n > sfx && !strcmp(key + n - sfx, ".build_id");
}

bool tb_fp_key_machine(const char *key)
{
	static const char *const prefix[] = {"cache."};
	static const char *const exact[] = {
		"cpu.model", "cpu.vendor", "cpu.family_model", "cpu.isa", "cpu.count",
		"cpu.cores", "cpu.threads", "os.arch", "machine.virtual", "blas.core",
	};
	return key_in(key, prefix, sizeof(prefix) / sizeof(prefix[0]), exact,
		      sizeof(exact) / sizeof(exact[0]));
}

bool tb_fp_key_stable(const char *key)
{
	static const char *const prefix[] = {"papi."};
	static const char *const exact[] = {
		"cpu.avx2", "cpu.avx512", "cpu.neon", "mem.total_bytes", "os.kernel",
		"build.type", "build.compiler", "build.flags", "blas.config", "blas.threads",
	};
	return tb_fp_key_machine(key) || key_in(key, prefix, sizeof(prefix) / sizeof(prefix[0]),
						 exact, sizeof(exact) / sizeof(exact[0]));
}

bool tb_fp_key_shown(const char *key)
{
	return !strcmp(key, "os.loadavg") || !strcmp(key, "noise");
}

bool tb_fp_key_volatile(const char *key)
{
	return !tb_fp_key_stable(key);
}

/*
 * The rule.  With a test: no verdict when the test cannot reach alpha;
 * unchanged unless p < alpha; then slower (faster) only when the change can
 * reach beyond the threshold: the CI of the ratio is not entirely inside
 * (1 - t, 1 + t) on that side (without a CI: the ratio itself).  Without a
 * test (medians only): the ratio against the threshold alone.
 */
enum tb_verdict tb_compare_verdict(bool have_test, double p, double min_p, double ratio,
				   double ci_low, double ci_high, double alpha,
				   double threshold)
{
	if (!isfinite(ratio) || ratio <= 0)
		return TB_VERDICT_NOT_OK;
	double hi = isnan(ci_high) ? ratio : ci_high;
	double lo = isnan(ci_low) ? ratio : ci_low;
	if (have_test) {
		if (min_p >= alpha)
			return TB_VERDICT_TOO_FEW;
		if (!(p < alpha))
			return TB_VERDICT_UNCHANGED;
	} else {
		hi = lo = ratio;
	}
	if (ratio > 1 && hi >= 1 + threshold)
		return TB_VERDICT_SLOWER;
	if (ratio < 1 && lo <= 1 - threshold)
		return TB_VERDICT_FASTER;
	return TB_VERDICT_UNCHANGED;
}

static void key_of(const struct tb_result *r, struct tb_case_key *k)
{
	memset(k, 0, sizeof(*k));
	snprintf(k->family, sizeof(k->family), "%s", r->family);
	snprintf(k->variant, sizeof(k->variant), "%s", r->variant);
	snprintf(k->mode, sizeof(k->mode), "%s", r->mode);
	k->n = r->n;
	k->rows = r->rows;
	k->cols = r->cols;
	k->threads = r->threads;
}

static const char *metric_name(const struct tb_compare_opts *o)
{
	return strncmp(o->metric, "ctr_", 4) ? o->metric : o->metric + 4;
}

static bool is_time(const struct tb_compare_opts *o)
{
	return !strcmp(o->metric, "time");
}

/* the metric's median of r, or NaN when r does not have it */
static double metric_median(const struct tb_compare_opts *o, const struct tb_result *r)
{
	if (is_time(o))
		return r->st.median;
	for (size_t j = 0; j < r->nmetrics; j++)
		if (!strcmp(r->metrics[j].name, metric_name(o)))
			return r->metrics[j].median;
	return NAN;
}

static bool usable(const struct tb_result *r)
{
	return tb_status_measured(r->status);
}

static int compare_case(const struct tb_compare_opts *o, const struct tb_result *a,
			const struct tb_result *b, struct tb_compare_row *row)
{
	memset(row, 0, sizeof(*row));
	key_of(b, &row->key);
	row->ratio = row->ci_low = row->ci_high = row->p = NAN;
	row->old_median = metric_median(o, a);
	row->new_median = metric_median(o, b);
	row->threshold = tb_compare_threshold(o, b->family, b->variant);
	if (!usable(a) || !usable(b)) {
		row->verdict = TB_VERDICT_NOT_OK;
		snprintf(row->note, sizeof(row->note), "status %s -> %s", tb_status_name(a->status),
			 tb_status_name(b->status));
		return 0;
	}
	if (isnan(row->old_median) || isnan(row->new_median) || row->old_median <= 0) {
		row->verdict = TB_VERDICT_NOT_OK;
		snprintf(row->note, sizeof(row->note), "%s not measured on %s",
			 is_time(o) ? "time" : metric_name(o),
			 isnan(row->new_median) && !isnan(row->old_median) ? "the new side"
			 : isnan(row->old_median) && !isnan(row->new_median) ? "the old side"
			 : "either side");
		return 0;
	}
	row->ratio = row->new_median / row->old_median;
	if (is_time(o) && (tb_result_is_insns(a) || tb_result_is_insns(b))) {
		/* instruction counts (callgrind) do not move with machine noise: no
		 * test, any change beyond the threshold is a verdict; and a count is
		 * never compared with a time */
		if (strcmp(a->metric, b->metric)) {
			row->verdict = TB_VERDICT_NOT_OK;
			snprintf(row->note, sizeof(row->note), "metric %s -> %s: not comparable",
				 a->metric, b->metric);
			return 0;
		}
		row->verdict = tb_compare_verdict(false, NAN, 1, row->ratio, NAN, NAN,
						  o->significance, row->threshold);
		snprintf(row->note, sizeof(row->note),
			 "instruction counts: deterministic, threshold only (no test needed)");
		return 0;
	}
	bool have = is_time(o) && a->nsamples && b->nsamples;
	double min_p = 1;
	size_t ra = a->runs ? a->runs : 1, rb = b->runs ? b->runs : 1;
	struct tb_runs_cmp rcmp;
	if (have && ra >= 2 && rb >= 2 && a->nsamples >= ra && b->nsamples >= rb &&
	    !tb_stats_compare_runs(a->samples, a->nsamples, ra, a->run_n, b->samples, b->nsamples,
				   rb, b->run_n, o->confidence, &rcmp)) {
		/* pooled runs: the run is the unit of evidence (stats.h) */
		row->old_n = a->nsamples;
		row->new_n = b->nsamples;
		row->ratio = rcmp.ratio;
		row->ci_low = rcmp.ci_low;
		row->ci_high = rcmp.ci_high;
		row->p = rcmp.p;
		row->exact = rcmp.exact;
		row->verdict = tb_compare_verdict(true, rcmp.p, rcmp.min_p, row->ratio, row->ci_low,
						  row->ci_high, o->significance, row->threshold);
		if (isnan(row->ci_high) && row->verdict != TB_VERDICT_TOO_FEW)
			row->verdict = TB_VERDICT_TOO_FEW; /* no interval at this level */
		if (row->verdict == TB_VERDICT_TOO_FEW)
			snprintf(row->note, sizeof(row->note),
				 "%zu and %zu runs: too few for p < %g and a %.0f%% interval (%s)", ra, rb,
				 o->significance, 100 * o->confidence, rcmp.paired ? "paired" : "unpaired");
		else if (rcmp.paired)
			snprintf(row->note, sizeof(row->note),
				 "%zu paired runs: signed-rank test, Hodges-Lehmann ratio", ra);
		else
			snprintf(row->note, sizeof(row->note),
				 "%zu x %zu runs: Mann-Whitney on run medians, Hodges-Lehmann ratio", ra, rb);
		return 0;
	}
	if (have) {
		struct tb_boot_opts bo = {o->resamples, o->confidence, o->seed};
		struct tb_mw mw;
		row->old_n = a->nsamples;
		row->new_n = b->nsamples;
		if (tb_stats_ratio_ci_runs(a->samples, a->nsamples, ra, a->run_n, b->samples,
					   b->nsamples, rb, b->run_n, &bo, &row->ci_low,
					   &row->ci_high) ||
		    tb_stats_mann_whitney(b->samples, b->nsamples, a->samples, a->nsamples, &mw))
			return -1;
		row->p = mw.p;
		row->exact = mw.exact;
		min_p = tb_stats_mw_min_p(a->nsamples, b->nsamples);
	}
	row->verdict = tb_compare_verdict(have, row->p, min_p, row->ratio, row->ci_low,
					  row->ci_high, o->significance, row->threshold);
	if (row->verdict == TB_VERDICT_TOO_FEW && min_p >= TB_COMPARE_ALPHA) {
		/* so few samples that the test could not reach even the default
		 * alpha (one Google Benchmark repetition, 3 against 3): the medians
		 * against the threshold, as without samples, and the row says so.
		 * (Enough samples for the default but not for a stricter
		 * --significance stays too-few-samples: a stricter alpha must
		 * never raise more alarms.) */
		row->too_few = true;
		row->verdict = tb_compare_verdict(false, NAN, 1, row->ratio, NAN, NAN,
						  o->significance, row->threshold);
		snprintf(row->note, sizeof(row->note),
			 "%zu and %zu samples: the test cannot reach p < %g; medians and threshold only"
			 " (Mann-Whitney's smallest p is %.2g; the %.3g%% threshold decided)",
			 a->nsamples, b->nsamples, o->significance, min_p, 100 * row->threshold);
	} else if (row->verdict == TB_VERDICT_TOO_FEW) {
		snprintf(row->note, sizeof(row->note),
			 "%zu and %zu samples: the test cannot reach p < %g (lower --significance)",
			 a->nsamples, b->nsamples, o->significance);
	} else if (!have)
		snprintf(row->note, sizeof(row->note), "no raw samples: medians and threshold only");
	return 0;
}

static int push_key(struct tb_case_key **v, size_t *n, const struct tb_result *r)
{
	if (*n % 64 == 0) {
		struct tb_case_key *nv = realloc(*v, (*n + 64) * sizeof(*nv));
		if (!nv)
			return -1;
		*v = nv;
	}
	key_of(r, &(*v)[(*n)++]);
	return 0;
}

static int order_cmp(const void *x, const void *y, void *ctx)
{
	const struct tb_result *r = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int d = tb_result_key_cmp(&r[i], &r[j]);
	return d ? d : (i > j) - (i < j);
}

/* the first unused case of old with b's key (old sorted by order), or old->n */
static size_t find_unused(const struct tb_resultset *old, const size_t *order, const bool *used,
			  const struct tb_result *b)
{
	size_t lo = 0, hi = old->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tb_result_key_cmp(&old->r[order[mid]], b) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < old->n && !tb_result_key_cmp(&old->r[order[lo]], b); lo++)
		if (!used[order[lo]])
			return order[lo];
	return old->n;
}

static int push_diff(struct tb_fp_diff **v, size_t *n, const char *key, const char *ov,
		     const char *nv)
{
	if (*n % 64 == 0) {
		struct tb_fp_diff *d = realloc(*v, (*n + 64) * sizeof(*d));
		if (!d)
			return -1;
		*v = d;
	}
	struct tb_fp_diff *d = &(*v)[*n];
	d->key = strdup(key);
	d->old_value = strdup(ov ? ov : "");
	d->new_value = strdup(nv ? nv : "");
	(*n)++;
	return d->key && d->old_value && d->new_value ? 0 : -1;
}

/* linear: the lists are hashed (probes/kv.h) */
static int fp_compare(struct tb_comparison *c, const struct tb_kvlist *a,
		      const struct tb_kvlist *b)
{
	if (!a->n || !b->n) /* a side without a fingerprint: nothing to compare */
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const char *k = a->v[i].key;
		const char *nv = tb_kv_get(b, k);
		if (nv && !strcmp(nv, a->v[i].value))
			continue;
		if (tb_fp_key_stable(k) ? push_diff(&c->fp_diffs, &c->nfp_diffs, k, a->v[i].value, nv)
		    : tb_fp_key_shown(k) ? push_diff(&c->ctx_diffs, &c->nctx_diffs, k, a->v[i].value, nv)
		    : 0)
			return -1;
	}
	for (size_t i = 0; i < b->n; i++)
		if (tb_fp_key_stable(b->v[i].key) && !tb_kv_get(a, b->v[i].key))
			if (push_diff(&c->fp_diffs, &c->nfp_diffs, b->v[i].key, NULL, b->v[i].value))
				return -1;
	return 0;
}

static bool set_has_metric(const struct tb_resultset *rs, const struct tb_compare_opts *o)
{
	for (size_t i = 0; i < rs->n; i++)
		if (!isnan(metric_median(o, &rs->r[i])))
			return true;
	return false;
}

int tb_compare(const struct tb_resultset *old, const struct tb_resultset *new,
	       const struct tb_compare_opts *o, struct tb_comparison *cmp, char *err,
	       size_t errlen)
{
	memset(cmp, 0, sizeof(*cmp));
	cmp->opts = *o;
	if (!(cmp->opts.confidence > 0))
		cmp->opts.confidence = 1 - o->significance;
	o = &cmp->opts;
	if (tb_compare_rules_match(o, old, new, err, errlen))
		return -1;
	bool insns = new->n ? tb_result_is_insns(&new->r[0]) : old->n && tb_result_is_insns(&old->r[0]);
	snprintf(cmp->metric_name, sizeof(cmp->metric_name), "%s",
		 is_time(o) ? (insns ? TB_METRIC_INSNS : TB_METRIC_TIME) : metric_name(o));
	if (is_time(o)) {
		snprintf(cmp->metric_unit, sizeof(cmp->metric_unit), "%s", insns ? "insn" : "ns");
	} else {
		snprintf(cmp->metric_unit, sizeof(cmp->metric_unit), "per call");
		if (!set_has_metric(old, o) && !set_has_metric(new, o))
			return tb_err(err, errlen,
				      "metric '%s': neither result set has this counter (allowed: time or a ctr_ column name)",
				      o->metric);
		snprintf(cmp->metric_note, sizeof(cmp->metric_note),
			 "%s: per-sample counter values are not stored, so medians are compared against the threshold without a test",
			 metric_name(o));
	}
	cmp->rows = calloc(new->n ? new->n : 1, sizeof(*cmp->rows));
	bool *used = calloc(old->n ? old->n : 1, sizeof(bool));
	size_t *order = malloc((old->n ? old->n : 1) * sizeof(*order));
	if (!cmp->rows || !used || !order)
		goto oom;
	for (size_t j = 0; j < old->n; j++)
		order[j] = j;
	qsort_r(order, old->n, sizeof(*order), order_cmp, old->r);
	for (size_t i = 0; i < new->n; i++) {
		const struct tb_result *b = &new->r[i];
		size_t j = find_unused(old, order, used, b);
		if (j == old->n) {
			if (push_key(&cmp->only_new, &cmp->nonly_new, b))
				goto oom;
			continue;
		}
		used[j] = true;
		struct tb_compare_row *row = &cmp->rows[cmp->nrows++];
		if (compare_case(o, &old->r[j], b, row))
			goto oom;
		cmp->nfew += row->too_few;
		if (usable(b) && !isnan(metric_median(o, b)))
			cmp->nmeasured++;
		switch (row->verdict) {
		case TB_VERDICT_SLOWER: cmp->nslower++; break;
		case TB_VERDICT_FASTER: cmp->nfaster++; break;
		case TB_VERDICT_TOO_FEW: cmp->ntoofew++; break;
		case TB_VERDICT_NOT_OK: cmp->nnotok++; break;
		default: cmp->nunchanged++; break;
		}
	}
	for (size_t j = 0; j < old->n; j++)
		if (!used[j] && push_key(&cmp->only_old, &cmp->nonly_old, &old->r[j]))
			goto oom;
	free(used);
	free(order);
	if (fp_compare(cmp, &old->fingerprint, &new->fingerprint))
		goto oom2;
	return 0;
oom:
	free(used);
	free(order);
oom2:
	tb_comparison_free(cmp);
	return tb_err(err, errlen, "out of memory comparing results");
}

void tb_comparison_free(struct tb_comparison *cmp)
{
	free(cmp->rows);
	free(cmp->only_old);
	free(cmp->only_new);
	for (size_t i = 0; i < cmp->nfp_diffs; i++) {
		free(cmp->fp_diffs[i].key);
		free(cmp->fp_diffs[i].old_value);
		free(cmp->fp_diffs[i].new_value);
	}
	free(cmp->fp_diffs);
	for (size_t i = 0; i < cmp->nctx_diffs; i++) {
		free(cmp->ctx_diffs[i].key);
		free(cmp->ctx_diffs[i].old_value);
		free(cmp->ctx_diffs[i].new_value);
	}
	free(cmp->ctx_diffs);
	memset(cmp, 0, sizeof(*cmp));
}
