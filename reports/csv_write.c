/*
 * csv_write.c - the summary CSV (one row per case) and the samples CSV (one
 * row per sample).  Column names are the interchange format: stable, and
 * versioned by the `schema` column.  Counter columns are ctr_<EVENT>.
 */
#include "csv_columns.h"
#include "writer.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

/* union of metric names over all results, in first-seen order */
static size_t metric_names(const struct tb_resultset *rs, const char **names, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < rs->n; i++)
		for (size_t j = 0; j < rs->r[i].nmetrics; j++) {
			const char *nm = rs->r[i].metrics[j].name;
			size_t t;
			for (t = 0; t < k; t++)
				if (!strcmp(names[t], nm))
					break;
			if (t == k && k < max)
				names[k++] = nm;
		}
	return k;
}

static const struct tb_metric *find_metric(const struct tb_result *r, const char *name)
{
	for (size_t j = 0; j < r->nmetrics; j++)
		if (!strcmp(r->metrics[j].name, name))
			return &r->metrics[j];
	return NULL;
}

/* between_cv, within_cv, run_samples, disturbed, bimodal, imbalance */
static void write_runs(FILE *f, const struct tb_result *r)
{
	fputc(',', f);
	tb_csv_num(f, r->between_cv);
	fputc(',', f);
	tb_csv_num(f, r->within_cv);
	fputc(',', f);
	if (r->run_n && r->runs >= 2 && r->runs <= TB_RUNS_MAX_LIST)
		for (size_t i = 0; i < r->runs; i++)
			fprintf(f, "%s%zu", i ? ";" : "", r->run_n[i]);
	fputc(',', f);
	tb_csv_num(f, r->disturbed);
	fputc(',', f);
	tb_csv_num(f, r->bimodal);
	fputc(',', f);
	tb_csv_num(f, r->imbalance);
}

static int write_summary(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	const struct tb_resultset *rs = rep->rs;
	const char *mn[256];
	size_t nm = metric_names(rs, mn, 256);
	for (size_t c = 0; c < TB_CSV_NCOLS; c++)
		fprintf(f, "%s%s", c ? "," : "", tb_csv_columns[c]);
	for (size_t j = 0; j < nm; j++) {
		fputs(",", f);
		char col[128];
		snprintf(col, sizeof(col), "ctr_%s", mn[j]);
		tb_csv_field(f, col);
	}
	fputs("\r\n", f);
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		const struct tb_stats *s = &r->st;
		fputs(TB_SCHEMA ",", f);
		tb_csv_field(f, rs->name);
		fputc(',', f);
		tb_csv_field(f, r->family);
		fputc(',', f);
		tb_csv_field(f, r->variant);
		fputc(',', f);
		tb_csv_field(f, r->mode);
		fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%u,", r->n, r->rows, r->cols,
			r->threads);
		tb_csv_field(f, tb_status_name(r->status));
		fprintf(f, ",%zu,%" PRIu64, tb_result_sample_count(r), r->iters);
		const double v[] = {s->min, s->median, s->mean, s->sd, s->mad, s->cv,
				    s->p5, s->p25, s->p75, s->p95, s->ci_low, s->ci_high};
		for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
			fputc(',', f);
			tb_csv_num(f, r->nsamples || !isnan(s->median) ? v[k] : (double)NAN);
		}
		fprintf(f, ",%zu,%zu", s->outliers_mild, s->outliers_severe);
		const double w[] = {r->bytes, r->flops, r->items};
		for (size_t k = 0; k < 3; k++) {
			fputc(',', f);
			tb_csv_num(f, w[k]);
		}
		fputc(',', f);
		tb_csv_field(f, r->unit);
		const double t[] = {r->items_per_s, r->gbps, r->limit_share, r->items_per_cycle};
		for (size_t k = 0; k < 4; k++) {
			fputc(',', f);
			tb_csv_num(f, t[k]);
		}
		fputc(',', f);
		tb_csv_field(f, r->note);
		fputc(',', f);
		tb_csv_field(f, r->metric);
		fprintf(f, ",%zu", r->runs ? r->runs : 1);
		write_runs(f, r);
		for (size_t j = 0; j < nm; j++) {
			const struct tb_metric *m = find_metric(r, mn[j]);
			fputc(',', f);
			if (m)
				tb_csv_num(f, m->median);
		}
		fputs("\r\n", f);
	}
	return 0;
}

static int write_samples(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	const struct tb_resultset *rs = rep->rs;
	/* rows and cols last: readers of the older columns keep their positions */
	fputs("schema,family,variant,mode,n,threads,sample,iters,ns_per_iter,metric,rows,cols\r\n", f);
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		for (size_t s = 0; s < r->nsamples; s++) {
			fputs(TB_SCHEMA ",", f);
			tb_csv_field(f, r->family);
			fputc(',', f);
			tb_csv_field(f, r->variant);
			fputc(',', f);
			tb_csv_field(f, r->mode);
			fprintf(f, ",%" PRIu64 ",%u,%zu,%" PRIu64 ",", r->n, r->threads, s, r->iters);
			tb_csv_num(f, r->samples[s]);
			fputc(',', f);
			tb_csv_field(f, r->metric);
			fprintf(f, ",%" PRIu64 ",%" PRIu64 "\r\n", r->rows, r->cols);
		}
	}
	return 0;
}

const struct tb_writer tb_writer_csv = {
	.name = "csv",
	.summary = "summary CSV, one row per case (RFC 4180)",
	.write = write_summary,
};

const struct tb_writer tb_writer_samples_csv = {
	.name = "samples-csv",
	.summary = "raw samples CSV, one row per sample",
	.write = write_samples,
};

void tb_csv_write_kv(FILE *f, const struct tb_kvlist *kv)
{
	fputs("key,value\r\n", f);
	for (size_t i = 0; i < kv->n; i++) {
		tb_csv_field(f, kv->v[i].key);
		fputc(',', f);
		tb_csv_field(f, kv->v[i].value);
		fputs("\r\n", f);
	}
}
