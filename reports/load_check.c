/*
 * load_check.c - the checks every loaded result set passes, whatever its
 * format (loader.h): keys, ranges, status, samples against the summary,
 * duplicates (sorted once: n log n), then statistics re-derived from the
 * raw samples so what is compared is what the samples say.
 */
#define _GNU_SOURCE /* qsort_r, vasprintf */
#include "loader.h"

#include "../kernels/common.h"
#include "csv_read.h"

#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void tb_load_init(struct tb_load *ld, struct tb_resultset *rs, const char *sep,
		  const char *const *fields)
{
	static const struct tb_read_opts defaults = {.gbench_time = TB_GBENCH_REAL};
	memset(ld, 0, sizeof(*ld));
	ld->ro = &defaults;
	ld->rs = rs;
	ld->first = rs->n;
	ld->sep = sep;
	ld->fields = fields;
}

struct tb_result *tb_load_add(struct tb_load *ld, const char *fmt, ...)
{
	if (ld->nc == ld->cap) {
		size_t cap = ld->cap ? ld->cap * 2 : 64;
		struct tb_load_case *c = realloc(ld->c, cap * sizeof(*c));
		if (!c)
			return NULL;
		ld->c = c;
		ld->cap = cap;
	}
	struct tb_load_case *c = &ld->c[ld->nc];
	va_list ap;
	va_start(ap, fmt);
	int k = vasprintf(&c->where, fmt, ap);
	va_end(ap);
	if (k < 0)
		return NULL;
	struct tb_result *r = tb_resultset_add(ld->rs);
	if (!r) {
		free(c->where);
		return NULL;
	}
	c->declared_samples = TB_LOAD_UNKNOWN;
	c->declared_median = c->declared_mean = NAN;
	c->run_counts = 0;
	c->status[0] = 0;
	ld->nc++;
	return r;
}

struct tb_load_case *tb_load_last(struct tb_load *ld)
{
	return ld->nc ? &ld->c[ld->nc - 1] : NULL;
}

int tb_load_samples(struct tb_result *r, const double *v, size_t n)
{
	free(r->samples);
	r->samples = NULL;
	r->nsamples = 0;
	if (!n)
		return 0;
	if (!(r->samples = malloc(n * sizeof(*v))))
		return -1;
	memcpy(r->samples, v, n * sizeof(*v));
	r->nsamples = n;
	return 0;
}

bool tb_load_agrees(double declared, double derived)
{
	return fabs(declared - derived) <= 1e-6 * fmax(fabs(declared), fabs(derived)) + 1e-12;
}

int tb_load_run_counts(struct tb_load *ld, struct tb_result *r, const size_t *v, size_t n)
{
	free(r->run_n);
	r->run_n = n ? malloc(n * sizeof(*v)) : NULL;
	if (n && !r->run_n)
		return -1;
	if (n)
		memcpy(r->run_n, v, n * sizeof(*v));
	tb_load_last(ld)->run_counts = n;
	return 0;
}

void tb_load_free(struct tb_load *ld)
{
	for (size_t i = 0; i < ld->nc; i++)
		free(ld->c[i].where);
	free(ld->c);
	ld->c = NULL;
	ld->nc = ld->cap = 0;
}

size_t tb_load_head(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	ssize_t n = -1;
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, buf, len ? len - 1 : 0);
	close(fd);
	if (n <= 0)
		return 0;
	size_t o = 0, m = (size_t)n;
	if (m >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		o = 3;
	while (o < m && (buf[o] == ' ' || buf[o] == '\t' || buf[o] == '\r' || buf[o] == '\n'))
		o++;
	memmove(buf, buf + o, m - o);
	buf[m - o] = 0;
	return m - o;
}

