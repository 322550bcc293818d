/*
 * compare_write.c - writers of a comparison (rep->cmp): the terminal table
 * (colour on the verdict when allowed), Markdown for CI job summaries and
 * a CSV (schema tbench-compare-1) with one row per case, unmatched included.
 */
#include "compare.h"
#include "writer.h"

#include "../kernels/common.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

static void fmt_metric(const struct tb_comparison *c, double v, char *buf, size_t len)
{
	if (!strcmp(c->metric_unit, "ns"))
		tb_fmt_ns(v, buf, len);
	else if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.4g", v);
}

static void fmt_size(const struct tb_case_key *k, char *buf, size_t len)
{
	if (k->rows > 1)
		snprintf(buf, len, "%" PRIu64 "x%" PRIu64, k->rows, k->cols);
	else
		snprintf(buf, len, "%" PRIu64, k->n);
}

static void fmt_ratio(double r, char *buf, size_t len)
{
	if (isnan(r))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.3f (%+.1f%%)", r, 100 * (r - 1));
}

static void fmt_ci(const struct tb_compare_row *r, char *buf, size_t len)
{
	if (isnan(r->ci_low))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "[%.3f, %.3f]", r->ci_low, r->ci_high);
}

static void fmt_p(double p, char *buf, size_t len)
{
	if (isnan(p))
		snprintf(buf, len, "-");
	else if (p < 1e-4)
		snprintf(buf, len, "%.1e", p);
	else
		snprintf(buf, len, "%.4f", p);
}

enum { NC = 11, CW = TB_VARIANT_MAX };

static void row_cells(const struct tb_comparison *c, const struct tb_compare_row *r,
		      char cell[NC][CW])
{
	tb_term_text(cell[0], CW, r->key.family);
	tb_term_text(cell[1], CW, r->key.variant);
	tb_term_text(cell[2], CW, r->key.mode);
	fmt_size(&r->key, cell[3], CW);
	snprintf(cell[4], CW, "%u", r->key.threads);
	fmt_metric(c, r->old_median, cell[5], CW);
	fmt_metric(c, r->new_median, cell[6], CW);
	fmt_ratio(r->ratio, cell[7], CW);
	fmt_ci(r, cell[8], CW);
	fmt_p(r->p, cell[9], CW);
	snprintf(cell[10], CW, "%s", tb_verdict_name(r->verdict));
}

static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static const char *const head[NC] = {"family", "variant", "mode", "size", "thr", "old",
				     "new", "ratio", "CI", "p", "verdict"};

static void summary_line(FILE *f, const struct tb_comparison *c, const char *bold)
{
	fprintf(f, "%s%zu slower%s, %zu faster, %zu unchanged", bold, c->nslower, bold,
		c->nfaster, c->nunchanged);
	if (c->nfew)
		fprintf(f, " (%zu with too few samples for the test: threshold only)", c->nfew);
	if (c->ntoofew)
		fprintf(f, ", %zu with too few samples", c->ntoofew);
	if (c->nnotok)
		fprintf(f, ", %zu not comparable", c->nnotok);
	if (c->nonly_old || c->nonly_new)
		fprintf(f, "; %zu only in old, %zu only in new", c->nonly_old, c->nonly_new);
	fprintf(f, " (metric %s; p < %g and beyond the %.3g%% threshold; %.0f%% CI)",
		c->metric_name[0] ? c->metric_name : c->opts.metric, c->opts.significance, 100 * c->opts.threshold,
		100 * c->opts.confidence);
}

static void key_str(const struct tb_case_key *k, char *buf, size_t len)
{
	char sz[48];
	fmt_size(k, sz, sizeof(sz));
	snprintf(buf, len, "%s/%s %s %s thr=%u", k->family, k->variant, k->mode, sz, k->threads);
}

