/*
 * svg.c - the inline-SVG plotting helper (see svg.h).  Pure output: it
 * draws what it is given and decides nothing about the data.
 */
#include "svg.h"

#include <math.h>
#include <string.h>

void tb_xml_text(FILE *f, const char *s)
{
	if (!s)
		return;
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* control characters are not allowed in XML 1.0 text */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fputc('?', f);
			else
				fputc(*s, f);
		}
	}
}

const char *tb_svg_color(size_t i)
{
	static const char *const c[TB_SVG_NCOLORS] = {"s0", "s1", "s2", "s3", "s4", "s5",
						       "s6", "s7", "s8", "s9", "s10", "s11"};
	return c[i % TB_SVG_NCOLORS];
}

void tb_svg_num(double v, char *buf, size_t len)
{
	static const char *const pre[] = {"", "k", "M", "G", "T", "P"};
	double a = fabs(v);
	int i = 0;
	while (a >= 1000 && i < 5) {
		a /= 1000;
		v /= 1000;
		i++;
	}
	snprintf(buf, len, "%.3g%s", v, pre[i]);
}

void tb_svg_begin(struct tb_svg *s, FILE *f, double w, double h, double left_margin,
		  double bottom_margin, const char *title)
{
	memset(s, 0, sizeof(*s));
	s->f = f;
	s->w = w;
	s->h = h;
	s->x0 = left_margin;
	s->x1 = w - 16;
	s->y0 = 30;
	s->y1 = h - bottom_margin;
	s->x = (struct tb_svg_axis){0, 1, false};
	s->y = (struct tb_svg_axis){0, 1, false};
	fprintf(f, "<svg class=\"plot\" viewBox=\"0 0 %.0f %.0f\" "
		   "width=\"%.0f\" height=\"%.0f\" role=\"img\"><title>", w, h, w, h);
	tb_xml_text(f, title);
	fputs("</title>\n", f);
}

void tb_svg_end(struct tb_svg *s)
{
	fputs("</svg>\n", s->f);
}

bool tb_svg_spans(double lo, double hi, double ratio)
{
	return lo > 0 && hi > 0 && isfinite(lo) && isfinite(hi) && hi / lo >= ratio;
}

static double nice_step(double range)
{
	if (!(range > 0) || !isfinite(range))
		return 1;
	double raw = range / 5;
	double p = pow(10, floor(log10(raw)));
	double m = raw / p;
	return p * (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10); /* the nearest nice step (4 to 8 ticks) */
}

void tb_svg_axis_fit(struct tb_svg_axis *a, double lo, double hi, bool log, bool zero_based)
{
	if (!isfinite(lo) || !isfinite(hi) || lo > hi) {
		lo = 0;
		hi = 1;
	}
	a->log = log && lo > 0;
	if (a->log) {
		a->lo = lo / 1.25;
		a->hi = hi * 1.25;
		return;
	}
	if (zero_based && lo >= 0)
		lo = 0;
	if (lo == hi) {
		double d = lo ? fabs(lo) * 0.1 : 1;
		lo -= d;
		hi += d;
	}
	double st = nice_step(hi - lo);
	a->lo = floor(lo / st) * st;
	a->hi = ceil(hi / st) * st;
	if (a->hi == hi && !zero_based)
		a->hi += st;
	if (a->hi <= a->lo)
		a->hi = a->lo + st;
}

static double frac(const struct tb_svg_axis *a, double v)
{
	double t;
	if (a->log)
		t = v > 0 ? (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo)) : 0;
	else
		t = (v - a->lo) / (a->hi - a->lo);
	if (!isfinite(t))
		t = 0;
	return t < 0 ? 0 : t > 1 ? 1 : t;
}

double tb_svg_px(const struct tb_svg *s, double v)
{
	return s->x0 + frac(&s->x, v) * (s->x1 - s->x0);
}

double tb_svg_py(const struct tb_svg *s, double v)
{
	return s->y1 - frac(&s->y, v) * (s->y1 - s->y0);
}

/* tick values of an axis; returns how many */
static size_t ticks(const struct tb_svg_axis *a, double *t, size_t max)
{
	size_t n = 0;
	if (a->log) {
		int d0 = (int)floor(log10(a->lo)), d1 = (int)ceil(log10(a->hi));
		static const double m125[] = {1, 2, 5};
		size_t nm = d1 - d0 <= 3 ? 3 : 1;
		for (int d = d0; d <= d1; d++)
			for (size_t k = 0; k < nm; k++) {
				double v = m125[k] * pow(10, d);
				if (v >= a->lo * 0.999 && v <= a->hi * 1.001 && n < max)
					t[n++] = v;
			}
		if (n >= 3)
			return n;
		/* a narrow log range (a ratio axis around 1): plain steps read better
		 * than one lonely "1" */
		for (double st = nice_step(a->hi - a->lo), k = 0; k < 4; k++, st /= 2) {
			n = 0;
			for (double v = ceil(a->lo / st) * st; v <= a->hi * 1.000001 && n < max; v += st)
				if (v > 0)
					t[n++] = fabs(v - round(v / st) * st) < st * 1e-6 ? round(v / st) * st : v;
			if (n >= 4)
				break;
		}
		return n;
	}
	double st = nice_step(a->hi - a->lo);
	for (double v = a->lo; v <= a->hi + st * 1e-6 && n < max; v += st)
		t[n++] = fabs(v) < st * 1e-9 ? 0 : v;
	return n;
}

