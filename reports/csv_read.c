/*
 * csv_read.c - the tbench file schemas read back through the row reader
 * (csv_rows.c): summary, samples, key,value.  Each value is checked (finite,
 * in range, consistent); cases, counters and keys are capped and unique.
 */
#define _GNU_SOURCE /* qsort_r */
#include "csv_read.h"

#include "../kernels/common.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS TB_CSV_MAX_FIELDS
#define MAX_CASES 10000   /* rows of a summary: cases of one run */
#define MAX_CTRS 64       /* ctr_ columns of a summary */
#define MAX_KEYS 10000    /* rows of a key,value file */

/* ---- summary ---- */

enum { C_SCHEMA, C_NAME, C_FAMILY, C_VARIANT, C_MODE, C_N, C_ROWS, C_COLS, C_THREADS,
       C_STATUS, C_SAMPLES, C_ITERS, C_MIN, C_MEDIAN, C_MEAN, C_SD, C_MAD, C_CV,
       C_P5, C_P25, C_P75, C_P95, C_CILO, C_CIHI, C_OMILD, C_OSEV,
       C_BYTES, C_FLOPS, C_ITEMS, C_UNIT, C_IPS, C_GBPS, C_LIMIT, C_IPC, C_NOTE,
       C_METRIC, C_RUNS, C_BETWEEN, C_WITHIN, C_RUN_SAMPLES, C_DISTURBED, C_BIMODAL,
       C_NFIXED };

#include "csv_columns.h"
_Static_assert(C_NFIXED == TB_CSV_NCOLS, "csv_read.c's column enum must follow csv_columns.h");

static int key_cmp(const struct tb_result *a, const struct tb_result *b)
{
	int d = strcmp(a->family, b->family);
	if (!d)
		d = strcmp(a->variant, b->variant);
	if (!d)
		d = strcmp(a->mode, b->mode);
	if (!d)
		d = a->n < b->n ? -1 : a->n > b->n;
	if (!d)
		d = a->threads < b->threads ? -1 : a->threads > b->threads;
	return d;
}

static int order_cmp(const void *x, const void *y, void *ctx)
{
	const struct tb_resultset *rs = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int d = key_cmp(&rs->r[i], &rs->r[j]);
	return d ? d : (i > j) - (i < j);
}