static int write_table(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	const struct tb_comparison *c = rep->cmp;
	if (!c)
		return tb_err(err, errlen, "no comparison to write");
	size_t w[NC];
	char cell[NC][CW];
	for (int k = 0; k < NC; k++)
		w[k] = width(head[k]);
	for (size_t i = 0; i < c->nrows; i++) {
		row_cells(c, &c->rows[i], cell);
		for (int k = 0; k < NC; k++)
			if (width(cell[k]) > w[k])
				w[k] = width(cell[k]);
	}
	fputs("comparison: ", f);
	tb_term_puts(f, c->old_label);
	fputs(" -> ", f);
	tb_term_puts(f, c->new_label);
	fputc('\n', f);
	for (size_t i = 0; i <= c->nrows; i++) {
		if (i)
			row_cells(c, &c->rows[i - 1], cell);
		for (int k = 0; k < NC; k++) {
			const char *s = i ? cell[k] : head[k];
			bool right = k >= 3 && k <= 9;
			const char *col = NULL;
			if (i && k == 10 && rep->color) {
				enum tb_verdict v = c->rows[i - 1].verdict;
				col = v == TB_VERDICT_SLOWER ? "\033[31m"
				      : v == TB_VERDICT_FASTER ? "\033[32m"
				      : v == TB_VERDICT_UNCHANGED ? NULL : "\033[33m";
			}
			for (size_t p = width(s); right && p < w[k]; p++)
				fputc(' ', f);
			fprintf(f, "%s%s%s", col ? col : "", s, col ? "\033[0m" : "");
			for (size_t p = width(s); !right && k + 1 < NC && p < w[k]; p++)
				fputc(' ', f);
			fputs(k + 1 < NC ? "  " : "\n", f);
		}
		if (i && c->rows[i - 1].note[0]) {
			fputs("    ", f);
			tb_term_puts(f, c->rows[i - 1].note);
			fputc('\n', f);
		}
	}
	char ks[256];
	for (size_t i = 0; i < c->nonly_old; i++) {
		key_str(&c->only_old[i], ks, sizeof(ks));
		fputs("only in old: ", f);
		tb_term_puts(f, ks);
		fputc('\n', f);
	}
	for (size_t i = 0; i < c->nonly_new; i++) {
		key_str(&c->only_new[i], ks, sizeof(ks));
		fputs("only in new: ", f);
		tb_term_puts(f, ks);
		fputc('\n', f);
	}
	summary_line(f, c, "");
	fputc('\n', f);
	return 0;
}

static void md_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("|\\`*_[]<>", *s))
			fputc('\\', f);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
}

