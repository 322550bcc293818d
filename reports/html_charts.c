/*
 * html_charts.c - the report's focused charts: in-place vs out-of-place
 * side by side, threads scaling, and the emulator's instructions per
 * second with and without stores.  Each writes nothing when the results
 * hold nothing of the kind.
 */
#include "html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXG 32

static const struct tb_result *find(const struct tb_resultset *rs, const struct tb_result *k,
				    const char *mode, unsigned threads)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (!strcmp(r->family, k->family) && !strcmp(r->variant, k->variant) &&
		    !strcmp(r->mode, mode) && r->n == k->n && r->threads == threads &&
		    tb_html_usable(r))
			return r;
	}
	return NULL;
}

static void range(double v, double *lo, double *hi)
{
	if (isfinite(v) && v > 0) {
		*lo = fmin(*lo, v);
		*hi = fmax(*hi, v);
	}
}

/* ---- in-place vs out-of-place ---- */

static void modes_chart(FILE *f, const struct tb_resultset *rs, const char *fam)
{
	static const char *const modes[2] = {"outofplace", "inplace"};
	const struct tb_result *pair[MAXG][2];
	char labels[MAXG][TB_VARIANT_MAX + 80];
	size_t ng = 0;
	bool bytes = tb_html_family_bytes(rs, fam);
	double lo = INFINITY, hi = 0;
	for (size_t i = 0; i < rs->n && ng < MAXG; i++) {
		const struct tb_result *r = &rs->r[i];
		if (strcmp(r->family, fam) || strcmp(r->mode, modes[0]) || !tb_html_usable(r))
			continue;
		const struct tb_result *ip = find(rs, r, modes[1], r->threads);
		if (!ip)
			continue;
		pair[ng][0] = r;
		pair[ng][1] = ip;
		char sz[48];
		tb_result_size_str(r, sz, sizeof(sz));
		snprintf(labels[ng], sizeof(labels[ng]), "%s %s", r->variant, sz);
		if (r->threads > 1)
			snprintf(labels[ng] + strlen(labels[ng]), sizeof(labels[ng]) - strlen(labels[ng]),
				 " \xc3\x97%u", r->threads);
		for (int m = 0; m < 2; m++) {
			range(tb_html_rate(pair[ng][m], pair[ng][m]->st.median, bytes), &lo, &hi);
			range(tb_html_rate(pair[ng][m], pair[ng][m]->st.ci_low, bytes), &lo, &hi);
			range(tb_html_rate(pair[ng][m], pair[ng][m]->st.ci_high, bytes), &lo, &hi);
		}
		ng++;
	}
	if (!ng || !(hi > 0))
		return;
	char ylab[48];
	tb_html_rate_label(pair[0][0], bytes, ylab, sizeof(ylab));
	bool log = tb_svg_spans(lo, hi, 30);
	struct tb_svg s;
	char title[96];
	snprintf(title, sizeof(title), "%s: in-place vs out-of-place", fam);
	tb_html_fig_open(f);
	tb_svg_begin(&s, f, fmax(TB_HTML_W, 60.0 * (double)ng), 320, 64, 44, title);
	tb_svg_axis_fit(&s.y, lo, hi, log, true);
	tb_svg_yaxis(&s, ylab);
	const char *lp[MAXG];
	for (size_t g = 0; g < ng; g++)
		lp[g] = labels[g];
	tb_svg_xgroups(&s, ng, lp, NULL);
	for (size_t g = 0; g < ng; g++) {
		double a, b;
		tb_svg_group(&s, g, ng, &a, &b);
		double bw = fmin((b - a) * 0.7 / 2, 90), pad = (b - a) / 2 - bw;
		for (int m = 0; m < 2; m++) {
			const struct tb_result *r = pair[g][m];
			double x0 = a + pad + bw * m, x1 = x0 + bw * 0.92;
			char tip[512], t[32];
			tb_fmt_per_call(r, r->st.median, t, sizeof(t));
			snprintf(tip, sizeof(tip), "%.96s %s: %s per call", labels[g], modes[m], t);
			tb_svg_bar(&s, x0, x1, tb_html_rate(r, r->st.median, bytes), tb_svg_color(m),
				   tip);
			tb_svg_errbar(&s, (x0 + x1) / 2, tb_html_rate(r, r->st.ci_high, bytes),
				      tb_html_rate(r, r->st.ci_low, bytes));
		}
	}
	const char *cls[2] = {tb_svg_color(0), tb_svg_color(1)};
	tb_svg_legend(&s, 2, modes, cls);
	tb_svg_end(&s);
	char cap[256];
	snprintf(cap, sizeof(cap), "%s: the same variant and size in both modes, side by side "
		 "(%s at the median; error bars: confidence interval of the median)%s.", fam, ylab,
		 log ? "; log scale" : "");
	tb_html_fig_close(f, cap);
}

void tb_html_modes(FILE *f, const struct tb_report *rep)
{
	const char *fams[64];
	size_t nf = tb_html_families(rep->rs, fams, 64);
	for (size_t i = 0; i < nf; i++)
		modes_chart(f, rep->rs, fams[i]);
}

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