void tb_svg_yaxis(struct tb_svg *s, const char *label)
{
	double t[64];
	size_t n = ticks(&s->y, t, 64);
	fputs("<g class=\"axis\">", s->f);
	for (size_t i = 0; i < n; i++) {
		double y = tb_svg_py(s, t[i]);
		char b[32];
		tb_svg_num(t[i], b, sizeof(b));
		fprintf(s->f, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
			      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			s->x0, s->x1, y, y, s->x0 - 5, y + 4, b);
	}
	fprintf(s->f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", s->x0, s->x0,
		s->y0, s->y1);
	if (label) {
		fprintf(s->f, "<text class=\"label\" transform=\"translate(12 %.1f) rotate(-90)\" "
			      "text-anchor=\"middle\">", (s->y0 + s->y1) / 2);
		tb_xml_text(s->f, label);
		if (s->y.log)
			fputs(" (log scale)", s->f);
		fputs("</text>", s->f);
	}
	fputs("</g>\n", s->f);
}

static void xlabel(struct tb_svg *s, const char *label, bool log)
{
	if (!label)
		return;
	fprintf(s->f, "<text class=\"label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
		(s->x0 + s->x1) / 2, s->h - 6);
	tb_xml_text(s->f, label);
	if (log)
		fputs(" (log scale)", s->f);
	fputs("</text>", s->f);
}

void tb_svg_xaxis(struct tb_svg *s, const char *label)
{
	double t[64];
	size_t n = ticks(&s->x, t, 64);
	fputs("<g class=\"axis\">", s->f);
	for (size_t i = 0; i < n; i++) {
		double x = tb_svg_px(s, t[i]);
		char b[32];
		tb_svg_num(t[i], b, sizeof(b));
		fprintf(s->f, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
			      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
			x, x, s->y0, s->y1, x, s->y1 + 15, b);
	}
	fprintf(s->f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", s->x0, s->x1,
		s->y1, s->y1);
	xlabel(s, label, s->x.log);
	fputs("</g>\n", s->f);
}

void tb_svg_group(const struct tb_svg *s, size_t i, size_t n, double *from, double *to)
{
	double w = (s->x1 - s->x0) / (double)(n ? n : 1);
	*from = s->x0 + w * (double)i;
	*to = *from + w;
}

void tb_svg_row(const struct tb_svg *s, size_t i, size_t n, double *from, double *to)
{
	double h = (s->y1 - s->y0) / (double)(n ? n : 1);
	*from = s->y0 + h * (double)i;
	*to = *from + h;
}

void tb_svg_xgroups(struct tb_svg *s, size_t n, const char *const *labels, const char *label)
{
	fputs("<g class=\"axis\">", s->f);
	for (size_t i = 0; i < n; i++) {
		double a, b;
		tb_svg_group(s, i, n, &a, &b);
		fprintf(s->f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", (a + b) / 2,
			s->y1 + 15);
		tb_xml_text(s->f, labels[i]);
		fputs("</text>\n", s->f);
	}
	fprintf(s->f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", s->x0, s->x1,
		s->y1, s->y1);
	xlabel(s, label, false);
	fputs("</g>\n", s->f);
}

void tb_svg_yrows(struct tb_svg *s, size_t n, const char *const *labels)
{
	fputs("<g class=\"axis\">", s->f);
	for (size_t i = 0; i < n; i++) {
		double a, b;
		tb_svg_row(s, i, n, &a, &b);
		fprintf(s->f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", s->x0 - 6,
			(a + b) / 2 + 4);
		tb_xml_text(s->f, labels[i]);
		fputs("</text>\n", s->f);
	}
	fputs("</g>\n", s->f);
}

static void tip(FILE *f, const char *t)
{
	if (!t)
		return;
	fputs("<title>", f);
	tb_xml_text(f, t);
	fputs("</title>", f);
}

void tb_svg_rect(struct tb_svg *s, double x, double y, double w, double h, const char *cls,
		 const char *t)
{
	fprintf(s->f, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
		cls, x, y, w < 0.5 ? 0.5 : w, h < 0.5 ? 0.5 : h);
	tip(s->f, t);
	fputs("</rect>\n", s->f);
}

void tb_svg_bar(struct tb_svg *s, double a, double b, double v, const char *cls, const char *t)
{
	if (isnan(v))
		return;
	double y = tb_svg_py(s, v);
	tb_svg_rect(s, a, y, b - a, s->y1 - y, cls, t);
}