static int write_markdown(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	const struct tb_comparison *c = rep->cmp;
	if (!c)
		return tb_err(err, errlen, "no comparison to write");
	fputs("## tbench comparison\n\n", f);
	fputs("`", f);
	md_text(f, c->old_label);
	fputs("` → `", f);
	md_text(f, c->new_label);
	fputs("`\n\n", f);
	fputs(c->nslower ? "**Regression:** " : "No regression: ", f);
	summary_line(f, c, c->nslower ? "**" : "");
	fputs("\n\n| case | size | thr | old | new | ratio | CI | p | verdict |\n"
	      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n", f);
	char cell[NC][CW];
	for (size_t i = 0; i < c->nrows; i++) {
		const struct tb_compare_row *r = &c->rows[i];
		row_cells(c, r, cell);
		fputs("| ", f);
		md_text(f, cell[0]);
		fputc('/', f);
		md_text(f, cell[1]);
		if (strcmp(cell[2], "-")) {
			fputc(' ', f);
			md_text(f, cell[2]);
		}
		fprintf(f, " | %s | %s | %s | %s | %s | %s | %s | ", cell[3], cell[4], cell[5],
			cell[6], cell[7], cell[8], cell[9]);
		const char *v = tb_verdict_name(r->verdict);
		fprintf(f, r->verdict == TB_VERDICT_SLOWER ? "**%s** :x:" : "%s", v);
		fputs(" |\n", f);
	}
	char ks[256];
	if (c->nonly_old || c->nonly_new) {
		fputs("\nUnmatched cases:\n\n", f);
		for (size_t i = 0; i < c->nonly_old; i++) {
			key_str(&c->only_old[i], ks, sizeof(ks));
			fputs("- only in old: ", f);
			md_text(f, ks);
			fputc('\n', f);
		}
		for (size_t i = 0; i < c->nonly_new; i++) {
			key_str(&c->only_new[i], ks, sizeof(ks));
			fputs("- only in new: ", f);
			md_text(f, ks);
			fputc('\n', f);
		}
	}
	if (c->nfp_diffs) {
		fputs("\n> **Warning:** the machines differ:", f);
		for (size_t i = 0; i < c->nfp_diffs; i++) {
			fputs(i ? ", `" : " `", f);
			md_text(f, c->fp_diffs[i].key);
			fputc('`', f);
		}
		fputc('\n', f);
	}
	if (c->metric_note[0]) {
		fputs("\n> ", f);
		md_text(f, c->metric_note);
		fputc('\n', f);
	}
	for (size_t i = 0; i < c->nctx_diffs; i++) { /* context, not compared */
		fputs(i ? "; `" : "\nContext (not compared): `", f);
		md_text(f, c->ctx_diffs[i].key);
		fputs("` ", f);
		md_text(f, c->ctx_diffs[i].old_value);
		fputs(" → ", f);
		md_text(f, c->ctx_diffs[i].new_value);
		if (i + 1 == c->nctx_diffs)
			fputc('\n', f);
	}
	return 0;
}

static void csv_key(FILE *f, const struct tb_case_key *k, const char *metric)
{
	fputs("tbench-compare-1,", f);
	tb_csv_field(f, k->family);
	fputc(',', f);
	tb_csv_field(f, k->variant);
	fputc(',', f);
	tb_csv_field(f, k->mode);
	fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%u,", k->n, k->rows, k->cols, k->threads);
	tb_csv_field(f, metric);
}

static int write_csv(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	const struct tb_comparison *c = rep->cmp;
	if (!c)
		return tb_err(err, errlen, "no comparison to write");
	fputs("schema,family,variant,mode,n,rows,cols,threads,metric,old_median,new_median,"
	      "old_samples,new_samples,ratio,ci_low,ci_high,p,exact,threshold,verdict,note\r\n",
	      f);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct tb_compare_row *r = &c->rows[i];
		csv_key(f, &r->key, c->metric_name[0] ? c->metric_name : c->opts.metric);
		const double v[] = {r->old_median, r->new_median};
		for (size_t k = 0; k < 2; k++) {
			fputc(',', f);
			tb_csv_num(f, v[k]);
		}
		fprintf(f, ",%zu,%zu", r->old_n, r->new_n);
		const double w[] = {r->ratio, r->ci_low, r->ci_high, r->p};
		for (size_t k = 0; k < 4; k++) {
			fputc(',', f);
			tb_csv_num(f, w[k]);
		}
		fprintf(f, ",%s,", isnan(r->p) ? "" : r->exact ? "yes" : "no");
		tb_csv_num(f, r->threshold);
		fprintf(f, ",%s,", tb_verdict_name(r->verdict));
		tb_csv_field(f, r->note);
		fputs("\r\n", f);
	}
	for (int side = 0; side < 2; side++) {
		size_t n = side ? c->nonly_new : c->nonly_old;
		for (size_t i = 0; i < n; i++) {
			csv_key(f, side ? &c->only_new[i] : &c->only_old[i],
				c->metric_name[0] ? c->metric_name : c->opts.metric);
			fprintf(f, ",,,,,,,,,,,%s,\r\n", side ? "only-new" : "only-old");
		}
	}
	return 0;
}

const struct tb_writer tb_writer_compare_table = {
	.name = "compare-table",
	.summary = "comparison as an aligned terminal table",
	.write = write_table,
};

const struct tb_writer tb_writer_compare_markdown = {
	.name = "compare-markdown",
	.summary = "comparison as Markdown (CI job summaries)",
	.write = write_markdown,
};

const struct tb_writer tb_writer_compare_csv = {
	.name = "compare-csv",
	.summary = "comparison CSV, one row per case (schema tbench-compare-1)",
	.write = write_csv,
};
