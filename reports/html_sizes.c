/*
 * html_sizes.c - throughput against size on a true size axis: the panel a
 * family card shows (html_family.c) when the family ran at three or more
 * sizes spanning orders of magnitude, so cache-level steps show where they
 * are.  Log scale on the size axis; one line per variant (and thread
 * count) in the variant's colour, with confidence-interval error bars, and
 * the measured machine limit per size, dashed red.
 */
#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXV 16
#define MAXP 64

struct line {
	const char *variant;
	unsigned threads;
	double x[MAXP], y[MAXP];
	const struct tb_result *r[MAXP];
	size_t n;
};

static int by_n(const void *a, const void *b)
{
	const struct tb_result *x = *(const struct tb_result *const *)a;
	const struct tb_result *y = *(const struct tb_result *const *)b;
	return (x->n > y->n) - (x->n < y->n);
}

void tb_html_size_lines(FILE *f, const struct tb_resultset *rs, const char *fam,
			const char *mode, const size_t *idx, size_t n)
{
	bool bytes = tb_html_family_bytes(rs, fam);
	struct line *ln = calloc(MAXV, sizeof(*ln));
	if (!ln)
		return;
	size_t nl = 0;
	double xlo = INFINITY, xhi = 0, ylo = INFINITY, yhi = 0;
	for (size_t i = 0; i < n; i++) {
		const struct tb_result *r = &rs->r[idx[i]];
		size_t k;
		for (k = 0; k < nl; k++)
			if (!strcmp(ln[k].variant, r->variant) && ln[k].threads == r->threads)
				break;
		if (k == nl) {
			if (nl == MAXV)
				continue;
			ln[nl].variant = r->variant;
			ln[nl].threads = r->threads;
			nl++;
		}
		if (ln[k].n < MAXP && r->n > 0)
			ln[k].r[ln[k].n++] = r;
	}
	size_t distinct = 0;
	for (size_t k = 0; k < nl; k++) {
		qsort(ln[k].r, ln[k].n, sizeof(ln[k].r[0]), by_n);
		for (size_t j = 0; j < ln[k].n; j++) {
			const struct tb_result *r = ln[k].r[j];
			ln[k].x[j] = (double)r->n;
			ln[k].y[j] = tb_html_rate(r, r->st.median, bytes);
			xlo = fmin(xlo, ln[k].x[j]);
			xhi = fmax(xhi, ln[k].x[j]);
			const double v[] = {ln[k].y[j], tb_html_rate(r, r->st.ci_low, bytes),
					    tb_html_rate(r, r->st.ci_high, bytes),
					    r->limit_share > 0 ? ln[k].y[j] / r->limit_share : NAN};
			for (size_t q = 0; q < 4; q++)
				if (isfinite(v[q]) && v[q] > 0) {
					ylo = fmin(ylo, v[q]);
					yhi = fmax(yhi, v[q]);
				}
		}
		distinct = ln[k].n > distinct ? ln[k].n : distinct;
	}
	if (distinct < 3 || !tb_svg_spans(xlo, xhi, 100) || !(yhi > 0))
		goto out;
	char ylab[48], title[160];
	tb_html_rate_label(ln[0].r[0], bytes, ylab, sizeof(ylab));
	snprintf(title, sizeof(title), "%s %s: throughput against size", fam, mode);
	struct tb_svg s;
	tb_svg_begin(&s, f, 640, 280, 64, 44, title);
	s.y0 = 10; /* no legend: the page has one */
	bool ylog = tb_svg_spans(ylo, yhi, 30);
	tb_svg_axis_fit(&s.x, xlo, xhi, true, false);
	tb_svg_axis_fit(&s.y, ylo, yhi, ylog, true);
	tb_svg_xaxis(&s, "size (items per call)");
	tb_svg_yaxis(&s, ylab);
	/* the machine limit at each size where it is known */
	double lx[MAXP], ly[MAXP];
	size_t nlim = 0;
	for (size_t k = 0; k < nl; k++)
		for (size_t j = 0; j < ln[k].n && nlim < MAXP; j++) {
			const struct tb_result *r = ln[k].r[j];
			if (!(r->limit_share > 0) || !isfinite(r->limit_share))
				continue;
			size_t q;
			for (q = 0; q < nlim; q++)
				if (lx[q] == ln[k].x[j])
					break;
			double lim = ln[k].y[j] / r->limit_share;
			if (q == nlim) {
				lx[nlim] = ln[k].x[j];
				ly[nlim++] = lim;
			} else {
				ly[q] = fmax(ly[q], lim);
			}
		}
	if (nlim >= 2)
		tb_svg_line(&s, nlim, lx, ly, "limit", true);
	const char *cls[MAXV];
	char cbuf[MAXV][40];
	for (size_t k = 0; k < nl; k++) {
		/* a variant's lower thread counts dashed, in its colour */
		bool fewer = false;
		for (size_t q = 0; q < nl; q++)
			fewer |= !strcmp(ln[q].variant, ln[k].variant) && ln[q].threads > ln[k].threads;
		tb_html_variant_class(ln[k].variant, cbuf[k], sizeof(cbuf[k]));
		cls[k] = cbuf[k];
		tb_svg_line(&s, ln[k].n, ln[k].x, ln[k].y, cls[k], fewer);
		for (size_t j = 0; j < ln[k].n; j++) {
			const struct tb_result *r = ln[k].r[j];
			double px = tb_svg_px(&s, ln[k].x[j]);
			tb_svg_errbar(&s, px, tb_html_rate(r, r->st.ci_high, bytes),
				      tb_html_rate(r, r->st.ci_low, bytes));
			char tip[TB_VARIANT_MAX + 256], sz[48], t[32];
			tb_result_size_str(r, sz, sizeof(sz));
			tb_fmt_per_call(r, r->st.median, t, sizeof(t));
			snprintf(tip, sizeof(tip), "%s \xc3\x97%u size %s: %.3g %s, %s per call",
				 r->variant, r->threads, sz, ln[k].y[j], ylab, t);
			tb_svg_dot(&s, px, tb_svg_py(&s, ln[k].y[j]), 3.5, cls[k], tip);
		}
	}
	tb_svg_end(&s);
out:
	free(ln);
}
