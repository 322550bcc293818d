/*
 * svg.h - a small inline-SVG plotting helper for the HTML report: a plot
 * area with linear or log axes, ticks and grid, categorical groups, bars,
 * error bars, lines, points, reference lines and a legend.  Colours are CSS
 * classes (s0..s11, good, bad, same, limit) so the page's stylesheet decides
 * them for light and dark mode.  Every text it writes is XML-escaped.
 */
#ifndef TB_SVG_H
#define TB_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define TB_SVG_NCOLORS 12

struct tb_svg_axis {
	double lo, hi; /* data range after tb_svg_axis_fit */
	bool log;
};

struct tb_svg {
	FILE *f;
	double w, h;             /* viewBox size */
	double x0, x1, y0, y1;   /* plot area in pixels (y0 top, y1 bottom) */
	struct tb_svg_axis x, y;
};

/* Text escaped for XML/HTML (& < > " '); NULL is written as "". */
void tb_xml_text(FILE *f, const char *s);

/* Opens <svg> with a <title>; the margins leave room for axis labels. */
void tb_svg_begin(struct tb_svg *s, FILE *f, double w, double h, double left_margin,
		  double bottom_margin, const char *title);
void tb_svg_end(struct tb_svg *s);

/* Fit an axis to [lo, hi] (finite values); log needs lo > 0.  Linear axes
 * that are all positive start at zero when zero_based. */
void tb_svg_axis_fit(struct tb_svg_axis *a, double lo, double hi, bool log, bool zero_based);
/* true when hi/lo spans at least `ratio` (both > 0): worth a log scale */
bool tb_svg_spans(double lo, double hi, double ratio);

/* data -> pixels (values outside the range are clamped to the area edge) */
double tb_svg_px(const struct tb_svg *s, double v);
double tb_svg_py(const struct tb_svg *s, double v);

/* Numeric axes with ticks, grid and a label (label may be NULL). */
void tb_svg_yaxis(struct tb_svg *s, const char *label);
void tb_svg_xaxis(struct tb_svg *s, const char *label);
/* Categorical x axis of n equal groups; labels under each group. */
void tb_svg_xgroups(struct tb_svg *s, size_t n, const char *const *labels, const char *label);
/* Categorical y axis of n equal rows (top to bottom); labels at the left. */
void tb_svg_yrows(struct tb_svg *s, size_t n, const char *const *labels);
/* pixel span of group i of n on the x axis (or row i of n on the y axis) */
void tb_svg_group(const struct tb_svg *s, size_t i, size_t n, double *from, double *to);
void tb_svg_row(const struct tb_svg *s, size_t i, size_t n, double *from, double *to);

/* A vertical bar from the axis floor to v, between pixel columns a..b. */
void tb_svg_bar(struct tb_svg *s, double a, double b, double v, const char *cls,
		const char *tip);
/* A vertical error bar at pixel column x from lo to hi (data); skipped if NaN. */
void tb_svg_errbar(struct tb_svg *s, double x, double lo, double hi);
/* A horizontal error bar at pixel row y from lo to hi (data, x axis). */
void tb_svg_herrbar(struct tb_svg *s, double y, double lo, double hi, const char *cls);
/* A polyline through data points (NaN points break the line). */
void tb_svg_line(struct tb_svg *s, size_t n, const double *xs, const double *ys,
		 const char *cls, bool dashed);
/* A shaded band between lo[i] and hi[i] at xs[i] (data; NaN points break it). */
void tb_svg_band(struct tb_svg *s, size_t n, const double *xs, const double *lo,
		 const double *hi, const char *cls);
/* A point at pixel coordinates with a hover tip (may be NULL). */
void tb_svg_dot(struct tb_svg *s, double px, double py, double r, const char *cls,
		const char *tip);
/* A horizontal reference segment at data value v from pixel a to b, with a label. */
void tb_svg_hline(struct tb_svg *s, double a, double b, double v, const char *cls,
		  const char *label);
/* A vertical reference line at data value v (x axis). */
void tb_svg_vline(struct tb_svg *s, double v, const char *cls, const char *label);
/* A box (pixel rectangle) with a class */
void tb_svg_rect(struct tb_svg *s, double x, double y, double w, double h, const char *cls,
		 const char *tip);
/* Legend entries along the top edge. */
void tb_svg_legend(struct tb_svg *s, size_t n, const char *const *names,
		   const char *const *classes);
/* Series colour class "s<i % TB_SVG_NCOLORS>" */
const char *tb_svg_color(size_t i);
/* Compact tick label: 1.5k, 20M, 0.25 */
void tb_svg_num(double v, char *buf, size_t len);

#endif
