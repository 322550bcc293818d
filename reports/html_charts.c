/*
 * html_charts.c - threads scaling: per family, the speed-up of each case
 * that ran at several thread counts over its run with the fewest, in the
 * variant's colour (in-place dashed), each line labelled at its end, with
 * the ideal line.  Nothing when no case ran at several thread counts.
 */
#define _GNU_SOURCE
#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXG 32

/* ---- threads scaling ---- */

struct tline {
	const struct tb_result *r[MAXG]; /* by thread count, ascending */
	size_t n;
};

static int cmp_threads(const void *a, const void *b)
{
	const struct tb_result *x = *(const struct tb_result *const *)a;
	const struct tb_result *y = *(const struct tb_result *const *)b;
	return (x->threads > y->threads) - (x->threads < y->threads);
}

struct endlabel {
	double y;
	size_t k;
};

static int by_y(const void *a, const void *b)
{
	double x = ((const struct endlabel *)a)->y, y = ((const struct endlabel *)b)->y;
	return (x > y) - (x < y);
}

static void threads_chart(FILE *f, const struct tb_resultset *rs, const char *fam)
{
	struct endlabel lab[TB_SVG_NCOLORS];
	struct tline ln[TB_SVG_NCOLORS];
	char names[TB_SVG_NCOLORS][TB_VARIANT_MAX + 80];
	size_t nl = 0;
	bool *used = calloc(rs->n ? rs->n : 1, sizeof(bool));
	if (!used)
		return;
	bool more = false;
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *a = &rs->r[i];
		if (used[i] || strcmp(a->family, fam) || !tb_html_usable(a))
			continue;
		struct tline *l = &ln[nl];
		l->n = 0;
		for (size_t j = i; j < rs->n && l->n < MAXG; j++) {
			const struct tb_result *b = &rs->r[j];
			if (!strcmp(b->family, fam) && !strcmp(b->variant, a->variant) &&
			    !strcmp(b->mode, a->mode) && b->n == a->n && tb_html_usable(b)) {
				used[j] = true;
				l->r[l->n++] = b;
			}
		}
		if (l->n < 2)
			continue;
		if (nl == TB_SVG_NCOLORS - 1) { /* one colour per line: keep the chart readable */
			more = true;
			break;
		}
		qsort(l->r, l->n, sizeof(l->r[0]), cmp_threads);
		char sz[48];
		tb_result_size_str(a, sz, sizeof(sz));
		snprintf(names[nl], sizeof(names[nl]), "%s %s %s", a->variant,
			 strcmp(a->mode, "-") ? a->mode : "", sz);
		nl++;
	}
	free(used);
	if (!nl)
		return;
	double tmax = 1, smax = 1, tmin = 1e9;
	for (size_t k = 0; k < nl; k++) {
		double base = ln[k].r[0]->st.median;
		tmin = fmin(tmin, ln[k].r[0]->threads);
		for (size_t j = 0; j < ln[k].n; j++) {
			const struct tb_result *r = ln[k].r[j];
			tmax = fmax(tmax, r->threads);
			smax = fmax(smax, base / r->st.median);
			if (r->st.ci_low > 0)
				smax = fmax(smax, base / r->st.ci_low);
		}
	}
	smax = fmax(smax, tmax / tmin);
	struct tb_svg s;
	char title[96];
	snprintf(title, sizeof(title), "%s: threads scaling", fam);
	fputs("<figure class=\"card\"><div class=\"ctitle\">", f);
	tb_xml_text(f, fam);
	fputs("</div>\n", f);
	tb_svg_begin(&s, f, 460, 260, 50, 40, title);
	s.y0 = 8;
	s.x1 = 460 - 150; /* room for the labels at the lines' ends */
	tb_svg_axis_fit(&s.x, 0, tmax, false, true);
	tb_svg_axis_fit(&s.y, 0, smax, false, true);
	tb_svg_xaxis(&s, "threads");
	tb_svg_yaxis(&s, "speed-up over the fewest threads");
	double ix[2] = {tmin, tmax}, iy[2] = {1, tmax / tmin};
	tb_svg_line(&s, 2, ix, iy, "unity", true);
	for (size_t k = 0; k < nl; k++) {
		double xs[MAXG], ys[MAXG], base = ln[k].r[0]->st.median;
		char cls[40];
		tb_html_variant_class(ln[k].r[0]->variant, cls, sizeof(cls));
		for (size_t j = 0; j < ln[k].n; j++) {
			const struct tb_result *r = ln[k].r[j];
			xs[j] = r->threads;
			ys[j] = base / r->st.median;
		}
		tb_svg_line(&s, ln[k].n, xs, ys, cls, !strcmp(ln[k].r[0]->mode, "inplace"));
		for (size_t j = 0; j < ln[k].n; j++) {
			const struct tb_result *r = ln[k].r[j];
			double px = tb_svg_px(&s, xs[j]);
			tb_svg_errbar(&s, px, base / r->st.ci_high, base / r->st.ci_low);
			char tip[512], t[32];
			tb_fmt_per_call(r, r->st.median, t, sizeof(t));
			snprintf(tip, sizeof(tip), "%.96s, %u threads: %s per call, %.2f\xc3\x97", names[k],
				 r->threads, t, ys[j]);
			tb_svg_dot(&s, px, tb_svg_py(&s, ys[j]), 3.5, cls, tip);
		}
		lab[k].y = tb_svg_py(&s, ys[ln[k].n - 1]) + 4;
		lab[k].k = k;
	}
	/* the labels at the lines' ends, pushed apart so none covers another */
	qsort(lab, nl, sizeof(lab[0]), by_y);
	for (size_t k = 1; k < nl; k++)
		lab[k].y = fmax(lab[k].y, lab[k - 1].y + 11);
	double over = nl ? lab[nl - 1].y - (s.h - 4) : 0;
	for (size_t k = nl; over > 0 && k-- > 0;) {
		lab[k].y -= over;
		over = k ? lab[k - 1].y + 11 - lab[k].y : 0;
	}
	for (size_t k = 0; k < nl; k++) {
		fprintf(f, "<text class=\"small\" x=\"%.1f\" y=\"%.1f\">", s.x1 + 6, lab[k].y);
		tb_xml_text(f, names[lab[k].k]);
		fputs("</text>\n", f);
	}
	tb_svg_end(&s);
	char cap[300];
	snprintf(cap, sizeof(cap), "Speed-up of the median time per call over the fewest threads; "
		 "grey dashed: ideal linear scaling; in-place dashed%s.",
		 more ? "; more cases ran at several thread counts than fit here (see the summary)" : "");
	tb_html_fig_close(f, cap);
}

void tb_html_threads(FILE *f, const struct tb_report *rep)
{
	const char *fams[64];
	size_t nf = tb_html_families(rep->rs, fams, 64);
	char *body;
	size_t len;
	FILE *m = open_memstream(&body, &len);
	if (!m)
		return;
	for (size_t i = 0; i < nf; i++)
		threads_chart(m, rep->rs, fams[i]);
	if (!fclose(m) && len) /* a grid only around something */
		fprintf(f, "<div class=\"grid\">\n%s</div>\n", body);
	free(body);
}
