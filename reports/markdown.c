/*
 * markdown.c - a compact Markdown summary for CI job pages: a heading with
 * the run's name and machine, one table row per case, the cases that did
 * not run and why, the cases disturbed or decided by their process, and
 * the baseline comparison when the report has one.
 * Text from the user or the machine is escaped so it cannot break the table
 * or inject HTML.
 */
#include "compare.h"
#include "glance.h"
#include "writer.h"

#include "../kernels/common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* escape for a Markdown table cell: | \ ` * _ [ ] < > & and no line breaks */
void tb_md_text(FILE *f, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '\r':
		case '\n': fputc(' ', f); break;
		case '|': case '\\': case '`': case '*': case '_': case '[': case ']':
			fputc('\\', f);
			fputc(*s, f);
			break;
		default: fputc(*s, f);
		}
	}
}

static void cell(FILE *f, const char *s)
{
	fputs(" ", f);
	tb_md_text(f, s);
	fputs(" |", f);
}

static void md_header(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	fputs("## tbench", f);
	if (rs->name[0]) {
		fputs(": ", f);
		tb_md_text(f, rs->name);
	}
	fputs("\n\n", f);
	const char *keys[] = {"cpu.model", "host.name", "run.timestamp", "tbench.git"};
	bool first = true;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = tb_kv_get(&rs->fingerprint, keys[i]);
		if (!v || !*v)
			continue;
		fputs(first ? "" : " · ", f);
		first = false;
		tb_md_text(f, keys[i]);
		fputs(" **", f);
		tb_md_text(f, v);
		fputs("**", f);
	}
	if (!first)
		fputs("\n\n", f);
	if (rep->nsources) {
		fputs("Merged from:", f);
		for (size_t i = 0; i < rep->nsources; i++) {
			fputs(i ? ", " : " ", f);
			tb_md_text(f, rep->sources[i]);
		}
		fputs("\n\n", f);
	}
}

/* the comparison with a baseline, when the report carries one */
static void tb_md_comparison(FILE *f, const struct tb_report *rep)
{
	const struct tb_comparison *c = rep->cmp;
	if (!c)
		return;
	fputs("\n### Against the baseline ", f);
	tb_md_text(f, c->old_label);
	fprintf(f, "\n\n**%zu slower**, %zu faster, %zu unchanged, %zu with too few samples, "
		   "%zu not comparable", c->nslower, c->nfaster, c->nunchanged, c->ntoofew, c->nnotok);
	if (c->nfew)
		fprintf(f, " (%zu with too few samples for the test: threshold only)", c->nfew);
	fputs(".\n\n", f);
	if (c->metric_note[0]) {
		tb_md_text(f, c->metric_note);
		fputs("\n\n", f);
	}
	if (!c->nrows)
		return;
	fputs("| case | baseline | new | ratio | CI of ratio | p | verdict |\n"
	      "|---|---:|---:|---:|---:|---:|---|\n", f);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct tb_compare_row *r = &c->rows[i];
		const struct tb_case_key *k = &r->key;
		char b[TB_VARIANT_MAX + 96];
		snprintf(b, sizeof(b), "%s/%s %s %llu", k->family, k->variant, k->mode,
			 (unsigned long long)k->n);
		if (k->threads > 1)
			snprintf(b + strlen(b), sizeof(b) - strlen(b), " x%u", k->threads);
		fputs("|", f);
		cell(f, b);
		for (int m = 0; m < 2; m++) {
			double v = m ? r->new_median : r->old_median;
			if (!strcmp(c->metric_unit, "ns"))
				tb_fmt_ns(v, b, sizeof(b));
			else
				snprintf(b, sizeof(b), "%.4g %s", v, c->metric_unit);
			cell(f, b);
		}
		snprintf(b, sizeof(b), "%.3f", r->ratio);
		cell(f, isfinite(r->ratio) ? b : "-");
		snprintf(b, sizeof(b), "%.3f – %.3f", r->ci_low, r->ci_high);
		cell(f, isfinite(r->ci_low) && isfinite(r->ci_high) ? b : "-");
		snprintf(b, sizeof(b), "%.3g", r->p);
		cell(f, isfinite(r->p) ? b : "-");
		snprintf(b, sizeof(b), "%s%s%s", r->verdict == TB_VERDICT_SLOWER ? "**" : "",
			 tb_verdict_name(r->verdict), r->verdict == TB_VERDICT_SLOWER ? "**" : "");
		fputs(" ", f);
		fputs(b, f);
		fputs(" |\n", f);
	}
}

/* the cases the table would mark: disturbed by preemption, bimodal or with
 * unequal workers (!),
 * more spread between processes than within one (*) */