static void threads_chart(FILE *f, const struct tb_resultset *rs, const char *fam)
{
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
	tb_html_fig_open(f);
	tb_svg_begin(&s, f, TB_HTML_W, 320, 56, 44, title);
	tb_svg_axis_fit(&s.x, 0, tmax, false, true);
	tb_svg_axis_fit(&s.y, 0, smax, false, true);
	tb_svg_xaxis(&s, "threads");
	tb_svg_yaxis(&s, "speed-up over the fewest threads");
	double ix[2] = {tmin, tmax}, iy[2] = {1, tmax / tmin};
	tb_svg_line(&s, 2, ix, iy, "unity", true);
	const char *lp[TB_SVG_NCOLORS], *cls[TB_SVG_NCOLORS];
	for (size_t k = 0; k < nl; k++) {
		double xs[MAXG], ys[MAXG], base = ln[k].r[0]->st.median;
		for (size_t j = 0; j < ln[k].n; j++) {
			const struct tb_result *r = ln[k].r[j];
			xs[j] = r->threads;
			ys[j] = base / r->st.median;
		}
		tb_svg_line(&s, ln[k].n, xs, ys, tb_svg_color(k), false);
		for (size_t j = 0; j < ln[k].n; j++) {
			const struct tb_result *r = ln[k].r[j];
			double px = tb_svg_px(&s, xs[j]);
			tb_svg_errbar(&s, px, base / r->st.ci_high, base / r->st.ci_low);
			char tip[512], t[32];
			tb_fmt_per_call(r, r->st.median, t, sizeof(t));
			snprintf(tip, sizeof(tip), "%.96s, %u threads: %s per call, %.2f\xc3\x97", names[k],
				 r->threads, t, ys[j]);
			tb_svg_dot(&s, px, tb_svg_py(&s, ys[j]), 3.5, tb_svg_color(k), tip);
		}
		lp[k] = names[k];
		cls[k] = tb_svg_color(k);
	}
	tb_svg_legend(&s, nl, lp, cls);
	tb_svg_end(&s);
	char cap[300];
	snprintf(cap, sizeof(cap), "%s: speed-up of the median time per call over the run with "
		 "the fewest threads; dashed: ideal linear scaling%s.", fam,
		 more ? "; more cases ran at several thread counts than fit here (see the summary)" : "");
	tb_html_fig_close(f, cap);
}

void tb_html_threads(FILE *f, const struct tb_report *rep)
{
	const char *fams[64];
	size_t nf = tb_html_families(rep->rs, fams, 64);
	for (size_t i = 0; i < nf; i++)
		threads_chart(f, rep->rs, fams[i]);
}

/* ---- the emulator: instructions per second ---- */

static bool is_emu(const struct tb_result *r)
{
	return tb_html_usable(r) && (!strcmp(r->family, "emu") || !strcmp(r->unit, "insn"));
}

void tb_html_emu(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	const struct tb_result *c[MAXG];
	char labels[MAXG][TB_VARIANT_MAX + 80];
	const char *lp[MAXG];
	size_t n = 0;
	double lo = INFINITY, hi = 0;
	for (size_t i = 0; i < rs->n && n < MAXG; i++) {
		const struct tb_result *r = &rs->r[i];
		if (!is_emu(r))
			continue;
		range(tb_html_rate(r, r->st.median, false), &lo, &hi);
		range(tb_html_rate(r, r->st.ci_low, false), &lo, &hi);
		range(tb_html_rate(r, r->st.ci_high, false), &lo, &hi);
		tb_html_case_label(r, labels[n], sizeof(labels[n]));
		lp[n] = labels[n];
		c[n++] = r;
	}
	if (!n || !(hi > 0))
		return;
	struct tb_svg s;
	tb_html_fig_open(f);
	tb_svg_begin(&s, f, fmax(TB_HTML_W, 90.0 * (double)n), 300, 64, 44,
		     "emulator: instructions per second");
	tb_svg_axis_fit(&s.y, lo, hi, false, true);
	tb_svg_yaxis(&s, "instructions/s");
	tb_svg_xgroups(&s, n, lp, NULL);
	for (size_t g = 0; g < n; g++) {
		double a, b;
		tb_svg_group(&s, g, n, &a, &b);
		double hw = fmin((b - a) * 0.25, 60), x0 = (a + b) / 2 - hw, x1 = (a + b) / 2 + hw;
		double v = tb_html_rate(c[g], c[g]->st.median, false);
		char tip[512], ips[32];
		tb_fmt_si(v, "IPS", ips, sizeof(ips));
		snprintf(tip, sizeof(tip), "%.300s: %s", labels[g], ips);
		tb_svg_bar(&s, x0, x1, v, strstr(c[g]->variant, "nostr") ? "s1" : "s0", tip);
		tb_svg_errbar(&s, (x0 + x1) / 2, tb_html_rate(c[g], c[g]->st.ci_high, false),
			      tb_html_rate(c[g], c[g]->st.ci_low, false));
	}
	const char *ln[2] = {"with stores (loop-str)", "without stores (loop-nostr)"};
	const char *lc[2] = {"s0", "s1"};
	tb_svg_legend(&s, 2, ln, lc);
	tb_svg_end(&s);
	/* with vs without stores, where both loops ran at the same size */
	char cap[400] = "", extra[200] = "";
	for (size_t g = 0; g < n; g++) {
		if (strcmp(c[g]->variant, "loop-str"))
			continue;
		for (size_t h = 0; h < n; h++)
			if (!strcmp(c[h]->variant, "loop-nostr") && c[h]->n == c[g]->n &&
			    c[h]->threads == c[g]->threads) {
				snprintf(extra, sizeof(extra), "; without stores the loop runs %.2f\xc3\x97 "
					 "the instructions per second of the loop with stores",
					 c[g]->st.median / c[h]->st.median *
						 (c[h]->items > 0 && c[g]->items > 0
							  ? c[h]->items / c[g]->items : 1));
				break;
			}
		break;
	}
	snprintf(cap, sizeof(cap), "The AArch64 emulator's fetch-decode-execute loop: instructions "
		 "per second at the median (error bars: confidence interval)%s.", extra);
	tb_html_fig_close(f, cap);
}
