/*
 * csv_samples.c - the samples CSV read back onto the summary's cases
 * (csv_read.h): each row matched to its case by key, checked against it
 * (calls per sample, metric), and the cases re-derived from their samples.
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
	if (tb_csv_field_count(p, line, nf, c->nf, err, errlen))
		return -1;
	if (strcmp(f[c->col[S_SCHEMA]], TB_SCHEMA))
		return tb_err(err, errlen, "%s:%zu: schema '%s' is not supported (expected %s)",
			      p, line, f[c->col[S_SCHEMA]], TB_SCHEMA);
	struct tb_result key;
	memset(&key, 0, sizeof(key));
	uint64_t th, iters = 0;
	if (tb_csv_field_str(p, line, "family", f[c->col[S_FAMILY]], key.family, sizeof(key.family), err, errlen) ||
	    tb_csv_field_str(p, line, "variant", f[c->col[S_VARIANT]], key.variant, sizeof(key.variant), err, errlen) ||
	    tb_csv_field_str(p, line, "mode", f[c->col[S_MODE]], key.mode, sizeof(key.mode), err, errlen) ||
	    tb_csv_field_u64(p, line, "n", f[c->col[S_N]], &key.n, err, errlen) ||
	    tb_csv_field_u64(p, line, "threads", f[c->col[S_THREADS]], &th, err, errlen))
		return -1;
	if (th == 0 || th > 4096)
		return tb_err(err, errlen, "%s:%zu: column threads: %" PRIu64 " is out of range (1-4096)",
			      p, line, th);
	key.threads = (unsigned)th;
	if (c->shaped && (tb_csv_field_u64(p, line, "rows", f[c->col[S_ROWS]], &key.rows, err, errlen) ||
			  tb_csv_field_u64(p, line, "cols", f[c->col[S_COLS]], &key.cols, err, errlen)))
		return -1;
	if (c->col[S_ITERS] >= 0 && tb_csv_field_u64(p, line, "iters", f[c->col[S_ITERS]], &iters, err, errlen))
		return -1;
	double v;
	if (tb_csv_field_num(p, line, "ns_per_iter", f[c->col[S_NS]], &v, false, err, errlen))
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
