/*
 * html_compare.c - the baseline comparison in the HTML report: per family a
 * small chart of the new/old ratio per case with its confidence interval,
 * coloured by verdict, the noise-threshold band around 1; then the
 * comparison table, the unmatched cases and the fingerprint differences.
 * It renders a struct tb_comparison and never recomputes it.
 */
#include "compare.h"
#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXROWS 160

static const char *verdict_class(enum tb_verdict v)
{
	return v == TB_VERDICT_FASTER ? "faster" : v == TB_VERDICT_SLOWER ? "slower" : "same";
}

static void key_label(const struct tb_case_key *k, char *buf, size_t len)
{
	char sz[48];
	if (k->rows > 1)
		snprintf(sz, sizeof(sz), "%llux%llu", (unsigned long long)k->rows,
			 (unsigned long long)k->cols);
	else
		snprintf(sz, sizeof(sz), "%llu", (unsigned long long)k->n);
	snprintf(buf, len, "%s/%s %s %s", k->family, k->variant, strcmp(k->mode, "-") ? k->mode : "",
		 sz);
	if (k->threads > 1)
		snprintf(buf + strlen(buf), len - strlen(buf), " \xc3\x97%u", k->threads);
}

static void metric_fmt(const struct tb_comparison *c, double v, char *buf, size_t len)
{
	if (!strcmp(c->metric_unit, "ns"))
		tb_fmt_ns(v, buf, len);
	else if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.4g %s", v, c->metric_unit);
}

/* the ratio chart of one family's compared cases (rows idx[0..n)) as a card;
 * title NULL: the family's name, and the rows drop it */
static void ratio_chart(FILE *f, const struct tb_comparison *c, const size_t *idx, size_t n,
			const char *title)
{
	double lo = 1, hi = 1;
	for (size_t i = 0; i < n; i++) {
		const struct tb_compare_row *r = &c->rows[idx[i]];
		const double v[] = {r->ratio, r->ci_low, r->ci_high, 1 - r->threshold,
				    1 + r->threshold};
		for (size_t k = 0; k < 5; k++)
			if (isfinite(v[k]) && v[k] > 0) {
				lo = fmin(lo, v[k]);
				hi = fmax(hi, v[k]);
			}
	}
	const char *fam = c->rows[idx[0]].key.family;
	struct tb_svg s;
	fputs("<figure class=\"card\"><div class=\"ctitle\">", f);
	tb_xml_text(f, title ? title : fam);
	fputs("</div>\n", f);
	tb_svg_begin(&s, f, 460, 46 + 17 * (double)n, 200, 34, "ratio to the baseline per case");
	s.y0 = 6;
	tb_svg_axis_fit(&s.x, lo, hi, true, false);
	tb_svg_xaxis(&s, "new \xc3\xb7 baseline (< 1 faster)");
	tb_svg_vline(&s, 1.0, "unity", NULL);
	const char *labels[MAXROWS];
	char lbuf[MAXROWS][TB_VARIANT_MAX + 96];
	for (size_t i = 0; i < n; i++) {
		key_label(&c->rows[idx[i]].key, lbuf[i], sizeof(lbuf[i]));
		size_t fl = title ? 0 : strlen(fam) + 1; /* the card names the family */
		labels[i] = strlen(lbuf[i]) > fl ? lbuf[i] + fl : lbuf[i];
	}
	tb_svg_yrows(&s, n, labels);
	for (size_t i = 0; i < n; i++) {
		const struct tb_compare_row *r = &c->rows[idx[i]];
		double ya, yb;
		tb_svg_row(&s, i, n, &ya, &yb);
		double yc = (ya + yb) / 2;
		if (r->threshold > 0 && r->threshold < 1) {
			double a = tb_svg_px(&s, 1 - r->threshold), b = tb_svg_px(&s, 1 + r->threshold);
			tb_svg_rect(&s, a, ya + 1, b - a, yb - ya - 2, "band", NULL);
		}
		const char *cls = verdict_class(r->verdict);
		tb_svg_herrbar(&s, yc, r->ci_low, r->ci_high, cls);
		char tip[400];
		snprintf(tip, sizeof(tip), "%.240s: ratio %.3f, CI %.3f \xe2\x80\x93 %.3f, p %.3g: %s",
			 lbuf[i], r->ratio, r->ci_low, r->ci_high, r->p, tb_verdict_name(r->verdict));
		tb_svg_dot(&s, tb_svg_px(&s, r->ratio), yc, 4, cls, tip);
	}
	tb_svg_end(&s);
	fputs("</figure>\n", f);
}

