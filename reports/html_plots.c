/*
 * html_plots.c - the distribution of samples per case: one small card per
 * family with two or more measured cases, a box (quartiles) in the
 * variant's colour, whiskers, every sample as a dot and the outliers in red,
 * relative to the case's median.  (Throughput is html_family.c.)
 */
#include "describe.h"
#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXROWS 48 /* cases per distribution chart */

static void minmax(double v, double *lo, double *hi)
{
	if (!isfinite(v) || v <= 0)
		return;
	if (v < *lo)
		*lo = v;
	if (v > *hi)
		*hi = v;
}

/* ---- sample distributions ---- */

/* box statistics relative to the median: q1, q3, whisker ends */
struct box { double q1, q3, wlo, whi, lo, hi; };

static void box_of(const struct tb_result *r, double *sorted, struct box *b)
{
	double m = r->st.median;
	b->q1 = r->st.p25 / m;
	b->q3 = r->st.p75 / m;
	if (r->nsamples) {
		double iqr = b->q3 - b->q1;
		double flo = b->q1 - 1.5 * iqr, fhi = b->q3 + 1.5 * iqr;
		b->wlo = b->q1;
		b->whi = b->q3;
		for (size_t i = 0; i < r->nsamples; i++) {
			double v = sorted[i] / m;
			if (v >= flo && v < b->wlo)
				b->wlo = v;
			if (v <= fhi && v > b->whi)
				b->whi = v;
		}
		b->lo = sorted[0] / m;
		b->hi = sorted[r->nsamples - 1] / m;
	} else { /* no samples saved: whiskers at p5 and p95 */
		b->wlo = r->st.p5 / m;
		b->whi = r->st.p95 / m;
		b->lo = isnan(r->st.min) ? b->wlo : r->st.min / m;
		b->hi = isnan(r->st.max) || r->st.max == 0 ? b->whi : r->st.max / m;
	}
}

