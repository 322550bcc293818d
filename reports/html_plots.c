/*
 * html_plots.c - the report's main plots: throughput per variant grouped by
 * size (with confidence-interval error bars and the machine-limit line),
 * and the distribution of samples per case (box + strip, outliers marked).
 */
#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXS 32  /* sizes per chart */
#define MAXV 16  /* series per chart */
#define MAXROWS 48 /* cases per distribution chart */

struct series {
	char name[TB_VARIANT_MAX + 16];
	const char *variant;
	unsigned threads;
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* how many thread counts variant v has among the chosen results */
static size_t thread_counts(const struct tb_resultset *rs, const size_t *idx, size_t n,
			    const char *v)
{
	unsigned seen[MAXV];
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct tb_result *r = &rs->r[idx[i]];
		if (strcmp(r->variant, v))
			continue;
		size_t j;
		for (j = 0; j < k; j++)
			if (seen[j] == r->threads)
				break;
		if (j == k && k < MAXV)
			seen[k++] = r->threads;
	}
	return k;
}

static void minmax(double v, double *lo, double *hi)
{
	if (!isfinite(v) || v <= 0)
		return;
	if (v < *lo)
		*lo = v;
	if (v > *hi)
		*hi = v;
}

static void throughput_chart(FILE *f, const struct tb_resultset *rs, const char *fam,
			     const char *mode, const size_t *idx, size_t n)
{
	bool bytes = tb_html_family_bytes(rs, fam);
	uint64_t sizes[MAXS];
	size_t ns = 0;
	struct series ser[MAXV];
	size_t nv = 0;
	bool dropped = false;
	for (size_t i = 0; i < n; i++) {
		const struct tb_result *r = &rs->r[idx[i]];
		size_t j;
		for (j = 0; j < ns; j++)
			if (sizes[j] == r->n)
				break;
		if (j == ns) {
			if (ns < MAXS)
				sizes[ns++] = r->n;
			else
				dropped = true;
		}
		for (j = 0; j < nv; j++)
			if (!strcmp(ser[j].variant, r->variant) && ser[j].threads == r->threads)
				break;
		if (j == nv) {
			if (nv == MAXV) {
				dropped = true;
				continue;
			}
			ser[nv].variant = r->variant;
			ser[nv].threads = r->threads;
			if (thread_counts(rs, idx, n, r->variant) > 1)
				snprintf(ser[nv].name, sizeof(ser[nv].name), "%s \xc3\x97%u", r->variant,
					 r->threads);
			else
				snprintf(ser[nv].name, sizeof(ser[nv].name), "%s", r->variant);
			nv++;
		}
	}
	qsort(sizes, ns, sizeof(sizes[0]), cmp_u64);

	/* y range over medians, intervals and limits */
	double lo = INFINITY, hi = 0;
	char ylab[48] = "";
	for (size_t i = 0; i < n; i++) {
		const struct tb_result *r = &rs->r[idx[i]];
		if (!ylab[0])
			tb_html_rate_label(r, bytes, ylab, sizeof(ylab));
		minmax(tb_html_rate(r, r->st.median, bytes), &lo, &hi);
		minmax(tb_html_rate(r, r->st.ci_low, bytes), &lo, &hi);
		minmax(tb_html_rate(r, r->st.ci_high, bytes), &lo, &hi);
		if (r->limit_share > 0)
			minmax(tb_html_rate(r, r->st.median, bytes) / r->limit_share, &lo, &hi);
	}
	if (!(hi > 0))
		return;
	bool log = tb_svg_spans(lo, hi, 30);
	struct tb_svg s;
	char title[160];
	snprintf(title, sizeof(title), "%s %s: throughput by size", fam, mode);
	tb_html_fig_open(f);
	double w = fmax(TB_HTML_W, 40.0 + 26.0 * (double)(ns * nv));
	tb_svg_begin(&s, f, w, 300, 64, 44, title);
	tb_svg_axis_fit(&s.y, lo, hi, log, true);
	tb_svg_yaxis(&s, ylab);
	const char *labels[MAXS];
	char lbuf[MAXS][48];
	for (size_t g = 0; g < ns; g++) {
		for (size_t i = 0; i < n; i++)
			if (rs->r[idx[i]].n == sizes[g]) {
				tb_result_size_str(&rs->r[idx[i]], lbuf[g], sizeof(lbuf[g]));
				break;
			}
		labels[g] = lbuf[g];
	}
	tb_svg_xgroups(&s, ns, labels, "size");
	bool have_limit = false, have_ci = false;
	for (size_t g = 0; g < ns; g++) {
		double a, b;
		tb_svg_group(&s, g, ns, &a, &b);
		double bw = fmin((b - a) * 0.8 / (double)nv, 90);
		double pad = (b - a - bw * (double)nv) / 2; /* centre the bars in their group */
		double limit = NAN;
		for (size_t v = 0; v < nv; v++) {
			for (size_t i = 0; i < n; i++) {
				const struct tb_result *r = &rs->r[idx[i]];
				if (r->n != sizes[g] || strcmp(r->variant, ser[v].variant) ||
				    r->threads != ser[v].threads)
					continue;
				double x0 = a + pad + bw * (double)v, x1 = x0 + bw * 0.92;
				double val = tb_html_rate(r, r->st.median, bytes);
				char tip[512], t[32], rv[32];
				tb_fmt_per_call(r, r->st.median, t, sizeof(t));
				tb_svg_num(val, rv, sizeof(rv));
				snprintf(tip, sizeof(tip), "%.64s %.48s: %.32s %.48s, %.32s per call", ser[v].name,
					 lbuf[g], rv, ylab, t);
				tb_svg_bar(&s, x0, x1, val, tb_svg_color(v), tip);
				/* a shorter time is a higher rate: ci_high gives the low end */
				double elo = tb_html_rate(r, r->st.ci_high, bytes);
				double ehi = tb_html_rate(r, r->st.ci_low, bytes);
				if (!isnan(elo) && !isnan(ehi))
					have_ci = true;
				tb_svg_errbar(&s, (x0 + x1) / 2, elo, ehi);
				if (r->limit_share > 0 && isfinite(r->limit_share))
					limit = fmax(isnan(limit) ? 0 : limit, val / r->limit_share);
			}
		}
		if (!isnan(limit)) {
			char lt[96], lv[32];
			tb_svg_num(limit, lv, sizeof(lv));
			snprintf(lt, sizeof(lt), "limit %s %s", lv, ylab);
			tb_svg_hline(&s, a + 2, b - 2, limit, "limit", lt);
			have_limit = true;
		}
	}
	const char *names[MAXV + 1], *cls[MAXV + 1];
	for (size_t v = 0; v < nv; v++) {
		names[v] = ser[v].name;
		cls[v] = tb_svg_color(v);
	}
	tb_svg_legend(&s, nv, names, cls);
	tb_svg_end(&s);
	char cap[400];
	snprintf(cap, sizeof(cap), "%s, %s: %s at the median time per call, by size%s%s%s%s.",
		 fam, strcmp(mode, "-") ? mode : "single mode", ylab,
		 have_ci ? "; error bars: confidence interval of the median" : "",
		 have_limit ? "; dashed red line: the measured machine limit" : "",
		 log ? "; log scale (values span orders of magnitude)" : "",
		 dropped ? "; some cases were left out of this chart (see the summary table)" : "");
	tb_html_fig_close(f, cap);
}