/* "where<sep>field: message" (field NULL: "where: message") */
static int fail(const struct tb_load *ld, size_t i, int field, char *err, size_t errlen,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int fail(const struct tb_load *ld, size_t i, int field, char *err, size_t errlen,
		const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (field >= 0)
		tb_err(err, errlen, "%s%s%s: %s", ld->c[i].where, ld->sep, ld->fields[field], msg);
	else
		tb_err(err, errlen, "%s: %s", ld->c[i].where, msg);
	return tb_csv_one_line(err, errlen);
}

/* NaN (unknown) or a finite number in [lo, hi] */
static int range(const struct tb_load *ld, size_t i, int field, double v, double lo, double hi,
		 char *err, size_t errlen)
{
	if (isnan(v))
		return 0;
	if (!isfinite(v))
		return fail(ld, i, field, err, errlen, "%g is not a finite number", v);
	if (v < lo)
		return fail(ld, i, field, err, errlen, "%.10g is %s", v,
			    lo == 0 ? "negative" : "out of range");
	if (v > hi)
		return fail(ld, i, field, err, errlen, "%.10g is out of range (at most %g)", v, hi);
	return 0;
}

static bool measured(const struct tb_result *r)
{
	return tb_status_measured(r->status);
}

static int check_key(const struct tb_load *ld, size_t i, struct tb_result *r, char *err,
		     size_t errlen)
{
	if (!r->family[0] || !r->variant[0] || !r->mode[0])
		return fail(ld, i, -1, err, errlen, "empty family, variant or mode");
	const char *st = ld->c[i].status;
	if (st[0] && tb_status_parse(st, &r->status)) {
		char allowed[128];
		tb_status_list(allowed, sizeof(allowed));
		return fail(ld, i, TB_LF_STATUS, err, errlen, "'%s' is not a status (allowed: %s)",
			    st, allowed);
	}
	if (strcmp(r->metric, TB_METRIC_TIME) && strcmp(r->metric, TB_METRIC_INSNS))
		return fail(ld, i, TB_LF_METRIC, err, errlen, "'%s' is not %s or %s", r->metric,
			    TB_METRIC_TIME, TB_METRIC_INSNS);
	if (r->n == 0)
		return fail(ld, i, TB_LF_N, err, errlen, "0 is not a size (at least 1)");
	if (r->rows == 0)
		return fail(ld, i, TB_LF_ROWS, err, errlen, "0 is not a size (at least 1)");
	if (r->cols == 0)
		return fail(ld, i, TB_LF_COLS, err, errlen, "0 is not a size (at least 1)");
	uint64_t rc;
	if (__builtin_mul_overflow(r->rows, r->cols, &rc) || rc != r->n)
		return fail(ld, i, TB_LF_N, err, errlen,
			    "%" PRIu64 " is not rows x cols (%" PRIu64 "x%" PRIu64 ")", r->n,
			    r->rows, r->cols);
	if (r->threads == 0 || r->threads > 4096)
		return fail(ld, i, TB_LF_THREADS, err, errlen, "%u is out of range (1-4096)",
			    r->threads);
	if (r->runs > 1000000)
		return fail(ld, i, TB_LF_RUNS, err, errlen, "%zu is out of range (1-1000000)",
			    r->runs);
	return 0;
}

static int check_figures(const struct tb_load *ld, size_t i, const struct tb_result *r,
			 char *err, size_t errlen)
{
	const struct tb_stats *s = &r->st;
	const double M = TB_LOAD_MAX_PER_CALL, F = TB_LOAD_MAX_FIGURE;
	const struct { int f; double v, hi; } v[] = {
		{TB_LF_MIN, s->min, M}, {TB_LF_MEDIAN, s->median, M}, {TB_LF_MEAN, s->mean, M},
		{TB_LF_SD, s->sd, M}, {TB_LF_MAD, s->mad, M}, {TB_LF_CV, s->cv, 1e6},
		{TB_LF_P5, s->p5, M}, {TB_LF_P25, s->p25, M}, {TB_LF_P75, s->p75, M},
		{TB_LF_P95, s->p95, M}, {TB_LF_CILO, s->ci_low, M}, {TB_LF_CIHI, s->ci_high, M},
		{TB_LF_BYTES, r->bytes, F}, {TB_LF_FLOPS, r->flops, F}, {TB_LF_ITEMS, r->items, F},
		{TB_LF_IPS, r->items_per_s, F}, {TB_LF_GBPS, r->gbps, F},
		{TB_LF_LIMIT, r->limit_share, F}, {TB_LF_IPC, r->items_per_cycle, F},
		{TB_LF_BETWEEN, r->between_cv, 1e6}, {TB_LF_WITHIN, r->within_cv, 1e6},
		{TB_LF_DISTURBED, r->disturbed, 1}, {TB_LF_BIMODAL, r->bimodal, 1},
	};
	for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++)
		if (range(ld, i, v[k].f, v[k].v, 0, v[k].hi, err, errlen))
			return -1;
	if (range(ld, i, TB_LF_IMBALANCE, r->imbalance, 1, 1e6, err, errlen)) /* a ratio, >= 1 */
		return -1;
	for (size_t j = 0; j < r->nmetrics; j++) {
		const struct tb_metric *m = &r->metrics[j];
		double x[2] = {m->mean, m->median};
		for (int k = 0; k < 2; k++)
			if (!isnan(x[k]) && !(fabs(x[k]) <= F))
				return fail(ld, i, TB_LF_COUNTERS, err, errlen,
					    "%s: %g is not a finite number of at most %g", m->name,
					    x[k], F);
	}
	if (r->status == TB_STATUS_OK && isnan(s->median) && !r->nsamples)
		return fail(ld, i, TB_LF_MEDIAN, err, errlen, "status ok but no median");
	return 0;
}

