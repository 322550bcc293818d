/*
 * csv_read.c - the tbench CSV schemas read back through the row reader
 * (csv_rows.c): summary and key,value here, samples in csv_samples.c.
 * Each value is parsed with the field checks (a number, an integer, a
 * string that fits); what the values mean together is checked by the
 * loader (load_check.c) for every format.
 */
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
       C_METRIC, C_RUNS, C_BETWEEN, C_WITHIN, C_RUN_SAMPLES, C_DISTURBED, C_BIMODAL,
       C_IMBALANCE, C_NFIXED };

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
	[TB_LF_BETWEEN] = "between_cv", [TB_LF_WITHIN] = "within_cv",
	[TB_LF_DISTURBED] = "disturbed", [TB_LF_BIMODAL] = "bimodal",
	[TB_LF_RUN_SAMPLES] = "run_samples", [TB_LF_IMBALANCE] = "imbalance",
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

/* run_samples "100;100;97": positive counts (checked against runs and the
 * samples by the loader) */
static int run_counts(struct tb_load *ld, struct tb_result *r, const char *path, size_t line,
		      const char *list, char *err, size_t errlen)
{
	size_t n = 1, k = 0;
	for (const char *c = list; *c; c++)
		n += *c == ';';
	if (n > TB_RUNS_MAX_LIST + 1)
		n = TB_RUNS_MAX_LIST + 1; /* refused by the loader, without parsing it all */
	size_t *v = malloc(n * sizeof(*v));
	if (!v)
		return tb_err(err, errlen, "out of memory");
	for (const char *c = list; *c && k < n; k++) {
		char *end;
		errno = 0;
		unsigned long long x = *c >= '0' && *c <= '9' ? strtoull(c, &end, 10) : 0;
		if (!x || errno == ERANGE || (*end && *end != ';') || (*end == ';' && !end[1])) {
			free(v);
			return tb_err(err, errlen, "%s:%zu: column run_samples: '%.40s' is not positive "
				      "counts separated by ';'", path, line, list);
		}
		v[k] = x > SIZE_MAX ? SIZE_MAX : (size_t)x;
		c = *end ? end + 1 : end;
	}
	int rc = tb_load_run_counts(ld, r, v, k);
	free(v);
	return rc ? tb_err(err, errlen, "out of memory") : 0;
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
	if (tb_csv_field_count(p, line, nf, c->nf, err, errlen))
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
	if (tb_csv_field_str(p, line, "family", FIELD(C_FAMILY), r->family, sizeof(r->family), err, errlen) ||
	    tb_csv_field_str(p, line, "variant", FIELD(C_VARIANT), r->variant, sizeof(r->variant), err, errlen) ||
	    tb_csv_field_str(p, line, "mode", FIELD(C_MODE), r->mode, sizeof(r->mode), err, errlen) ||
	    tb_csv_field_str(p, line, "status", *FIELD(C_STATUS) ? FIELD(C_STATUS) : "ok",
			     tb_load_last(c->ld)->status, sizeof(tb_load_last(c->ld)->status), err,
			     errlen) ||
	    tb_csv_field_str(p, line, "note", FIELD(C_NOTE), r->note, sizeof(r->note), err, errlen) ||
	    tb_csv_field_str(p, line, "item_unit", FIELD(C_UNIT), r->unit, sizeof(r->unit), err, errlen) ||
	    tb_csv_field_str(p, line, "metric", *FIELD(C_METRIC) ? FIELD(C_METRIC) : TB_METRIC_TIME,
		     r->metric, sizeof(r->metric), err, errlen))
		return -1;
	uint64_t th, u;
	if (tb_csv_field_u64(p, line, "n", FIELD(C_N), &r->n, err, errlen) ||
	    tb_csv_field_u64(p, line, "threads", FIELD(C_THREADS), &th, err, errlen))
		return -1;
	if (th == 0 || th > 4096)
		return tb_err(err, errlen, "%s:%zu: column threads: %" PRIu64 " is out of range (1-4096)",
			      p, line, th);
	r->threads = (unsigned)th;
	r->rows = 1;
	r->cols = r->n;
	if (*FIELD(C_ROWS) && tb_csv_field_u64(p, line, "rows", FIELD(C_ROWS), &r->rows, err, errlen))
		return -1;
	if (*FIELD(C_COLS) && tb_csv_field_u64(p, line, "cols", FIELD(C_COLS), &r->cols, err, errlen))
		return -1;
	if (*FIELD(C_ITERS) && tb_csv_field_u64(p, line, "iters_per_sample", FIELD(C_ITERS), &r->iters, err, errlen))
		return -1;
	struct tb_load_case *lc = tb_load_last(c->ld);
	if (*FIELD(C_SAMPLES)) {
		if (tb_csv_field_u64(p, line, "samples", FIELD(C_SAMPLES), &u, err, errlen))
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
		{C_BETWEEN, &r->between_cv}, {C_WITHIN, &r->within_cv},
		{C_DISTURBED, &r->disturbed}, {C_BIMODAL, &r->bimodal},
		{C_IMBALANCE, &r->imbalance},
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		if (tb_csv_field_num(p, line, tb_csv_columns[nums[i].k], FIELD(nums[i].k), nums[i].dst,
			      false, err, errlen))
			return -1;
	lc->declared_median = r->st.median;
	if (*FIELD(C_RUNS)) {
		if (tb_csv_field_u64(p, line, "runs", FIELD(C_RUNS), &u, err, errlen))
			return -1;
		if (u == 0)
			return tb_err(err, errlen, "%s:%zu: column runs: 0 is out of range (1-1000000)",
				      p, line);
		r->runs = u > 1000000 ? 1000001 : (size_t)u;
	}
	if (*FIELD(C_RUN_SAMPLES) && run_counts(c->ld, r, p, line, FIELD(C_RUN_SAMPLES), err, errlen))
		return -1;
	if (*FIELD(C_OMILD)) {
		if (tb_csv_field_u64(p, line, "outliers_mild", FIELD(C_OMILD), &u, err, errlen))
			return -1;
		r->st.outliers_mild = u > 10000000 ? 10000001 : (size_t)u;
	}
	if (*FIELD(C_OSEV)) {
		if (tb_csv_field_u64(p, line, "outliers_severe", FIELD(C_OSEV), &u, err, errlen))
			return -1;
		r->st.outliers_severe = u > 10000000 ? 10000001 : (size_t)u;
	}
	for (size_t j = 0; j < c->nctr; j++) {
		if (!*f[c->ctr_col[j]])
			continue;
		double v;
		char col[128];
		snprintf(col, sizeof(col), "ctr_%s", c->ctr_name[j]);
		if (tb_csv_field_num(p, line, col, f[c->ctr_col[j]], &v, true, err, errlen))
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