struct sum_ctx {
	const char *path;
	struct tb_resultset *rs;
	size_t first; /* first result of this file in rs */
	int col[C_NFIXED];
	int ctr_col[MAX_CTRS];
	char *ctr_name[MAX_CTRS];
	size_t nctr;
	bool have_header;
	size_t *lines, nlines, cap; /* line of each case, for the duplicate check */
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

static int summary_header(struct sum_ctx *c, size_t line, char **f, size_t nf, char *err,
			  size_t errlen)
{
	for (int k = 0; k < C_NFIXED; k++)
		c->col[k] = -1;
	for (size_t i = 0; i < nf; i++) {
		for (int k = 0; k < C_NFIXED; k++)
			if (!strcmp(f[i], tb_csv_columns[k]) && c->col[k] < 0)
				c->col[k] = (int)i;
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
	c->have_header = true;
	return 0;
}

static int summary_row(void *ctx, size_t line, char **f, size_t nf, char *err, size_t errlen)
{
	struct sum_ctx *c = ctx;
	if (!c->have_header)
		return summary_header(c, line, f, nf, err, errlen);
#define FIELD(k) (c->col[k] >= 0 && (size_t)c->col[k] < nf ? f[c->col[k]] : "")
	for (int k = C_SCHEMA; k <= C_MEDIAN; k++)
		if (c->col[k] >= 0 && (size_t)c->col[k] >= nf)
			return tb_err(err, errlen, "%s:%zu: %zu fields, the header has more (missing '%s')",
				      c->path, line, nf, tb_csv_columns[k]);
	if (strcmp(FIELD(C_SCHEMA), TB_SCHEMA))
		return tb_err(err, errlen, "%s:%zu: schema '%s' is not supported (expected %s)",
			      c->path, line, FIELD(C_SCHEMA), TB_SCHEMA);
	if (c->rs->n - c->first >= MAX_CASES)
		return tb_err(err, errlen, "%s:%zu: more than %d cases", c->path, line, MAX_CASES);
	struct tb_result *r = tb_resultset_add(c->rs);
	if (!r)
		return tb_err(err, errlen, "out of memory");
	const char *p = c->path;
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
	if (strcmp(r->metric, TB_METRIC_TIME) && strcmp(r->metric, TB_METRIC_INSNS))
		return tb_err(err, errlen, "%s:%zu: column metric: '%s' is not %s or %s", p, line,
			      r->metric, TB_METRIC_TIME, TB_METRIC_INSNS);
	if (!r->family[0] || !r->variant[0])
		return tb_err(err, errlen, "%s:%zu: empty family or variant", p, line);
	uint64_t th;
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
	uint64_t rc;
	if (r->n == 0 || __builtin_mul_overflow(r->rows, r->cols, &rc) || rc != r->n)
		return tb_err(err, errlen, "%s:%zu: n=%" PRIu64 " is not rows x cols (%" PRIu64 "x%" PRIu64 ") or is 0",
			      p, line, r->n, r->rows, r->cols);
	if (*FIELD(C_ITERS) && parse_u64(p, line, "iters_per_sample", FIELD(C_ITERS), &r->iters, err, errlen))
		return -1;
	struct { int k; double *dst; bool neg; } nums[] = {
		{C_MIN, &r->st.min, false}, {C_MEDIAN, &r->st.median, false},
		{C_MEAN, &r->st.mean, false}, {C_SD, &r->st.sd, false}, {C_MAD, &r->st.mad, false},
		{C_CV, &r->st.cv, false}, {C_P5, &r->st.p5, false}, {C_P25, &r->st.p25, false},
		{C_P75, &r->st.p75, false}, {C_P95, &r->st.p95, false},
		{C_CILO, &r->st.ci_low, false}, {C_CIHI, &r->st.ci_high, false},
		{C_BYTES, &r->bytes, false}, {C_FLOPS, &r->flops, false}, {C_ITEMS, &r->items, false},
		{C_IPS, &r->items_per_s, false}, {C_GBPS, &r->gbps, false},
		{C_LIMIT, &r->limit_share, false}, {C_IPC, &r->items_per_cycle, false},
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		if (parse_num(p, line, tb_csv_columns[nums[i].k], FIELD(nums[i].k), nums[i].dst,
			      nums[i].neg, err, errlen))
			return -1;
	if (!strcmp(r->status, "ok") && isnan(r->st.median))
		return tb_err(err, errlen, "%s:%zu: status ok but median_ns is empty", p, line);
	uint64_t o;
	if (*FIELD(C_RUNS)) {
		if (parse_u64(p, line, "runs", FIELD(C_RUNS), &o, err, errlen))
			return -1;
		if (o == 0 || o > 1000000)
			return tb_err(err, errlen, "%s:%zu: column runs: %" PRIu64 " is out of range (1-1000000)",
				      p, line, o);
		r->runs = o;
	}
	uint64_t declared = 0;
	bool have = *FIELD(C_SAMPLES) && !parse_u64(p, line, "samples", FIELD(C_SAMPLES), &declared, NULL, 0);
	char why[160];
	if (tb_result_runs_from_text(r, FIELD(C_RUN_SAMPLES), have ? declared : UINT64_MAX, why, sizeof(why)))
		return tb_err(err, errlen, "%s:%zu: column run_samples: %s", p, line, why);
	struct { int k; double *dst; double max; } spreads[] = {
		{C_BETWEEN, &r->between_cv, 1e6}, {C_WITHIN, &r->within_cv, 1e6},
		{C_DISTURBED, &r->disturbed, 1}, {C_BIMODAL, &r->bimodal, 1},
	};
	for (size_t i = 0; i < sizeof(spreads) / sizeof(spreads[0]); i++) {
		if (parse_num(p, line, tb_csv_columns[spreads[i].k], FIELD(spreads[i].k),
			      spreads[i].dst, false, err, errlen))
			return -1;
		if (*spreads[i].dst > spreads[i].max)
			return tb_err(err, errlen, "%s:%zu: column %s: %s is out of range (0-%g)", p, line,
				      tb_csv_columns[spreads[i].k], FIELD(spreads[i].k), spreads[i].max);
	}
	if (*FIELD(C_OMILD)) {
		if (parse_u64(p, line, "outliers_mild", FIELD(C_OMILD), &o, err, errlen))
			return -1;
		r->st.outliers_mild = o;
	}
	if (*FIELD(C_OSEV)) {
		if (parse_u64(p, line, "outliers_severe", FIELD(C_OSEV), &o, err, errlen))
			return -1;
		r->st.outliers_severe = o;
	}
	for (size_t j = 0; j < c->nctr; j++) {
		if ((size_t)c->ctr_col[j] >= nf || !*f[c->ctr_col[j]])
			continue;
		double v;
		if (parse_num(p, line, c->ctr_name[j], f[c->ctr_col[j]], &v, true, err, errlen) ||
		    tb_result_add_metric(r, c->ctr_name[j], NAN, v))
			return -1;
	}
	if (c->nlines == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		size_t *nl = realloc(c->lines, cap * sizeof(*nl));
		if (!nl)
			return tb_err(err, errlen, "out of memory");
		c->lines = nl;
		c->cap = cap;
	}
	c->lines[c->nlines++] = line;
	if (!c->rs->name[0] && *FIELD(C_NAME))
		snprintf(c->rs->name, sizeof(c->rs->name), "%s", FIELD(C_NAME));
	return 0;
#undef FIELD
}

/* Cases must be unique: sorted once (n log n) rather than a scan per row;
 * names the first line that repeats an earlier case. */
static int no_duplicates(const struct sum_ctx *c, char *err, size_t errlen)
{
	size_t n = c->rs->n - c->first;
	if (n < 2)
		return 0;
	size_t *order = malloc(n * sizeof(*order));
	if (!order)
		return tb_err(err, errlen, "out of memory");
	for (size_t i = 0; i < n; i++)
		order[i] = c->first + i;
	qsort_r(order, n, sizeof(*order), order_cmp, c->rs);
	size_t dup = SIZE_MAX;
	for (size_t k = 0; k + 1 < n; k++)
		if (!key_cmp(&c->rs->r[order[k]], &c->rs->r[order[k + 1]]) &&
		    (dup == SIZE_MAX || order[k + 1] < dup))
			dup = order[k + 1];
	free(order);
	if (dup == SIZE_MAX)
		return 0;
	const struct tb_result *r = &c->rs->r[dup];
	return tb_err(err, errlen, "%s:%zu: duplicate case %s/%s/%s/n=%" PRIu64 "/threads=%u",
		      c->path, c->lines[dup - c->first], r->family, r->variant, r->mode, r->n,
		      r->threads);
}

int tb_csv_read_summary(const char *path, struct tb_resultset *rs, char *err, size_t errlen)
{
	struct sum_ctx c = {.path = path, .rs = rs, .first = rs->n};
	int rc = tb_csv_read_rows(path, summary_row, &c, err, errlen);
	for (size_t j = 0; j < c.nctr; j++)
		free(c.ctr_name[j]);
	if (rc == 0 && !c.have_header)
		rc = tb_err(err, errlen, "%s: no header row", path);
	if (rc == 0)
		rc = no_duplicates(&c, err, errlen);
	free(c.lines);
	return rc ? tb_csv_one_line(err, errlen) : 0;
}

/* ---- samples ---- */

struct smp_ctx {
	const char *path;
	struct tb_resultset *rs;
	int col[9];
	bool have_header;
	size_t *cap;
	size_t *order; /* indexes of rs->r sorted by key, so a row finds its case in log n */
};

/* the first result with key k, or -1 */
static long find_case(const struct smp_ctx *c, const struct tb_result *k)
{
	size_t lo = 0, hi = c->rs->n;
	while (lo < hi) { /* first position whose key is >= k */
		size_t mid = lo + (hi - lo) / 2;
		if (key_cmp(&c->rs->r[c->order[mid]], k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->rs->n && !key_cmp(&c->rs->r[c->order[lo]], k))
		return (long)c->order[lo];
	return -1;
}

static const char *const smp_cols[] = {"schema", "family", "variant", "mode", "n",
				       "threads", "sample", "iters", "ns_per_iter"};

static int samples_row(void *ctx, size_t line, char **f, size_t nf, char *err, size_t errlen)
{
	struct smp_ctx *c = ctx;
	if (!c->have_header) {
		for (int k = 0; k < 9; k++) {
			c->col[k] = -1;
			for (size_t i = 0; i < nf; i++)
				if (!strcmp(f[i], smp_cols[k]))
					c->col[k] = (int)i;
			if (c->col[k] < 0 && k != 6 && k != 7)
				return tb_err(err, errlen, "%s:%zu: missing column '%s' (is this a tbench samples CSV?)",
					      c->path, line, smp_cols[k]);
		}
		c->have_header = true;
		return 0;
	}
	for (int k = 0; k < 9; k++)
		if (c->col[k] >= 0 && (size_t)c->col[k] >= nf)
			return tb_err(err, errlen, "%s:%zu: missing field '%s'", c->path, line, smp_cols[k]);
	if (strcmp(f[c->col[0]], TB_SCHEMA))
		return tb_err(err, errlen, "%s:%zu: schema '%s' is not supported (expected %s)",
			      c->path, line, f[c->col[0]], TB_SCHEMA);
	struct tb_result key;
	memset(&key, 0, sizeof(key));
	uint64_t th;
	if (copy_str(c->path, line, "family", f[c->col[1]], key.family, sizeof(key.family), err, errlen) ||
	    copy_str(c->path, line, "variant", f[c->col[2]], key.variant, sizeof(key.variant), err, errlen) ||
	    copy_str(c->path, line, "mode", f[c->col[3]], key.mode, sizeof(key.mode), err, errlen) ||
	    parse_u64(c->path, line, "n", f[c->col[4]], &key.n, err, errlen) ||
	    parse_u64(c->path, line, "threads", f[c->col[5]], &th, err, errlen))
		return -1;
	if (th == 0 || th > 4096)
		return tb_err(err, errlen, "%s:%zu: column threads: %" PRIu64 " is out of range (1-4096)",
			      c->path, line, th);
	key.threads = (unsigned)th;
	double v;
	if (parse_num(c->path, line, "ns_per_iter", f[c->col[8]], &v, false, err, errlen))
		return -1;
	if (isnan(v))
		return tb_err(err, errlen, "%s:%zu: empty ns_per_iter", c->path, line);
	long ci = find_case(c, &key);
	if (ci >= 0) {
		size_t i = (size_t)ci;
		struct tb_result *r = &c->rs->r[i];
		if (r->nsamples == c->cap[i]) {
			size_t cap = c->cap[i] ? c->cap[i] * 2 : 128;
			double *ns = realloc(r->samples, cap * sizeof(double));
			if (!ns)
				return tb_err(err, errlen, "out of memory");
			r->samples = ns;
			c->cap[i] = cap;
		}
		r->samples[r->nsamples++] = v;
		return 0;
	}
	return tb_err(err, errlen, "%s:%zu: sample of a case not in the summary (%s/%s/%s/n=%" PRIu64 ")",
		      c->path, line, key.family, key.variant, key.mode, key.n);
}

int tb_csv_read_samples(const char *path, struct tb_resultset *rs, char *err, size_t errlen)
{
	size_t *cap = calloc(rs->n ? rs->n : 1, sizeof(size_t));
	size_t *order = malloc((rs->n ? rs->n : 1) * sizeof(size_t));
	if (!cap || !order) {
		free(cap);
		free(order);
		return tb_err(err, errlen, "out of memory");
	}
	for (size_t i = 0; i < rs->n; i++)
		order[i] = i;
	qsort_r(order, rs->n, sizeof(*order), order_cmp, rs);
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->r[i].samples);
		rs->r[i].samples = NULL;
		rs->r[i].nsamples = 0;
	}
	struct smp_ctx c = {.path = path, .rs = rs, .cap = cap, .order = order};
	int rc = tb_csv_read_rows(path, samples_row, &c, err, errlen);
	free(cap);
	free(order);
	if (rc)
		return rc;
	for (size_t i = 0; i < rs->n; i++) {
		struct tb_result *r = &rs->r[i];
		if (!r->nsamples)
			continue;
		size_t sum = 0;
		for (size_t k = 0; r->run_n && k < r->runs; k++)
			sum += r->run_n[k];
		if (r->run_n && sum != r->nsamples) { /* truncated: the runs are unknown */
			free(r->run_n);
			r->run_n = NULL;
		}
		double ls = r->limit_share, ipc = r->items_per_cycle;
		tb_result_derive(r);
		r->limit_share = ls;
		r->items_per_cycle = ipc;
	}
	return 0;
}

/* ---- key/value ---- */

struct kv_ctx { const char *path; struct tb_kvlist *kv; size_t first; bool header; };

static int kv_row(void *ctx, size_t line, char **f, size_t nf, char *err, size_t errlen)
{
	struct kv_ctx *c = ctx;
	if (!c->header) {
		c->header = true;
		if (nf >= 2 && !strcmp(f[0], "key") && !strcmp(f[1], "value"))
			return 0;
		return tb_err(err, errlen, "%s:%zu: expected the header 'key,value'", c->path, line);
	}
	if (nf < 2)
		return tb_err(err, errlen, "%s:%zu: expected key,value", c->path, line);
	if (!f[0][0])
		return tb_err(err, errlen, "%s:%zu: empty key", c->path, line);
	if (c->kv->n - c->first >= MAX_KEYS)
		return tb_err(err, errlen, "%s:%zu: more than %d keys", c->path, line, MAX_KEYS);
	for (size_t i = c->first; i < c->kv->n; i++)
		if (!strcmp(c->kv->v[i].key, f[0]))
			return tb_err(err, errlen, "%s:%zu: duplicate key '%s'", c->path, line, f[0]);
	return tb_kv_set(c->kv, f[0], f[1]) ? tb_err(err, errlen, "out of memory") : 0;
}

int tb_csv_read_kv(const char *path, struct tb_kvlist *kv, char *err, size_t errlen)
{
	struct kv_ctx c = {.path = path, .kv = kv, .first = kv->n};
	return tb_csv_read_rows(path, kv_row, &c, err, errlen);
}