static void dist_chart(FILE *f, const struct tb_resultset *rs, const char *fam,
		       const size_t *idx, size_t n)
{
	double lo = INFINITY, hi = 0;
	struct box bx[MAXROWS];
	double *sorted[MAXROWS] = {0};
	for (size_t k = 0; k < n; k++) {
		const struct tb_result *r = &rs->r[idx[k]];
		if (r->nsamples) {
			sorted[k] = malloc(r->nsamples * sizeof(double));
			if (!sorted[k])
				goto out;
			memcpy(sorted[k], r->samples, r->nsamples * sizeof(double));
			tb_sort_doubles(sorted[k], r->nsamples);
		}
		box_of(r, sorted[k], &bx[k]);
		minmax(bx[k].lo, &lo, &hi);
		minmax(bx[k].hi, &lo, &hi);
		minmax(bx[k].wlo, &lo, &hi);
		minmax(bx[k].whi, &lo, &hi);
	}
	if (!(hi > 0))
		goto out;
	lo = fmin(lo, 0.98);
	hi = fmax(hi, 1.02);
	bool log = tb_svg_spans(lo, hi, 3);
	struct tb_svg s;
	char title[96];
	snprintf(title, sizeof(title), "%s: distribution of samples per case", fam);
	bool sizes = false;
	for (size_t k = 1; k < n; k++)
		sizes |= rs->r[idx[k]].n != rs->r[idx[0]].n;
	fputs("<figure class=\"card\"><div class=\"ctitle\">", f);
	tb_xml_text(f, fam);
	fputs("</div>\n", f);
	tb_svg_begin(&s, f, 460, 48 + 20 * (double)n, sizes ? 190 : 140, 34, title);
	s.y0 = 6;
	tb_svg_axis_fit(&s.x, lo, hi, log, false);
	tb_svg_xaxis(&s, "time per call \xc3\xb7 median");
	tb_svg_vline(&s, 1.0, "unity", NULL);
	const char *labels[MAXROWS];
	char lbuf[MAXROWS][96];
	for (size_t k = 0; k < n; k++) {
		const struct tb_result *r = &rs->r[idx[k]];
		char sz[48] = "";
		if (sizes)
			tb_result_size_str(r, sz, sizeof(sz));
		snprintf(lbuf[k], sizeof(lbuf[k]), "%.40s %s %s", r->variant,
			 strcmp(r->mode, "-") ? r->mode : "", sz);
		if (r->threads > 1)
			snprintf(lbuf[k] + strlen(lbuf[k]), sizeof(lbuf[k]) - strlen(lbuf[k]),
				 " \xc3\x97%u", r->threads);
		labels[k] = lbuf[k];
	}
	tb_svg_yrows(&s, n, labels);
	size_t nout = 0;
	for (size_t k = 0; k < n; k++) {
		const struct tb_result *r = &rs->r[idx[k]];
		const struct box *b = &bx[k];
		double ya, yb;
		tb_svg_row(&s, k, n, &ya, &yb);
		double yc = (ya + yb) / 2, h = (yb - ya) * 0.6;
		char tip[512], tm[32], t1[32], t3[32];
		tb_fmt_per_call(r, r->st.median, tm, sizeof(tm));
		tb_fmt_per_call(r, r->st.p25, t1, sizeof(t1));
		tb_fmt_per_call(r, r->st.p75, t3, sizeof(t3));
		snprintf(tip, sizeof(tip), "%s: median %s, quartiles %s \xe2\x80\x93 %s, %zu samples, "
			 "outliers %zu mild / %zu severe", lbuf[k], tm, t1, t3, r->nsamples,
			 r->st.outliers_mild, r->st.outliers_severe);
		double xw0 = tb_svg_px(&s, b->wlo), xw1 = tb_svg_px(&s, b->whi);
		fprintf(f, "<path class=\"whisker\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>",
			xw0, yc, xw1, xw0, yc - h / 3, yc + h / 3, xw1, yc - h / 3, yc + h / 3);
		double xq1 = tb_svg_px(&s, b->q1), xq3 = tb_svg_px(&s, b->q3);
		char cls[48] = "box ";
		tb_html_variant_class(r->variant, cls + 4, sizeof(cls) - 4);
		tb_svg_rect(&s, xq1, yc - h / 2, xq3 - xq1, h, cls, tip);
		double xm = tb_svg_px(&s, 1.0);
		fprintf(f, "<path class=\"med\" d=\"M%.1f %.1fV%.1f\"/>\n", xm, yc - h / 2, yc + h / 2);
		/* the samples: a strip, outliers (beyond the Tukey fences) in red */
		size_t step = r->nsamples > 400 ? r->nsamples / 400 : 1;
		double iqr = b->q3 - b->q1;
		for (size_t i = 0; i < r->nsamples; i++) {
			double v = r->samples[i] / r->st.median;
			bool out = v < b->q1 - 1.5 * iqr || v > b->q3 + 1.5 * iqr;
			if (!out && i % step)
				continue;
			double jit = fmod((double)i * 0.6180339887, 1.0) - 0.5;
			char pt[512], tv[32];
			tb_fmt_per_call(r, r->samples[i], tv, sizeof(tv));
			snprintf(pt, sizeof(pt), "sample %zu: %s%s", i, tv, out ? " (outlier)" : "");
			tb_svg_dot(&s, tb_svg_px(&s, v), yc + jit * h * 0.9, out ? 3.2 : 2.2,
				   out ? "out" : "pt", out ? pt : NULL);
			nout += out;
		}
	}
	tb_svg_end(&s);
	char cap[160];
	snprintf(cap, sizeof(cap), "%zu outlier%s%s.", nout, nout == 1 ? "" : "s",
		 log ? "; log scale" : "");
	tb_html_fig_close(f, cap);
out:
	for (size_t k = 0; k < n; k++)
		free(sorted[k]);
}

void tb_html_distributions(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	const char *fams[64];
	size_t nf = tb_html_families(rs, fams, 64);
	bool open = false;
	for (size_t fi = 0; fi < nf; fi++) {
		if (!tb_html_multi(rs, fams[fi]))
			continue;
		if (!open)
			fputs("<p class=\"hint\">Each case's samples relative to its median (1 = the "
			      "median): box from the 25th to the 75th percentile, whiskers to the furthest "
			      "sample within 1.5 IQR (p5/p95 where the raw samples were not saved), a dot "
			      "per sample, outliers in red.</p>\n<div class=\"grid\">\n", f);
		open = true;
		size_t idx[MAXROWS], n = 0;
		for (size_t i = 0; i < rs->n; i++) {
			const struct tb_result *r = &rs->r[i];
			if (strcmp(r->family, fams[fi]) || !tb_html_usable(r) ||
			    (!r->nsamples && (isnan(r->st.p25) || isnan(r->st.p75))))
				continue;
			if (n == MAXROWS) { /* one chart per MAXROWS cases */
				dist_chart(f, rs, fams[fi], idx, n);
				n = 0;
			}
			idx[n++] = i;
		}
		if (n)
			dist_chart(f, rs, fams[fi], idx, n);
	}
	if (open)
		fputs("</div>\n", f);
}
