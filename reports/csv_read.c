/*
 * csv_read.c - the tbench CSV schemas read back through the row reader
 * (csv_rows.c): summary, samples, key,value.  Each value is parsed here
 * (a number, an integer, a string that fits); what the values mean
 * together is checked by the loader (load_check.c) for every format.
 */
#define _GNU_SOURCE /* qsort_r */
#include "csv_read.h"

#include "../kernels/common.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CTRS 64       /* ctr_ columns of a summary */
#define MAX_KEYS 1000000  /* rows of a key,value file */

/* ---- summary ---- */

enum { C_SCHEMA, C_NAME, C_FAMILY, C_VARIANT, C_MODE, C_N, C_ROWS, C_COLS, C_THREADS,
       C_STATUS, C_SAMPLES, C_ITERS, C_MIN, C_MEDIAN, C_MEAN, C_SD, C_MAD, C_CV,
       C_P5, C_P25, C_P75, C_P95, C_CILO, C_CIHI, C_OMILD, C_OSEV,
       C_BYTES, C_FLOPS, C_ITEMS, C_UNIT, C_IPS, C_GBPS, C_LIMIT, C_IPC, C_NOTE,
       C_METRIC, C_RUNS, C_NFIXED };

#include "csv_columns.h"
_Static_assert(C_NFIXED == TB_CSV_NCOLS, "csv_read.c's column enum must follow csv_columns.h");

const char *const tb_csv_lfields[TB_LF_COUNT] = {
	[TB_LF_N] = "n", [TB_LF_ROWS] = "rows", [TB_LF_COLS] = "cols",
	[TB_LF_THREADS] = "threads", [TB_LF_STATUS] = "status", [TB_LF_METRIC] = "metric",
	[TB_LF_SAMPLES] = "samples", [TB_LF_ITERS] = "iters_per_sample", [TB_LF_RUNS] = "runs",
	[TB_LF_MIN] = "min_ns", [TB_LF_MEDIAN] = "median_ns", [TB_LF_MEAN] = "mean_ns",
	[TB_LF_SD] = "sd_ns", [TB_LF_MAD] = "mad_ns", [TB_LF_CV] = "cv", [TB_LF_P5] = "p5_ns",
	[TB_LF_P25] = "p25_ns", [TB_LF_P75] = "p75_ns", [TB_LF_P95] = "p95_ns",
	[TB_LF_CILO] = "ci_low_ns", [TB_LF_CIHI] = "ci_high_ns",
	[TB_LF_OMILD] = "outliers_mild", [TB_LF_OSEV] = "outliers_severe",
	[TB_LF_BYTES] = "bytes_per_iter", [TB_LF_FLOPS] = "flops_per_iter",
	[TB_LF_ITEMS] = "items_per_iter", [TB_LF_IPS] = "items_per_s", [TB_LF_GBPS] = "gbps",
	[TB_LF_LIMIT] = "limit_share", [TB_LF_IPC] = "items_per_cycle",
	[TB_LF_COUNTERS] = "ctr_", [TB_LF_RAW] = "ns_per_iter",
};

struct sum_ctx {
	const char *path;
	struct tb_load *ld;
	int col[C_NFIXED];
	int ctr_col[MAX_CTRS];
	char *ctr_name[MAX_CTRS];
	size_t nctr;
	size_t nf; /* fields of the header: every row has as many */
	bool have_header;
};

static int parse_num(const char *path, size_t line, const char *col, const char *s, double *out,
		     bool allow_negative, char *err, size_t errlen)
{
	if (!*s) {
		*out = NAN;
		return 0;
	}
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end || errno == ERANGE || isnan(v) || isinf(v))
		return tb_err(err, errlen, "%s:%zu: column %s: '%s' is not a finite number", path,
			      line, col, s);
	if (!allow_negative && v < 0)
		return tb_err(err, errlen, "%s:%zu: column %s: %s is negative", path, line, col, s);
	*out = v;
	return 0;
}

static int parse_u64(const char *path, size_t line, const char *col, const char *s,
		     uint64_t *out, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-' || *s == '+')
		return tb_err(err, errlen, "%s:%zu: column %s: '%s' is not a non-negative integer",
			      path, line, col, s);
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || errno == ERANGE)
		return tb_err(err, errlen, "%s:%zu: column %s: '%s' is not a non-negative integer",
			      path, line, col, s);
	*out = v;
	return 0;
}