void tb_html_throughput(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	const char *fams[64];
	size_t nf = tb_html_families(rs, fams, 64);
	size_t *idx = malloc((rs->n ? rs->n : 1) * sizeof(size_t));
	if (!idx)
		return;
	for (size_t fi = 0; fi < nf; fi++) {
		const char *modes[8];
		size_t nm = 0;
		for (size_t i = 0; i < rs->n; i++) {
			const struct tb_result *r = &rs->r[i];
			if (strcmp(r->family, fams[fi]) || !tb_html_usable(r))
				continue;
			size_t j;
			for (j = 0; j < nm; j++)
				if (!strcmp(modes[j], r->mode))
					break;
			if (j == nm && nm < 8)
				modes[nm++] = r->mode;
		}
		for (size_t m = 0; m < nm; m++) {
			size_t n = 0;
			for (size_t i = 0; i < rs->n; i++) {
				const struct tb_result *r = &rs->r[i];
				if (!strcmp(r->family, fams[fi]) && !strcmp(r->mode, modes[m]) &&
				    tb_html_usable(r))
					idx[n++] = i;
			}
			throughput_chart(f, rs, fams[fi], modes[m], idx, n);
			tb_html_size_lines(f, rs, fams[fi], modes[m], idx, n);
		}
	}
	free(idx);
}

/* ---- sample distributions ---- */

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

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
			qsort(sorted[k], r->nsamples, sizeof(double), cmp_d);
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
	tb_html_fig_open(f);
	tb_svg_begin(&s, f, TB_HTML_W, 60 + 26 * (double)n, 210, 40, title);
	tb_svg_axis_fit(&s.x, lo, hi, log, false);
	tb_svg_xaxis(&s, "time per call \xc3\xb7 the case's median");
	tb_svg_vline(&s, 1.0, "unity", NULL);
	const char *labels[MAXROWS];
	char lbuf[MAXROWS][TB_VARIANT_MAX + 80];
	for (size_t k = 0; k < n; k++) {
		tb_html_case_label(&rs->r[idx[k]], lbuf[k], sizeof(lbuf[k]));
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
		snprintf(tip, sizeof(tip), "%.240s: median %s, quartiles %s \xe2\x80\x93 %s, %zu samples, "
			 "outliers %zu mild / %zu severe", lbuf[k], tm, t1, t3, r->nsamples,
			 r->st.outliers_mild, r->st.outliers_severe);
		double xw0 = tb_svg_px(&s, b->wlo), xw1 = tb_svg_px(&s, b->whi);
		fprintf(f, "<path class=\"whisker\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>",
			xw0, yc, xw1, xw0, yc - h / 3, yc + h / 3, xw1, yc - h / 3, yc + h / 3);
		double xq1 = tb_svg_px(&s, b->q1), xq3 = tb_svg_px(&s, b->q3);
		tb_svg_rect(&s, xq1, yc - h / 2, xq3 - xq1, h, "box", tip);
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
	char cap[400];
	snprintf(cap, sizeof(cap), "%s: each case's samples relative to its median (1 = median): box "
		 "from the 25th to the 75th percentile, whiskers to the furthest sample within 1.5 "
		 "IQR (p5/p95 where the raw samples were not saved), dots are samples, %zu outlier%s "
		 "in red%s.", fam, nout, nout == 1 ? "" : "s", log ? "; log scale" : "");
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
	for (size_t fi = 0; fi < nf; fi++) {
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
}