/* the raw samples agree with what the summary declares about them */
static int check_samples(const struct tb_load *ld, size_t i, const struct tb_result *r,
			 char *err, size_t errlen)
{
	const struct tb_load_case *c = &ld->c[i];
	const char *from = ld->samples_from;
	char key[256];
	tb_result_key_str(r, key, sizeof(key));
	size_t decl = c->declared_samples;
	size_t outl = r->st.outliers_mild + r->st.outliers_severe;
	if (decl != TB_LOAD_UNKNOWN && outl > decl)
		return fail(ld, i, TB_LF_OSEV, err, errlen,
			    "%zu outliers, more than the %zu samples declared", outl, decl);
	if (!r->nsamples) {
		if (ld->need_samples && measured(r) && (decl == TB_LOAD_UNKNOWN || decl > 0))
			return fail(ld, i, -1, err, errlen,
				    "no raw samples of %s in %s (the summary declares %s)", key,
				    from[0] ? from : "the file",
				    decl == TB_LOAD_UNKNOWN ? "a median" : "samples");
		return 0;
	}
	if (decl != TB_LOAD_UNKNOWN && decl != r->nsamples) {
		if (from[0])
			return tb_err(err, errlen,
				      "%s: %zu samples of %s, but %s declares %zu (truncated, or the samples of another run)",
				      from, r->nsamples, key, c->where, decl),
			       tb_csv_one_line(err, errlen);
		return fail(ld, i, TB_LF_SAMPLES, err, errlen,
			    "%zu declared, but %zu raw samples are given", decl, r->nsamples);
	}
	for (size_t j = 0; j < r->nsamples; j++) {
		double x = r->samples[j];
		if (!(x >= 0 && x <= TB_LOAD_MAX_PER_CALL))
			return fail(ld, i, TB_LF_RAW, err, errlen,
				    "sample %zu: %g is not a number from 0 to %g", j, x,
				    TB_LOAD_MAX_PER_CALL);
	}
	if (r->runs > r->nsamples)
		return fail(ld, i, TB_LF_RUNS, err, errlen, "%zu runs but only %zu samples",
			    r->runs, r->nsamples);
	return 0;
}

/* run_samples: one count per run (2 to TB_RUNS_MAX_LIST runs), each from
 * 1 to 1e8, adding up to the samples (raw, else declared) */
static int check_runs(const struct tb_load *ld, size_t i, const struct tb_result *r, char *err,
		      size_t errlen)
{
	size_t n = ld->c[i].run_counts, runs = r->runs ? r->runs : 1;
	if (!n)
		return 0;
	if (n != runs || n < 2 || n > TB_RUNS_MAX_LIST)
		return n == runs ? fail(ld, i, TB_LF_RUN_SAMPLES, err, errlen,
					"%zu counts: from 2 to %d runs are listed", n, TB_RUNS_MAX_LIST)
				 : fail(ld, i, TB_LF_RUN_SAMPLES, err, errlen, "%zu counts for %zu runs",
					n, runs);
	uint64_t sum = 0;
	for (size_t k = 0; k < n; k++) {
		if (r->run_n[k] < 1 || r->run_n[k] > 100000000)
			return fail(ld, i, TB_LF_RUN_SAMPLES, err, errlen,
				    "count %zu is %zu, not from 1 to 100000000", k + 1, r->run_n[k]);
		sum += r->run_n[k];
	}
	size_t want = r->nsamples ? r->nsamples : ld->c[i].declared_samples;
	if (want != TB_LOAD_UNKNOWN && sum != want)
		return fail(ld, i, TB_LF_RUN_SAMPLES, err, errlen,
			    "the counts add up to %" PRIu64 ", not the %zu samples", sum, want);
	return 0;
}