/* the ratio charts, one card per family: every case with a ratio */
static void ratio_charts(FILE *f, const struct tb_comparison *c)
{
	size_t *idx = malloc((c->nrows ? c->nrows : 1) * sizeof(*idx));
	bool *done = calloc(c->nrows ? c->nrows : 1, sizeof(*done));
	if (!idx || !done)
		goto out;
	fprintf(f, "<p class=\"hint\">Ratio of the median %s to the baseline's, per case, with its "
		   "confidence interval; green: faster, red: slower, grey: unchanged or not decided; "
		   "shaded: the noise threshold (%.3g%% by default).  Cases that could not be compared "
		   "are in the table only.</p>\n<div class=\"grid\">\n",
		strcmp(c->metric_unit, "ns") ? "metric" : "time per call", 100 * c->opts.threshold);
	size_t nsingle = 0; /* families with one case share a card: no one-dot filler */
	size_t *single = malloc((c->nrows ? c->nrows : 1) * sizeof(*single));
	for (size_t i = 0; single && i < c->nrows; i++) {
		size_t n = 0;
		for (size_t j = i; j < c->nrows && n < MAXROWS; j++) {
			const struct tb_compare_row *r = &c->rows[j];
			if (done[j] || strcmp(r->key.family, c->rows[i].key.family))
				continue;
			done[j] = true;
			if (isfinite(r->ratio) && r->ratio > 0)
				idx[n++] = j;
		}
		if (n == 1 && nsingle < MAXROWS)
			single[nsingle++] = idx[0];
		else if (n)
			ratio_chart(f, c, idx, n, NULL);
	}
	if (nsingle)
		ratio_chart(f, c, single, nsingle, "families with one case");
	free(single);
	fputs("</div>\n", f);
out:
	free(idx);
	free(done);
}

static void cell(FILE *f, const char *s, const char *cls)
{
	if (cls)
		fprintf(f, "<td class=\"%s\">", cls);
	else
		fputs("<td>", f);
	tb_xml_text(f, s);
	fputs("</td>", f);
}

void tb_html_comparison(FILE *f, const struct tb_report *rep)
{
	const struct tb_comparison *c = rep->cmp;
	if (!c)
		return;
	fputs("<p>New: <b>", f);
	tb_xml_text(f, c->new_label);
	fputs("</b> against the baseline <b>", f);
	tb_xml_text(f, c->old_label);
	fprintf(f, "</b>: <span class=\"slower\">%zu slower</span>, <span class=\"faster\">%zu "
		   "faster</span>, %zu unchanged, %zu with too few samples, %zu not comparable",
		c->nslower, c->nfaster, c->nunchanged, c->ntoofew, c->nnotok);
	if (c->nfew)
		fprintf(f, " (%zu with too few samples for the test: threshold only)", c->nfew);
	fputs(".</p>\n", f);
	if (c->metric_note[0]) {
		fputs("<p class=\"hint\">", f);
		tb_xml_text(f, c->metric_note);
		fputs("</p>\n", f);
	}
	if (c->nrows)
		ratio_charts(f, c);
	fputs("<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>case</th>"
	      "<th>baseline</th><th>new</th><th>ratio</th><th>CI of ratio</th><th>p</th>"
	      "<th>threshold</th><th>verdict</th><th>note</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < c->nrows; i++) {
		const struct tb_compare_row *r = &c->rows[i];
		char b[TB_VARIANT_MAX + 96];
		fputs("<tr>", f);
		key_label(&r->key, b, sizeof(b));
		cell(f, b, NULL);
		metric_fmt(c, r->old_median, b, sizeof(b));
		cell(f, b, "n");
		metric_fmt(c, r->new_median, b, sizeof(b));
		cell(f, b, "n");
		snprintf(b, sizeof(b), "%.3f", r->ratio);
		fprintf(f, "<td class=\"n\" data-v=\"%.6g\">%s</td>", r->ratio,
			isfinite(r->ratio) ? b : "-");
		if (isfinite(r->ci_low) && isfinite(r->ci_high))
			snprintf(b, sizeof(b), "%.3f \xe2\x80\x93 %.3f", r->ci_low, r->ci_high);
		else
			snprintf(b, sizeof(b), "-");
		cell(f, b, "n");
		snprintf(b, sizeof(b), isfinite(r->p) ? "%.3g" : "-", r->p);
		cell(f, b, "n");
		snprintf(b, sizeof(b), "%.0f%%", 100 * r->threshold);
		cell(f, b, "n");
		cell(f, tb_verdict_name(r->verdict), verdict_class(r->verdict));
		cell(f, r->note, "note");
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
	const struct { const char *what; const struct tb_case_key *k; size_t n; } un[] = {
		{"Only in the baseline", c->only_old, c->nonly_old},
		{"Only in the new results", c->only_new, c->nonly_new},
	};
	for (size_t u = 0; u < 2; u++) {
		if (!un[u].n)
			continue;
		fprintf(f, "<p>%s:", un[u].what);
		for (size_t i = 0; i < un[u].n; i++) {
			char b[TB_VARIANT_MAX + 96];
			key_label(&un[u].k[i], b, sizeof(b));
			fputs(i ? ", " : " ", f);
			tb_xml_text(f, b);
		}
		fputs("</p>\n", f);
	}
	if (c->nfp_diffs) {
		fputs("<h3>Machine differences</h3>\n<table class=\"kv\"><thead><tr><th>key</th>"
		      "<th>baseline</th><th>new</th></tr></thead><tbody>\n", f);
		for (size_t i = 0; i < c->nfp_diffs; i++) {
			fputs("<tr>", f);
			cell(f, c->fp_diffs[i].key, NULL);
			cell(f, c->fp_diffs[i].old_value, NULL);
			cell(f, c->fp_diffs[i].new_value, NULL);
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table>\n", f);
	}
}