static int copy_str(const char *path, size_t line, const char *col, const char *s, char *dst,
		    size_t cap, char *err, size_t errlen)
{
	if (strlen(s) >= cap)
		return tb_err(err, errlen, "%s:%zu: column %s: value longer than %zu characters",
			      path, line, col, cap - 1);
	strcpy(dst, s);
	return 0;
}

/* every row has the header's fields: a row cut short is refused */
static int complete(const char *path, size_t line, size_t nf, size_t want, char *err,
		    size_t errlen)
{
	if (nf == want)
		return 0;
	return tb_err(err, errlen, "%s:%zu: %zu fields, the header has %zu (%s)", path, line, nf,
		      want, nf < want ? "the row is cut short" : "extra fields");
}

static int summary_header(struct sum_ctx *c, size_t line, char **f, size_t nf, char *err,
			  size_t errlen)
{
	for (int k = 0; k < C_NFIXED; k++)
		c->col[k] = -1;
	for (size_t i = 0; i < nf; i++) {
		for (int k = 0; k < C_NFIXED; k++)
			if (!strcmp(f[i], tb_csv_columns[k])) {
				if (c->col[k] >= 0)
					return tb_err(err, errlen, "%s:%zu: duplicate column '%s'",
						      c->path, line, f[i]);
				c->col[k] = (int)i;
			}
		if (!strncmp(f[i], "ctr_", 4) && f[i][4]) {
			if (c->nctr == MAX_CTRS)
				return tb_err(err, errlen, "%s:%zu: more than %d ctr_ columns",
					      c->path, line, MAX_CTRS);
			for (size_t j = 0; j < c->nctr; j++)
				if (!strcmp(c->ctr_name[j], f[i] + 4))
					return tb_err(err, errlen, "%s:%zu: duplicate column '%s'",
						      c->path, line, f[i]);
			c->ctr_col[c->nctr] = (int)i;
			c->ctr_name[c->nctr] = strdup(f[i] + 4);
			if (!c->ctr_name[c->nctr])
				return tb_err(err, errlen, "out of memory");
			c->nctr++;
		}
	}
	static const int required[] = {C_SCHEMA, C_FAMILY, C_VARIANT, C_MODE, C_N, C_THREADS,
				       C_MEDIAN};
	for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++)
		if (c->col[required[k]] < 0)
			return tb_err(err, errlen,
				      "%s:%zu: missing column '%s' (is this a tbench summary CSV?)",
				      c->path, line, tb_csv_columns[required[k]]);
	c->nf = nf;
	c->have_header = true;
	return 0;
}

