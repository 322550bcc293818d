/*
 * html_family.c - throughput per family as small multiples: one card per
 * family with two or more measured cases, one panel per mode on a shared
 * scale, a horizontal bar per variant (and size, and thread count) in the
 * variant's colour, its confidence interval, the figure written at the
 * bar, and the measured machine limit as a dashed red mark.  A family that
 * ran at three or more sizes spanning two orders of magnitude gets a wide
 * card with the log-size line chart instead (html_sizes.c), where the
 * cache cliffs show.
 */
#define _GNU_SOURCE
#include "html.h"

#include "../kernels/kernel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXM 8    /* modes per family */
#define MAXR 64   /* rows per panel */
#define CARD_W 460

struct panel {
	const char *mode;
	size_t idx[MAXR], n;
};

static int cmp_rows(const void *a, const void *b, void *ctx)
{
	const struct tb_resultset *rs = ctx;
	const struct tb_result *x = &rs->r[*(const size_t *)a], *y = &rs->r[*(const size_t *)b];
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	int v = tb_html_variant_order(x->variant, y->variant);
	if (v)
		return v;
	return (x->threads > y->threads) - (x->threads < y->threads);
}

/* sizes of the family's panels: how many distinct and their span */
static bool wants_lines(const struct tb_resultset *rs, const struct panel *p, size_t np)
{
	uint64_t lo = UINT64_MAX, hi = 0;
	size_t distinct = 0;
	for (size_t m = 0; m < np; m++) {
		uint64_t seen[MAXR];
		size_t k = 0;
		for (size_t i = 0; i < p[m].n; i++) {
			uint64_t n = rs->r[p[m].idx[i]].n;
			size_t j;
			for (j = 0; j < k; j++)
				if (seen[j] == n)
					break;
			if (j == k)
				seen[k++] = n;
			lo = n < lo ? n : lo;
			hi = n > hi ? n : hi;
		}
		distinct = k > distinct ? k : distinct;
	}
	return distinct >= 3 && lo > 0 && (double)hi / (double)lo >= 100;
}

static void bars(FILE *f, const struct tb_resultset *rs, const struct panel *p, bool bytes,
		 bool several_sizes, double lo, double hi, bool log, const char *ylab)
{
	struct tb_svg s;
	char title[96];
	snprintf(title, sizeof(title), "%s %s", rs->r[p->idx[0]].family, p->mode);
	tb_svg_begin(&s, f, CARD_W, 44 + 19.0 * (double)p->n, several_sizes ? 170 : 120, 28, title);
	s.y0 = 6;
	s.x1 = CARD_W - 58; /* room for the figure at each bar */
	tb_svg_axis_fit(&s.x, lo, hi, log, true);
	tb_svg_xaxis(&s, NULL);
	const char *labels[MAXR];
	char lbuf[MAXR][96];
	for (size_t i = 0; i < p->n; i++) {
		const struct tb_result *r = &rs->r[p->idx[i]];
		char sz[48] = "";
		if (several_sizes)
			tb_result_size_str(r, sz, sizeof(sz));
		snprintf(lbuf[i], sizeof(lbuf[i]), "%s%s%.40s", sz, sz[0] ? " \xc2\xb7 " : "", r->variant);
		if (r->threads > 1)
			snprintf(lbuf[i] + strlen(lbuf[i]), sizeof(lbuf[i]) - strlen(lbuf[i]),
				 " \xc3\x97%u", r->threads);
		labels[i] = lbuf[i];
	}
	tb_svg_yrows(&s, p->n, labels);
	for (size_t i = 0; i < p->n; i++) {
		const struct tb_result *r = &rs->r[p->idx[i]];
		double ya, yb, v = tb_html_rate(r, r->st.median, bytes);
		tb_svg_row(&s, i, p->n, &ya, &yb);
		double yc = (ya + yb) / 2, h = (yb - ya) * 0.72;
		char cls[32], tip[400], t[32], num[32];
		tb_html_variant_class(r->variant, cls, sizeof(cls));
		tb_fmt_per_call(r, r->st.median, t, sizeof(t));
		tb_svg_num(v, num, sizeof(num));
		snprintf(tip, sizeof(tip), "%s %s: %s %s, %s per call", lbuf[i],
			 strcmp(p->mode, "-") ? p->mode : "", num, ylab, t);
		double x0 = tb_svg_px(&s, log ? s.x.lo : 0), x1 = tb_svg_px(&s, v);
		tb_svg_rect(&s, x0, yc - h / 2, x1 - x0, h, cls, tip);
		/* a shorter time is a higher rate: ci_high gives the low end */
		tb_svg_herrbar(&s, yc, tb_html_rate(r, r->st.ci_high, bytes),
			       tb_html_rate(r, r->st.ci_low, bytes), NULL);
		if (r->limit_share > 0 && isfinite(r->limit_share)) {
			double lx = tb_svg_px(&s, v / r->limit_share);
			fprintf(f, "<path class=\"ref limit\" d=\"M%.1f %.1fV%.1f\"><title>machine limit "
				   "%.3g %s</title></path>\n", lx, ya, yb, v / r->limit_share, ylab);
		}
		fprintf(f, "<text class=\"small\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", s.x1 + 4, yc + 4,
			num);
	}
	tb_svg_end(&s);
}