void tb_svg_errbar(struct tb_svg *s, double x, double lo, double hi)
{
	if (isnan(lo) || isnan(hi))
		return;
	double a = tb_svg_py(s, lo), b = tb_svg_py(s, hi);
	fprintf(s->f, "<path class=\"err\" d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\"/>\n",
		x, a, b, x - 3, a, x + 3, x - 3, b, x + 3);
}

void tb_svg_herrbar(struct tb_svg *s, double y, double lo, double hi, const char *cls)
{
	if (isnan(lo) || isnan(hi))
		return;
	double a = tb_svg_px(s, lo), b = tb_svg_px(s, hi);
	fprintf(s->f, "<path class=\"err%s%s\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>\n",
		cls ? " " : "", cls ? cls : "", a, y, b, a, y - 4, y + 4, b, y - 4, y + 4);
}

void tb_svg_line(struct tb_svg *s, size_t n, const double *xs, const double *ys,
		 const char *cls, bool dashed)
{
	bool open = false;
	for (size_t i = 0; i < n; i++) {
		if (isnan(xs[i]) || isnan(ys[i])) {
			if (open)
				fputs("\"/>\n", s->f);
			open = false;
			continue;
		}
		if (!open)
			fprintf(s->f, "<path class=\"line %s%s\" d=\"M", cls, dashed ? " dashed" : "");
		else
			fputc('L', s->f);
		fprintf(s->f, "%.1f %.1f", tb_svg_px(s, xs[i]), tb_svg_py(s, ys[i]));
		open = true;
	}
	if (open)
		fputs("\"/>\n", s->f);
}

static void band_run(struct tb_svg *s, size_t a, size_t b, const double *xs, const double *lo,
		     const double *hi, const char *cls)
{
	if (b <= a)
		return;
	fprintf(s->f, "<path class=\"%s\" d=\"M", cls);
	for (size_t i = a; i < b; i++)
		fprintf(s->f, "%s%.1f %.1f", i > a ? "L" : "", tb_svg_px(s, xs[i]), tb_svg_py(s, hi[i]));
	for (size_t i = b; i-- > a;)
		fprintf(s->f, "L%.1f %.1f", tb_svg_px(s, xs[i]), tb_svg_py(s, lo[i]));
	fputs("Z\"/>\n", s->f);
}

void tb_svg_band(struct tb_svg *s, size_t n, const double *xs, const double *lo,
		 const double *hi, const char *cls)
{
	size_t start = 0;
	for (size_t i = 0; i <= n; i++)
		if (i == n || isnan(xs[i]) || isnan(lo[i]) || isnan(hi[i])) {
			band_run(s, start, i, xs, lo, hi, cls);
			start = i + 1;
		}
}

void tb_svg_dot(struct tb_svg *s, double px, double py, double r, const char *cls,
		const char *t)
{
	fprintf(s->f, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\">", cls, px, py, r);
	tip(s->f, t);
	fputs("</circle>\n", s->f);
}

void tb_svg_hline(struct tb_svg *s, double a, double b, double v, const char *cls,
		  const char *label)
{
	if (isnan(v))
		return;
	double y = tb_svg_py(s, v);
	fprintf(s->f, "<path class=\"ref %s\" d=\"M%.1f %.1fH%.1f\">", cls, a, y, b);
	tip(s->f, label);
	fputs("</path>\n", s->f);
	if (label) {
		fprintf(s->f, "<text class=\"small\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", b,
			y - 4);
		tb_xml_text(s->f, label);
		fputs("</text>\n", s->f);
	}
}

void tb_svg_vline(struct tb_svg *s, double v, const char *cls, const char *label)
{
	if (isnan(v))
		return;
	double x = tb_svg_px(s, v);
	fprintf(s->f, "<path class=\"ref %s\" d=\"M%.1f %.1fV%.1f\"/>", cls, x, s->y0, s->y1);
	if (label) {
		fprintf(s->f, "<text class=\"small\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
			x, s->y0 - 4);
		tb_xml_text(s->f, label);
		fputs("</text>", s->f);
	}
	fputc('\n', s->f);
}

void tb_svg_legend(struct tb_svg *s, size_t n, const char *const *names,
		   const char *const *classes)
{
	double x = s->x0;
	fputs("<g class=\"legend\">", s->f);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		if (x + 20 + 6.5 * (double)len > s->w && x > s->x0)
			break; /* no room: the tables carry the rest */
		fprintf(s->f, "<rect class=\"%s\" x=\"%.1f\" y=\"8\" width=\"12\" height=\"12\"/>"
			      "<text x=\"%.1f\" y=\"18\">", classes[i], x, x + 16);
		tb_xml_text(s->f, names[i]);
		fputs("</text>", s->f);
		x += 28 + 6.5 * (double)len;
	}
	fputs("</g>\n", s->f);
}