static int summary_row(void *ctx, size_t line, char **f, size_t nf, char *err, size_t errlen)
{
	struct sum_ctx *c = ctx;
	if (!c->have_header)
		return summary_header(c, line, f, nf, err, errlen);
	const char *p = c->path;
	if (complete(p, line, nf, c->nf, err, errlen))
		return -1;
#define FIELD(k) (c->col[k] >= 0 ? f[c->col[k]] : "")
	if (strcmp(FIELD(C_SCHEMA), TB_SCHEMA))
		return tb_err(err, errlen, "%s:%zu: schema '%s' is not supported (expected %s)",
			      p, line, FIELD(C_SCHEMA), TB_SCHEMA);
	if (c->ld->nc >= TB_LOAD_MAX_CASES)
		return tb_err(err, errlen, "%s:%zu: more than %d cases", p, line, TB_LOAD_MAX_CASES);
	struct tb_result *r = tb_load_add(c->ld, "%s:%zu", p, line);
	if (!r)
		return tb_err(err, errlen, "out of memory");
	if (copy_str(p, line, "family", FIELD(C_FAMILY), r->family, sizeof(r->family), err, errlen) ||
	    copy_str(p, line, "variant", FIELD(C_VARIANT), r->variant, sizeof(r->variant), err, errlen) ||
	    copy_str(p, line, "mode", FIELD(C_MODE), r->mode, sizeof(r->mode), err, errlen) ||
	    copy_str(p, line, "status", *FIELD(C_STATUS) ? FIELD(C_STATUS) : "ok", r->status,
		     sizeof(r->status), err, errlen) ||
	    copy_str(p, line, "note", FIELD(C_NOTE), r->note, sizeof(r->note), err, errlen) ||
	    copy_str(p, line, "item_unit", FIELD(C_UNIT), r->unit, sizeof(r->unit), err, errlen) ||
	    copy_str(p, line, "metric", *FIELD(C_METRIC) ? FIELD(C_METRIC) : TB_METRIC_TIME,
		     r->metric, sizeof(r->metric), err, errlen))
		return -1;
	uint64_t th, u;
	if (parse_u64(p, line, "n", FIELD(C_N), &r->n, err, errlen) ||
	    parse_u64(p, line, "threads", FIELD(C_THREADS), &th, err, errlen))
		return -1;
	if (th == 0 || th > 4096)
		return tb_err(err, errlen, "%s:%zu: column threads: %" PRIu64 " is out of range (1-4096)",
			      p, line, th);
	r->threads = (unsigned)th;
	r->rows = 1;
	r->cols = r->n;
	if (*FIELD(C_ROWS) && parse_u64(p, line, "rows", FIELD(C_ROWS), &r->rows, err, errlen))
		return -1;
	if (*FIELD(C_COLS) && parse_u64(p, line, "cols", FIELD(C_COLS), &r->cols, err, errlen))
		return -1;
	if (*FIELD(C_ITERS) && parse_u64(p, line, "iters_per_sample", FIELD(C_ITERS), &r->iters, err, errlen))
		return -1;
	struct tb_load_case *lc = tb_load_last(c->ld);
	if (*FIELD(C_SAMPLES)) {
		if (parse_u64(p, line, "samples", FIELD(C_SAMPLES), &u, err, errlen))
			return -1;
		lc->declared_samples = u > 10000000 ? 10000001 : (size_t)u;
	}
	struct { int k; double *dst; } nums[] = {
		{C_MIN, &r->st.min}, {C_MEDIAN, &r->st.median}, {C_MEAN, &r->st.mean},
		{C_SD, &r->st.sd}, {C_MAD, &r->st.mad}, {C_CV, &r->st.cv}, {C_P5, &r->st.p5},
		{C_P25, &r->st.p25}, {C_P75, &r->st.p75}, {C_P95, &r->st.p95},
		{C_CILO, &r->st.ci_low}, {C_CIHI, &r->st.ci_high}, {C_BYTES, &r->bytes},
		{C_FLOPS, &r->flops}, {C_ITEMS, &r->items}, {C_IPS, &r->items_per_s},
		{C_GBPS, &r->gbps}, {C_LIMIT, &r->limit_share}, {C_IPC, &r->items_per_cycle},
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		if (parse_num(p, line, tb_csv_columns[nums[i].k], FIELD(nums[i].k), nums[i].dst,
			      false, err, errlen))
			return -1;
	lc->declared_median = r->st.median;
	if (*FIELD(C_RUNS)) {
		if (parse_u64(p, line, "runs", FIELD(C_RUNS), &u, err, errlen))
			return -1;
		if (u == 0)
			return tb_err(err, errlen, "%s:%zu: column runs: 0 is out of range (1-1000000)",
				      p, line);
		r->runs = u > 1000000 ? 1000001 : (size_t)u;
	}
	if (*FIELD(C_OMILD)) {
		if (parse_u64(p, line, "outliers_mild", FIELD(C_OMILD), &u, err, errlen))
			return -1;
		r->st.outliers_mild = u > 10000000 ? 10000001 : (size_t)u;
	}
	if (*FIELD(C_OSEV)) {
		if (parse_u64(p, line, "outliers_severe", FIELD(C_OSEV), &u, err, errlen))
			return -1;
		r->st.outliers_severe = u > 10000000 ? 10000001 : (size_t)u;
	}
	for (size_t j = 0; j < c->nctr; j++) {
		if (!*f[c->ctr_col[j]])
			continue;
		double v;
		char col[128];
		snprintf(col, sizeof(col), "ctr_%s", c->ctr_name[j]);
		if (parse_num(p, line, col, f[c->ctr_col[j]], &v, true, err, errlen))
			return -1;
		if (tb_result_add_metric(r, c->ctr_name[j], NAN, v))
			return tb_err(err, errlen, "out of memory");
	}
	if (!c->ld->rs->name[0] && *FIELD(C_NAME))
		snprintf(c->ld->rs->name, sizeof(c->ld->rs->name), "%s", FIELD(C_NAME));
	return 0;
#undef FIELD
}

int tb_csv_load_summary(struct tb_load *ld, int dirfd, const char *path, const char *name,
			char *err, size_t errlen)
{
	struct sum_ctx c = {.path = name, .ld = ld};
	int rc = tb_csv_read_rows_at(dirfd, path, name, summary_row, &c, err, errlen);
	for (size_t j = 0; j < c.nctr; j++)
		free(c.ctr_name[j]);
	if (rc == 0 && !c.have_header)
		rc = tb_err(err, errlen, "%s: no header row", name);
	return rc ? tb_csv_one_line(err, errlen) : 0;
}

int tb_csv_read_summary(const char *path, struct tb_resultset *rs, char *err, size_t errlen)
{
	struct tb_load ld;
	tb_load_init(&ld, rs, ": column ", tb_csv_lfields);
	int rc = tb_csv_load_summary(&ld, AT_FDCWD, path, path, err, errlen);
	if (!rc)
		rc = tb_load_check(&ld, err, errlen);
	tb_load_free(&ld);
	return rc;
}

/* ---- samples ---- */

enum { S_SCHEMA, S_FAMILY, S_VARIANT, S_MODE, S_N, S_THREADS, S_SAMPLE, S_ITERS, S_NS,
       S_METRIC, S_ROWS, S_COLS, S_NCOLS };
static const char *const smp_cols[S_NCOLS] = {
	"schema", "family", "variant", "mode", "n", "threads", "sample", "iters", "ns_per_iter",
	"metric", "rows", "cols"};
static const bool smp_optional[S_NCOLS] = {[S_SAMPLE] = true, [S_ITERS] = true,
					   [S_METRIC] = true, [S_ROWS] = true, [S_COLS] = true};

struct smp_ctx {
	const char *path;
	struct tb_resultset *rs;
	struct tb_load *ld; /* NULL: no summary to check against */
	size_t first, n;    /* the cases samples may belong to: rs->r[first, first + n) */
	int col[S_NCOLS];
	size_t nf;
	bool have_header, shaped; /* shaped: rows and cols columns (else n alone) */
	size_t *cap;
	size_t *order; /* indexes of rs->r sorted by key, so a row finds its case in log n */
};

/* key order; without the shape columns (files before they existed) a
 * row finds the first shape of its n (tb_result_key_cmp puts them next to
 * each other) */
static int smp_key_cmp(const struct tb_result *a, const struct tb_result *b, bool shaped)
{
	return shaped ? tb_result_key_cmp(a, b) : tb_result_key_cmp_unshaped(a, b);
}

static int smp_order_cmp(const void *x, const void *y, void *ctx)
{
	const struct tb_resultset *rs = ctx;
	return tb_result_key_cmp(&rs->r[*(const size_t *)x], &rs->r[*(const size_t *)y]);
}

/* the position in order of the first case with key k, or -1 */
static long find_case(const struct smp_ctx *c, const struct tb_result *k)
{
	size_t lo = 0, hi = c->n;
	while (lo < hi) { /* first position whose key is >= k */
		size_t mid = lo + (hi - lo) / 2;
		if (smp_key_cmp(&c->rs->r[c->order[mid]], k, c->shaped) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->n && !smp_key_cmp(&c->rs->r[c->order[lo]], k, c->shaped))
		return (long)lo;
	return -1;
}

static int samples_header(struct smp_ctx *c, size_t line, char **f, size_t nf, char *err,
			  size_t errlen)
{
	for (int k = 0; k < S_NCOLS; k++) {
		c->col[k] = -1;
		for (size_t i = 0; i < nf; i++)
			if (!strcmp(f[i], smp_cols[k]))
				c->col[k] = (int)i;
		if (c->col[k] < 0 && !smp_optional[k])
			return tb_err(err, errlen, "%s:%zu: missing column '%s' (is this a tbench samples CSV?)",
				      c->path, line, smp_cols[k]);
	}
	c->shaped = c->col[S_ROWS] >= 0 && c->col[S_COLS] >= 0;
	c->nf = nf;
	c->have_header = true;
	for (size_t i = 0; i < c->n; i++)
		c->order[i] = c->first + i;
	qsort_r(c->order, c->n, sizeof(*c->order), smp_order_cmp, c->rs);
	return 0;
}

static int samples_row(void *ctx, size_t line, char **f, size_t nf, char *err, size_t errlen)
{
	struct smp_ctx *c = ctx;
	if (!c->have_header)
		return samples_header(c, line, f, nf, err, errlen);
	const char *p = c->path;
	if (complete(p, line, nf, c->nf, err, errlen))
		return -1;
	if (strcmp(f[c->col[S_SCHEMA]], TB_SCHEMA))
		return tb_err(err, errlen, "%s:%zu: schema '%s' is not supported (expected %s)",
			      p, line, f[c->col[S_SCHEMA]], TB_SCHEMA);
	struct tb_result key;
	memset(&key, 0, sizeof(key));
	uint64_t th, iters = 0;
	if (copy_str(p, line, "family", f[c->col[S_FAMILY]], key.family, sizeof(key.family), err, errlen) ||
	    copy_str(p, line, "variant", f[c->col[S_VARIANT]], key.variant, sizeof(key.variant), err, errlen) ||
	    copy_str(p, line, "mode", f[c->col[S_MODE]], key.mode, sizeof(key.mode), err, errlen) ||
	    parse_u64(p, line, "n", f[c->col[S_N]], &key.n, err, errlen) ||
	    parse_u64(p, line, "threads", f[c->col[S_THREADS]], &th, err, errlen))
		return -1;
	if (th == 0 || th > 4096)
		return tb_err(err, errlen, "%s:%zu: column threads: %" PRIu64 " is out of range (1-4096)",
			      p, line, th);
	key.threads = (unsigned)th;
	if (c->shaped && (parse_u64(p, line, "rows", f[c->col[S_ROWS]], &key.rows, err, errlen) ||
			  parse_u64(p, line, "cols", f[c->col[S_COLS]], &key.cols, err, errlen)))
		return -1;
	if (c->col[S_ITERS] >= 0 && parse_u64(p, line, "iters", f[c->col[S_ITERS]], &iters, err, errlen))
		return -1;
	double v;
	if (parse_num(p, line, "ns_per_iter", f[c->col[S_NS]], &v, false, err, errlen))
		return -1;
	if (isnan(v))
		return tb_err(err, errlen, "%s:%zu: empty ns_per_iter", p, line);
	if (v > TB_LOAD_MAX_PER_CALL)
		return tb_err(err, errlen, "%s:%zu: column ns_per_iter: %s is out of range (at most %g)",
			      p, line, f[c->col[S_NS]], TB_LOAD_MAX_PER_CALL);
	long at = find_case(c, &key);
	char ks[256];
	if (at < 0) {
		tb_result_key_str(&key, ks, sizeof(ks));
		if (!c->shaped)
			snprintf(ks, sizeof(ks), "%s/%s/%s/n=%" PRIu64 "/threads=%u", key.family,
				 key.variant, key.mode, key.n, key.threads);
		return tb_err(err, errlen, "%s:%zu: sample of a case not in the summary (%s)", p,
			      line, ks);
	}
	size_t i = c->order[at];
	if (!c->shaped && (size_t)at + 1 < c->n &&
	    !smp_key_cmp(&c->rs->r[c->order[at + 1]], &key, false) &&
	    tb_result_key_cmp(&c->rs->r[c->order[at + 1]], &c->rs->r[i]))
		return tb_err(err, errlen, "%s:%zu: n=%" PRIu64 " has two shapes in the summary and "
			      "this file has no rows and cols columns to tell them apart", p, line,
			      key.n);
	struct tb_result *r = &c->rs->r[i];
	if (c->col[S_METRIC] >= 0 && *f[c->col[S_METRIC]] && strcmp(f[c->col[S_METRIC]], r->metric))
		return tb_err(err, errlen, "%s:%zu: metric '%s', but the summary's case has %s",
			      p, line, f[c->col[S_METRIC]], r->metric);
	/* one run: every sample ran the calls per sample the summary declares */
	if (c->ld && c->col[S_ITERS] >= 0 && r->iters && r->runs <= 1 && iters != r->iters)
		return tb_err(err, errlen, "%s:%zu: %" PRIu64 " calls per sample, but %s declares %" PRIu64
			      " (the samples of another run?)", p, line, iters,
			      c->ld->c[i - c->ld->first].where, r->iters);
	if (r->nsamples == c->cap[i - c->first]) {
		size_t cap = c->cap[i - c->first] ? c->cap[i - c->first] * 2 : 128;
		double *ns = realloc(r->samples, cap * sizeof(double));
		if (!ns)
			return tb_err(err, errlen, "out of memory");
		r->samples = ns;
		c->cap[i - c->first] = cap;
	}
	r->samples[r->nsamples++] = v;
	return 0;
}

/* samples of rs->r[first, first + n) from one file */
static int read_samples(struct smp_ctx *c, int dirfd, const char *path, char *err, size_t errlen)
{
	c->cap = calloc(c->n ? c->n : 1, sizeof(size_t));
	c->order = malloc((c->n ? c->n : 1) * sizeof(size_t));
	int rc;
	if (!c->cap || !c->order) {
		rc = tb_err(err, errlen, "out of memory");
	} else {
		for (size_t i = c->first; i < c->first + c->n; i++) {
			free(c->rs->r[i].samples);
			c->rs->r[i].samples = NULL;
			c->rs->r[i].nsamples = 0;
		}
		rc = tb_csv_read_rows_at(dirfd, path, c->path, samples_row, c, err, errlen);
	}
	free(c->cap);
	free(c->order);
	return rc;
}

int tb_csv_load_samples(struct tb_load *ld, int dirfd, const char *path, const char *name,
			char *err, size_t errlen)
{
	struct smp_ctx c = {.path = name, .rs = ld->rs, .ld = ld, .first = ld->first, .n = ld->nc};
	snprintf(ld->samples_from, sizeof(ld->samples_from), "%s", name);
	return read_samples(&c, dirfd, path, err, errlen);
}

int tb_csv_read_samples(const char *path, struct tb_resultset *rs, char *err, size_t errlen)
{
	struct smp_ctx c = {.path = path, .rs = rs, .n = rs->n};
	int rc = read_samples(&c, AT_FDCWD, path, err, errlen);
	for (size_t i = 0; !rc && i < rs->n; i++) {
		struct tb_result *r = &rs->r[i];
		if (!r->nsamples)
			continue;
		double ls = r->limit_share, ipc = r->items_per_cycle;
		tb_result_derive(r);
		r->limit_share = ls;
		r->items_per_cycle = ipc;
	}
	return rc;
}

/* ---- key/value ---- */

struct kv_ctx { const char *path; struct tb_kvlist *kv; size_t first, nf; bool header; };

static int kv_row(void *ctx, size_t line, char **f, size_t nf, char *err, size_t errlen)
{
	struct kv_ctx *c = ctx;
	if (!c->header) {
		c->header = true;
		c->nf = nf;
		if (nf >= 2 && !strcmp(f[0], "key") && !strcmp(f[1], "value"))
			return 0;
		return tb_err(err, errlen, "%s:%zu: expected the header 'key,value'", c->path, line);
	}
	if (nf != c->nf)
		return tb_err(err, errlen, "%s:%zu: %zu fields, expected key,value%s", c->path, line,
			      nf, c->nf > 2 ? " and the header's other columns" : "");
	if (!f[0][0])
		return tb_err(err, errlen, "%s:%zu: empty key", c->path, line);
	if (c->kv->n - c->first >= MAX_KEYS)
		return tb_err(err, errlen, "%s:%zu: more than %d keys", c->path, line, MAX_KEYS);
	if (tb_kv_find(c->kv, f[0]) >= (long)c->first)
		return tb_err(err, errlen, "%s:%zu: duplicate key '%s'", c->path, line, f[0]);
	return tb_kv_set(c->kv, f[0], f[1]) ? tb_err(err, errlen, "out of memory") : 0;
}

int tb_csv_read_kv_at(int dirfd, const char *path, const char *name, struct tb_kvlist *kv,
		      char *err, size_t errlen)
{
	struct kv_ctx c = {.path = name, .kv = kv, .first = kv->n};
	return tb_csv_read_rows_at(dirfd, path, name, kv_row, &c, err, errlen);
}

int tb_csv_read_kv(const char *path, struct tb_kvlist *kv, char *err, size_t errlen)
{
	return tb_csv_read_kv_at(AT_FDCWD, path, path, kv, err, errlen);
}