/* a figure the file declares against the one its raw samples give */
static int agree(const struct tb_load *ld, size_t i, int field, const char *what, double decl,
		 double got, char *err, size_t errlen)
{
	if (isnan(decl) || tb_load_agrees(decl, got))
		return 0;
	const struct tb_result *r = &ld->rs->r[ld->first + i];
	char key[256];
	tb_result_key_str(r, key, sizeof(key));
	return fail(ld, i, field, err, errlen,
		    "%.10g, but the %s of the %zu raw samples of %s%s%s is %.10g (the samples belong to another run?)",
		    decl, what, r->nsamples, key, ld->samples_from[0] ? " in " : "",
		    ld->samples_from, got);
}

/* re-derive from the samples; the declared median (and mean, where the
 * format declares one) must be theirs, within the rounding of a written
 * number */
static int derive(const struct tb_load *ld, size_t i, struct tb_result *r, char *err,
		  size_t errlen)
{
	if (!r->nsamples) { /* medians only: the count is written back as read */
		size_t d = ld->c[i].declared_samples;
		r->samples_declared = d == TB_LOAD_UNKNOWN ? 0 : d;
		return 0;
	}
	double ls = r->limit_share, ipc = r->items_per_cycle;
	r->samples_declared = 0;
	tb_result_derive(r);
	r->limit_share = ls;
	r->items_per_cycle = ipc;
	return agree(ld, i, TB_LF_MEDIAN, "median", ld->c[i].declared_median, r->st.median, err,
		     errlen) ||
	       agree(ld, i, TB_LF_MEAN, "mean", ld->c[i].declared_mean, r->st.mean, err, errlen);
}

static int order_cmp(const void *x, const void *y, void *ctx)
{
	const struct tb_result *r = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int d = tb_result_key_cmp(&r[i], &r[j]);
	return d ? d : (i > j) - (i < j);
}

/* no case twice: sorted once, the later of two equal keys is named */
static int no_duplicates(const struct tb_load *ld, char *err, size_t errlen)
{
	size_t n = ld->nc;
	if (n < 2)
		return 0;
	size_t *order = malloc(n * sizeof(*order));
	if (!order)
		return tb_err(err, errlen, "out of memory");
	const struct tb_result *r = ld->rs->r + ld->first;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, n, sizeof(*order), order_cmp, (void *)r);
	size_t dup = SIZE_MAX, orig = 0;
	for (size_t k = 0; k + 1 < n; k++)
		if (!tb_result_key_cmp(&r[order[k]], &r[order[k + 1]]) &&
		    (dup == SIZE_MAX || order[k + 1] < dup))
			dup = order[k + 1], orig = order[k];
	free(order);
	if (dup == SIZE_MAX)
		return 0;
	char key[256];
	tb_result_key_str(&r[dup], key, sizeof(key));
	return fail(ld, dup, -1, err, errlen, "duplicate case %s (also at %s)", key,
		    ld->c[orig].where);
}

int tb_load_check(struct tb_load *ld, char *err, size_t errlen)
{
	if (ld->nc > TB_LOAD_MAX_CASES)
		return fail(ld, TB_LOAD_MAX_CASES, -1, err, errlen, "more than %d cases",
			    TB_LOAD_MAX_CASES);
	for (size_t i = 0; i < ld->nc; i++)
		if (check_key(ld, i, &ld->rs->r[ld->first + i], err, errlen))
			return -1;
	if (no_duplicates(ld, err, errlen))
		return -1;
	for (size_t i = 0; i < ld->nc; i++) {
		struct tb_result *r = &ld->rs->r[ld->first + i];
		if (check_figures(ld, i, r, err, errlen) || check_samples(ld, i, r, err, errlen) ||
		    check_runs(ld, i, r, err, errlen) || derive(ld, i, r, err, errlen))
			return -1;
	}
	return 0;
}