static void card(FILE *f, const struct tb_resultset *rs, const char *fam, struct panel *p,
		 size_t np)
{
	bool bytes = tb_html_family_bytes(rs, fam);
	bool lines = wants_lines(rs, p, np);
	double lo = INFINITY, hi = 0;
	bool several = false;
	char ylab[48] = "";
	for (size_t m = 0; m < np; m++) {
		qsort_r(p[m].idx, p[m].n, sizeof(size_t), cmp_rows, (void *)rs);
		for (size_t i = 0; i < p[m].n; i++) {
			const struct tb_result *r = &rs->r[p[m].idx[i]];
			several |= r->n != rs->r[p[0].idx[0]].n;
			if (!ylab[0])
				tb_html_rate_label(r, bytes, ylab, sizeof(ylab));
			const double v[] = {tb_html_rate(r, r->st.median, bytes),
					    tb_html_rate(r, r->st.ci_low, bytes),
					    r->limit_share > 0 ? tb_html_rate(r, r->st.median, bytes) /
								     r->limit_share
							       : NAN};
			for (size_t q = 0; q < 3; q++)
				if (isfinite(v[q]) && v[q] > 0) {
					lo = fmin(lo, v[q]);
					hi = fmax(hi, v[q]);
				}
		}
	}
	if (!(hi > 0))
		return;
	bool log = tb_svg_spans(lo, hi, 30);
	const struct tb_family *fd = tb_family_find(fam);
	fprintf(f, "<figure class=\"card%s\" id=\"fam-", lines ? " wide" : "");
	tb_xml_text(f, fam);
	fputs("\"><div class=\"ctitle\">", f);
	tb_xml_text(f, fam);
	if (fd && fd->summary) {
		fputs(" <span class=\"muted\">", f);
		tb_xml_text(f, fd->summary);
		fputs("</span>", f);
	}
	fputs("</div>\n<div class=\"panels\">\n", f);
	for (size_t m = 0; m < np; m++) {
		if (!p[m].n)
			continue;
		fputs("<div class=\"panel\"><div class=\"ptitle\">", f);
		if (strcmp(p[m].mode, "-")) {
			tb_xml_text(f, p[m].mode);
			fputs(" \xc2\xb7 ", f);
		}
		tb_xml_text(f, ylab);
		if (log || lines)
			fputs(lines ? " against size, log scales" : ", log scale", f);
		fputs("</div>", f);
		if (lines)
			tb_html_size_lines(f, rs, fam, p[m].mode, p[m].idx, p[m].n);
		else
			bars(f, rs, &p[m], bytes, several, lo, hi, log, ylab);
		fputs("</div>\n", f);
	}
	fputs("</div>\n", f);
	fputs("</figure>\n", f);
}

void tb_html_throughput(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	const char *fams[64];
	size_t nf = tb_html_families(rs, fams, 64);
	struct panel *p = calloc(MAXM, sizeof(*p));
	if (!p)
		return;
	bool open = false;
	for (size_t fi = 0; fi < nf; fi++) {
		if (!tb_html_multi(rs, fams[fi]))
			continue;
		size_t np = 0;
		for (size_t i = 0; i < rs->n; i++) {
			const struct tb_result *r = &rs->r[i];
			if (strcmp(r->family, fams[fi]) || !tb_html_usable(r) || tb_result_is_insns(r))
				continue;
			size_t m;
			for (m = 0; m < np; m++)
				if (!strcmp(p[m].mode, r->mode))
					break;
			if (m == np) {
				if (np == MAXM)
					continue;
				p[np].mode = r->mode;
				p[np++].n = 0;
			}
			if (p[m].n < MAXR)
				p[m].idx[p[m].n++] = i;
		}
		if (!np)
			continue;
		if (!open)
			fputs("<p class=\"hint\">Per family, one panel per mode on a shared scale: the rate "
			      "at the median time per call, one bar per variant in its colour (\xc3\x97N: N "
			      "threads), whiskers: the confidence interval of the median, dashed red: the "
			      "measured machine limit.  Families with a single case are in the summary "
			      "table only.</p>\n<div class=\"grid\">\n", f);
		open = true;
		card(f, rs, fams[fi], p, np);
	}
	if (open)
		fputs("</div>\n", f);
	free(p);
}
