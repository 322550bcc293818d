/*
 * history_html.c - the history report (see history_html.h): a header, a
 * table of the series that changed (slowdowns at the newest change first),
 * then one small trend chart per series, the failing ones first.  Inline
 * SVG through svg.c and the report's stylesheet (html_style.c); nothing is
 * loaded from anywhere; every string is escaped.
 */
#include "history_html.h"

#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef TB_VERSION
#define TB_VERSION "0.0.0"
#endif

#define esc tb_xml_text

/* a unit that keeps the figures of a series readable: ns, µs, ms, s or insn */
static const char *unit_of(const struct tb_history_series *s, double *scale)
{
	*scale = 1;
	if (!strcmp(s->metric, TB_METRIC_INSNS))
		return "instructions";
	double hi = 0;
	for (size_t i = 0; i < s->n; i++)
		hi = fmax(hi, s->p[i].median);
	static const struct { double div; const char *u; } u[] = {
		{1e9, "s"}, {1e6, "ms"}, {1e3, "\xc2\xb5s"}, {1, "ns"}};
	for (size_t k = 0; k < 4; k++)
		if (hi >= u[k].div || k == 3) {
			*scale = 1 / u[k].div;
			return u[k].u;
		}
	return "ns";
}

static void change_text(const struct tb_history_series *s, const struct tb_history_change *c,
			char *buf, size_t len)
{
	const struct tb_history_point *p = &s->p[c->at];
	snprintf(buf, len, "%s %+.1f%% from #%zu (commit %.12s, %.10s), confidence %.1f%%",
		 c->slower ? "slower" : "faster", 100 * (c->ratio - 1), c->at + 1, p->commit, p->time,
		 100 * (1 - c->p));
}

static void chart(FILE *f, const struct tb_history_series *s, const struct tb_history_judgement *j,
		  size_t idx)
{
	double scale;
	const char *unit = unit_of(s, &scale);
	double *x = malloc(4 * s->n * sizeof(double));
	if (!x)
		return;
	double *y = x + s->n, *lo = y + s->n, *hi = lo + s->n;
	double ylo = INFINITY, yhi = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct tb_history_point *p = &s->p[i];
		x[i] = (double)(i + 1);
		y[i] = p->median * scale;
		lo[i] = p->ci_low > 0 ? p->ci_low * scale : y[i];
		hi[i] = p->ci_high > 0 ? p->ci_high * scale : y[i];
		ylo = fmin(ylo, lo[i]);
		yhi = fmax(yhi, hi[i]);
	}
	struct tb_svg g;
	char ylab[64];
	snprintf(ylab, sizeof(ylab), "%s per call", unit);
	fprintf(f, "<figure class=\"card\" id=\"s%zu\"><div class=\"ctitle\">", idx);
	esc(f, s->key);
	fputs(" <span class=\"muted\">", f);
	esc(f, s->machine);
	fputs("</span></div>\n", f);
	tb_svg_begin(&g, f, 460, 210, 58, 40, s->key);
	double pad = (yhi - ylo) * 0.15 + yhi * 0.005;
	tb_svg_axis_fit(&g.y, ylo - pad, yhi + pad, false, false);
	tb_svg_axis_fit(&g.x, 1, s->n > 1 ? (double)s->n : 2, false, true);
	tb_svg_yaxis(&g, ylab);
	tb_svg_xaxis(&g, "run (oldest first)");
	tb_svg_band(&g, s->n, x, lo, hi, "ciband");
	/* the level of each segment between change points */
	for (size_t k = 0; k <= j->n; k++) {
		size_t a = k ? j->c[k - 1].at : 0, b = k < j->n ? j->c[k].at : s->n;
		double lvl = k < j->n ? j->c[k].before : j->n ? j->c[j->n - 1].after : NAN;
		if (!isnan(lvl))
			tb_svg_hline(&g, tb_svg_px(&g, (double)a + 0.5), tb_svg_px(&g, (double)b + 0.5),
				     lvl * scale, "level", NULL);
	}
	tb_svg_line(&g, s->n, x, y, "s0", false);
	for (size_t i = 0; i < s->n; i++) {
		const struct tb_history_point *p = &s->p[i];
		char tip[400];
		snprintf(tip, sizeof(tip), "#%zu run %lld, commit %.12s (%s, %s): %.4g %s, CI %.4g "
			 "\xe2\x80\x93 %.4g", i + 1, p->run, p->commit, p->branch, p->time, y[i], unit,
			 lo[i], hi[i]);
		tb_svg_dot(&g, tb_svg_px(&g, x[i]), tb_svg_py(&g, y[i]), s->n > 60 ? 1.6 : 2.6, "s0",
			   tip);
	}
	for (size_t k = 0; k < j->n; k++) {
		const struct tb_history_change *c = &j->c[k];
		char lab[48];
		snprintf(lab, sizeof(lab), "#%zu %+.1f%%", c->at + 1, 100 * (c->ratio - 1));
		tb_svg_vline(&g, (double)c->at + 0.5, c->slower ? "cp slower" : "cp faster", lab);
	}
	tb_svg_end(&g);
	fputs("<figcaption>", f);
	if (!j->n)
		fputs("no change point", f);
	for (size_t k = 0; k < j->n; k++) {
		char t[256];
		change_text(s, &j->c[k], t, sizeof(t));
		fprintf(f, "%s<span class=\"%s\">", k ? "; " : "",
			j->c[k].slower ? "slower" : "faster");
		esc(f, t);
		fputs("</span>", f);
	}
	fputs("</figcaption></figure>\n", f);
	free(x);
}

