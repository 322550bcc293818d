/*
 * history_read.c - reading the results history back as series: one per
 * machine, case and metric, its measured points oldest first (by the run's
 * time, then the order they were recorded).  Failed and unsupported cases
 * stay in the store but are no point of a series.
 */
#define _GNU_SOURCE
#include "history.h"
#include "history_db.h"

#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool tb_history_key_match(const char *pattern, const char *key)
{
	if (!pattern || !*pattern)
		return true;
	if (!fnmatch(pattern, key, 0))
		return true;
	char pre[512];
	snprintf(pre, sizeof(pre), "%s/*", pattern); /* "scale" selects scale/... */
	return !fnmatch(pre, key, 0);
}

struct reader {
	const struct tb_history_filter *f;
	struct tb_history_series *s;
	size_t n, cap;
	int oom;
};

enum { C_KEY, C_METRIC, C_MACHINE, C_DESC, C_FAMILY, C_VARIANT, C_MODE, C_N, C_ROWS, C_COLS,
       C_THREADS, C_UNIT, C_BYTES, C_ITEMS, C_RUN, C_COMMIT, C_BRANCH, C_TIME, C_MEDIAN,
       C_CILO, C_CIHI, C_SAMPLES, C_NCOL };

static double dbl(const char *v)
{
	return v ? strtod(v, NULL) : NAN;
}

static void copy(char *dst, size_t len, const char *v)
{
	snprintf(dst, len, "%s", v ? v : "");
}

/* room for one more element in *v (n used of *cap); 0 or -1 */
static int grow(void **v, size_t *cap, size_t n, size_t size, size_t first)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : first;
	void *nv = realloc(*v, c * size);
	if (!nv)
		return -1;
	*v = nv;
	*cap = c;
	return 0;
}

static int row(void *ctx, size_t n, const char *const *v)
{
	struct reader *rd = ctx;
	if (n < C_NCOL)
		return 0;
	const struct tb_history_filter *f = rd->f;
	if (!tb_history_key_match(f->pattern, v[C_KEY] ? v[C_KEY] : ""))
		return 0;
	if (f->machine && strncmp(v[C_MACHINE] ? v[C_MACHINE] : "", f->machine, strlen(f->machine)))
		return 0;
	if (f->branch && strcmp(v[C_BRANCH] ? v[C_BRANCH] : "", f->branch))
		return 0;
	struct tb_history_series *s = rd->n ? &rd->s[rd->n - 1] : NULL;
	if (!s || strcmp(s->key, v[C_KEY] ? v[C_KEY] : "") ||
	    strcmp(s->metric, v[C_METRIC] ? v[C_METRIC] : "") ||
	    strcmp(s->machine, v[C_MACHINE] ? v[C_MACHINE] : "")) {
		if (grow((void **)&rd->s, &rd->cap, rd->n, sizeof(*rd->s), 32))
			return rd->oom = TB_HISTORY_ERROR;
		s = &rd->s[rd->n++];
		memset(s, 0, sizeof(*s));
		copy(s->key, sizeof(s->key), v[C_KEY]);
		copy(s->metric, sizeof(s->metric), v[C_METRIC]);
		copy(s->machine, sizeof(s->machine), v[C_MACHINE]);
		copy(s->machine_desc, sizeof(s->machine_desc), v[C_DESC]);
		struct tb_result *r = &s->like;
		copy(r->family, sizeof(r->family), v[C_FAMILY]);
		copy(r->variant, sizeof(r->variant), v[C_VARIANT]);
		copy(r->mode, sizeof(r->mode), v[C_MODE]);
		copy(r->metric, sizeof(r->metric), v[C_METRIC]);
		copy(r->unit, sizeof(r->unit), v[C_UNIT]);
		r->n = v[C_N] ? strtoull(v[C_N], NULL, 10) : 0;
		r->rows = v[C_ROWS] ? strtoull(v[C_ROWS], NULL, 10) : 1;
		r->cols = v[C_COLS] ? strtoull(v[C_COLS], NULL, 10) : r->n;
		r->threads = v[C_THREADS] ? (unsigned)strtoul(v[C_THREADS], NULL, 10) : 1;
		r->bytes = dbl(v[C_BYTES]);
		r->items = dbl(v[C_ITEMS]);
		r->st.median = r->st.ci_low = r->st.ci_high = NAN;
		r->items_per_s = r->gbps = r->limit_share = r->items_per_cycle = NAN;
	}
	if (grow((void **)&s->p, &s->cap, s->n, sizeof(*s->p), 16))
		return rd->oom = TB_HISTORY_ERROR;
	struct tb_history_point *p = &s->p[s->n++];
	memset(p, 0, sizeof(*p));
	p->run = v[C_RUN] ? atoll(v[C_RUN]) : -1;
	copy(p->commit, sizeof(p->commit), v[C_COMMIT]);
	copy(p->branch, sizeof(p->branch), v[C_BRANCH]);
	copy(p->time, sizeof(p->time), v[C_TIME]);
	p->median = dbl(v[C_MEDIAN]);
	p->ci_low = dbl(v[C_CILO]);
	p->ci_high = dbl(v[C_CIHI]);
	p->samples = v[C_SAMPLES] ? strtoull(v[C_SAMPLES], NULL, 10) : 0;
	return 0;
}

void tb_history_series_free(struct tb_history_series *s, size_t n)
{
	if (!s)
		return;
	for (size_t i = 0; i < n; i++)
		free(s[i].p);
	free(s);
}

int tb_history_series(struct tb_history *h, const struct tb_history_filter *f,
		      struct tb_history_series **out, size_t *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	const char *c = h->ops->collate;
	char *sql;
	if (asprintf(&sql,
		     "SELECT x.case_key, x.metric, r.machine, m.description, x.family, x.variant,"
		     " x.mode, x.n, x.nrows, x.ncols, x.threads, x.unit, x.bytes, x.items, r.id,"
		     " r.commit_sha, r.branch, r.run_time, x.median, x.ci_low, x.ci_high, x.samples"
		     " FROM tbench_results x JOIN tbench_runs r ON r.id = x.run"
		     " JOIN tbench_machines m ON m.id = r.machine"
		     " WHERE x.status IN ('ok', 'partial') AND x.median IS NOT NULL AND x.median > 0"
		     " ORDER BY r.machine%s, x.case_key%s, x.metric%s, r.run_time%s, r.id",
		     c, c, c, c) < 0) {
		snprintf(err, errlen, "out of memory");
		return TB_HISTORY_ERROR;
	}
	struct reader rd = {.f = f};
	int rc = h->ops->exec(h->db, sql, 0, NULL, row, &rd, err, errlen);
	free(sql);
	if (rd.oom) {
		snprintf(err, errlen, "out of memory reading the history");
		rc = TB_HISTORY_ERROR;
	}
	if (rc) {
		tb_history_series_free(rd.s, rd.n);
		return rc;
	}
	for (size_t i = 0; i < rd.n; i++) {
		struct tb_history_series *s = &rd.s[i];
		if (f->last && s->n > f->last) {
			memmove(s->p, s->p + (s->n - f->last), f->last * sizeof(*s->p));
			s->n = f->last;
		}
	}
	*out = rd.s;
	*n = rd.n;
	return 0;
}