static void md_marks(FILE *f, const struct tb_resultset *rs)
{
	for (int pass = 0; pass < 2; pass++) {
		bool first = true;
		for (size_t i = 0; i < rs->n; i++) {
			const struct tb_result *r = &rs->r[i];
			char what[256], lab[TB_VARIANT_MAX + 96], sz[48];
			if (pass == 0 && !tb_result_disturbance(r, what, sizeof(what)))
				continue;
			if (pass == 1 && !tb_result_runs_differ(r))
				continue;
			if (pass == 1)
				snprintf(what, sizeof(what), "between processes %.1f%%, within one %.1f%% (%zu runs)",
					 100 * r->between_cv, 100 * r->within_cv, r->runs);
			if (first)
				fputs(pass == 0 ? "\nDisturbed (the figures are not the kernel's alone):\n\n"
						: "\nThe process decides (spread between processes above the spread within one):\n\n", f);
			first = false;
			tb_result_size_str(r, sz, sizeof(sz));
			snprintf(lab, sizeof(lab), "%s/%s %s %s", r->family, r->variant, r->mode, sz);
			if (r->threads > 1)
				snprintf(lab + strlen(lab), sizeof(lab) - strlen(lab), " x%u", r->threads);
			fputs("- ", f);
			tb_md_text(f, lab);
			fputs(": ", f);
			tb_md_text(f, what);
			fputs("\n", f);
		}
	}
}

static int write_md(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	const struct tb_resultset *rs = rep->rs;
	md_header(f, rep);
	fputs("| family | variant | mode | size | threads | status | median | ±MAD | CI of median "
	      "| rate | GB/s | limit |\n"
	      "|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|\n", f);
	size_t notok = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		const struct tb_stats *s = &r->st;
		bool has = r->nsamples || !isnan(s->median);
		char b[96], sz[48];
		fputs("|", f);
		cell(f, r->family);
		cell(f, r->variant);
		cell(f, r->mode);
		tb_result_size_str(r, sz, sizeof(sz));
		cell(f, sz);
		snprintf(b, sizeof(b), "%u", r->threads);
		cell(f, b);
		cell(f, tb_status_name(r->status));
		if (r->status != TB_STATUS_OK)
			notok++;
		if (!has) {
			fputs(" - | - | - | - | - | - |\n", f);
			continue;
		}
		tb_fmt_per_call(r, s->median, b, sizeof(b));
		cell(f, b);
		snprintf(b, sizeof(b), "%.1f%%", 100 * s->mad / s->median);
		cell(f, s->median > 0 ? b : "-");
		if (!isnan(s->ci_low) && !isnan(s->ci_high)) {
			char lo[32], hi[32];
			tb_fmt_per_call(r, s->ci_low, lo, sizeof(lo));
			tb_fmt_per_call(r, s->ci_high, hi, sizeof(hi));
			snprintf(b, sizeof(b), "%s – %s", lo, hi);
			cell(f, b);
		} else {
			cell(f, "-");
		}
		char u[24];
		snprintf(u, sizeof(u), "%s/s", r->unit[0] ? r->unit : "it");
		tb_fmt_si(r->items_per_s, u, b, sizeof(b));
		cell(f, b);
		snprintf(b, sizeof(b), "%.2f", r->gbps);
		cell(f, isnan(r->gbps) ? "-" : b);
		snprintf(b, sizeof(b), "%.0f%%", 100 * r->limit_share);
		cell(f, isnan(r->limit_share) ? "-" : b);
		fputs("\n", f);
	}
	if (notok) {
		fputs("\nNot measured or not ok:\n\n", f);
		for (size_t i = 0; i < rs->n; i++) {
			const struct tb_result *r = &rs->r[i];
			if (r->status == TB_STATUS_OK)
				continue;
			char lab[TB_VARIANT_MAX + 96], sz[48];
			tb_result_size_str(r, sz, sizeof(sz));
			snprintf(lab, sizeof(lab), "%s/%s %s %s", r->family, r->variant, r->mode, sz);
			fputs("- ", f);
			tb_md_text(f, lab);
			fputs(": **", f);
			tb_md_text(f, tb_status_name(r->status));
			fputs("**", f);
			if (r->note[0]) {
				fputs(" — ", f);
				tb_md_text(f, r->note);
			}
			fputs("\n", f);
		}
	}
	md_marks(f, rs);
	struct tb_glance *g;
	size_t ng = tb_glance(rs, &g);
	if (ng)
		fputs("\nAt a glance:\n\n", f);
	for (size_t i = 0; i < ng; i++) {
		char line[512];
		tb_glance_text(&g[i], line, sizeof(line));
		fputs("- ", f);
		tb_md_text(f, line);
		fputs("\n", f);
	}
	free(g);
	tb_md_comparison(f, rep);
	if (ferror(f))
		return tb_err(err, errlen, "error writing Markdown");
	return 0;
}

const struct tb_writer tb_writer_markdown = {
	.name = "markdown",
	.summary = "compact Markdown summary for CI job pages",
	.write = write_md,
};