static int rank(const struct tb_history_judgement *j)
{
	return j->fail ? 0 : j->n ? 1 : 2;
}

int tb_history_html_write(FILE *f, const struct tb_history_html *h, char *err, size_t errlen)
{
	size_t *order = malloc((h->n ? h->n : 1) * sizeof(*order));
	if (!order) {
		snprintf(err, errlen, "out of memory writing the history report");
		return -1;
	}
	size_t k = 0;
	for (int r = 0; r < 3; r++)
		for (size_t i = 0; i < h->n; i++)
			if (rank(&h->j[i]) == r)
				order[k++] = i;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"color-scheme\" content=\"light dark\">\n"
	      "<meta name=\"generator\" content=\"tbench\">\n<title>tbench history", f);
	if (h->title) {
		fputs(": ", f);
		esc(f, h->title);
	}
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><h1>tbench history",
		tb_html_css);
	if (h->title) {
		fputs(": <span class=\"name\">", f);
		esc(f, h->title);
		fputs("</span>", f);
	}
	size_t changed = 0, failed = 0;
	for (size_t i = 0; i < h->n; i++) {
		changed += h->j[i].n > 0;
		failed += h->j[i].fail;
	}
	fputs("</h1>\n<p class=\"meta\">", f);
	esc(f, h->where);
	fprintf(f, " \xc2\xb7 %zu series \xc2\xb7 %zu with change points \xc2\xb7 <span "
		   "class=\"%s\">%zu ending in a slowdown beyond the threshold</span></p>\n"
		   "<p class=\"meta\">Change points: E-Divisive means, permutation test at %.3g "
		   "(%zu permutations, segments of at least %zu runs); threshold %.3g%%.  Band: the "
		   "confidence interval of each run's median; flat lines: the median level between "
		   "change points; dashed: a change point, red slower, green faster.</p></header>\n"
		   "<main>\n", h->n, changed, failed ? "bad" : "", failed, h->cp->alpha,
		h->cp->permutations, h->cp->min_size, 100 * h->cmp->threshold);
	if (changed) {
		fputs("<section id=\"changes\"><h2>Changes</h2>\n<table class=\"sortable\"><thead><tr>"
		      "<th>case</th><th>machine</th><th>runs</th><th>newest change</th><th>verdict"
		      "</th></tr></thead>\n<tbody>\n", f);
		for (size_t q = 0; q < k; q++) {
			size_t i = order[q];
			const struct tb_history_judgement *j = &h->j[i];
			if (!j->n)
				continue;
			char t[256];
			change_text(&h->s[i], &j->c[j->n - 1], t, sizeof(t));
			fprintf(f, "<tr><td><a href=\"#s%zu\">", i);
			esc(f, h->s[i].key);
			fputs("</a></td><td>", f);
			esc(f, h->s[i].machine);
			fprintf(f, "</td><td class=\"n\">%zu</td><td>", h->s[i].n);
			esc(f, t);
			fprintf(f, "</td><td class=\"%s\">%s</td></tr>\n", j->fail ? "bad" : "",
				j->fail ? "slowdown beyond the threshold" : "ok");
		}
		fputs("</tbody></table></section>\n", f);
	}
	fputs("<section id=\"trends\"><h2>Trends</h2>\n<div class=\"grid\">\n", f);
	for (size_t q = 0; q < k; q++)
		chart(f, &h->s[order[q]], &h->j[order[q]], order[q]);
	fprintf(f, "</div></section>\n</main>\n<footer>Written by tbench %s; self-contained: no "
		   "scripts, styles, fonts or images are loaded from anywhere.</footer>\n<script>\n%s"
		   "</script>\n</body>\n</html>\n", TB_VERSION, tb_html_js);
	free(order);
	if (ferror(f)) {
		snprintf(err, errlen, "error writing the history report");
		return -1;
	}
	return 0;
}
