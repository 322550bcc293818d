/*
 * html.h - internal to the HTML writer: the sections it is split into
 * (html.c: document and tables; html_overview.c: legend and overview
 * matrix; html_family.c + html_sizes.c: throughput per family;
 * html_plots.c: sample distributions; html_charts.c: threads scaling;
 * html_compare.c: the baseline comparison; html_palette.c: one colour per
 * variant; html_style.c: the inline stylesheet and script) and the helpers
 * they share.
 */
#ifndef TB_HTML_H
#define TB_HTML_H

#include "svg.h"
#include "writer.h"

#include <stdbool.h>
#include <stdio.h>

#define TB_HTML_W 1000 /* default width of a plot (px of its viewBox) */

extern const char tb_html_css[];
extern const char tb_html_js[];

/* a case with a usable median (measured, possibly partial) */
bool tb_html_usable(const struct tb_result *r);
/* true when every usable case of the family has bytes: plot GB/s, else items/s */
bool tb_html_family_bytes(const struct tb_resultset *rs, const char *family);
/* throughput at a time per call ns (GB/s or items/s); NaN when unknown */
double tb_html_rate(const struct tb_result *r, double ns, bool bytes);
/* axis label of that throughput: "GB/s" or "<unit>/s" */
void tb_html_rate_label(const struct tb_result *r, bool bytes, char *buf, size_t len);
/* "variant mode size ×T" */
void tb_html_case_label(const struct tb_result *r, char *buf, size_t len);
/* distinct family names in first-seen order; returns how many */
size_t tb_html_families(const struct tb_resultset *rs, const char **out, size_t max);
/* <figure> around an svg: opens with an id-less figure, closes with a caption */
void tb_html_fig_open(FILE *f);
void tb_html_fig_close(FILE *f, const char *caption);

/* true when the family has two or more measured cases (else: the table only) */
bool tb_html_multi(const struct tb_resultset *rs, const char *family);
/* the cache tier of a case's bytes per call from the fingerprint: L1, L2,
 * L3, DRAM, or "" when unknown */
void tb_html_tier(const struct tb_resultset *rs, const struct tb_result *r, char *buf,
		  size_t len);

/* html_palette.c: the CSS class of a variant's colour ("v3", "v3 alt" for
 * VARIANT@LABEL), whether it is a peer, the report's order of variants,
 * and the stylesheet rules of the palette */
void tb_html_variant_class(const char *variant, char *buf, size_t len);
bool tb_html_is_peer(const char *variant);
int tb_html_variant_order(const char *a, const char *b);
void tb_html_palette_css(FILE *f);
/* the legend: a chip per variant that the page draws */
void tb_html_legend(FILE *f, const struct tb_resultset *rs);

/* each writes the body of its section (nothing when it has nothing to show) */
void tb_html_overview(FILE *f, const struct tb_report *rep);
void tb_html_throughput(FILE *f, const struct tb_report *rep);
void tb_html_distributions(FILE *f, const struct tb_report *rep);
void tb_html_threads(FILE *f, const struct tb_report *rep);
void tb_html_comparison(FILE *f, const struct tb_report *rep);
/* throughput against a log size axis (html_sizes.c), when sizes span >= 100x */
void tb_html_size_lines(FILE *f, const struct tb_resultset *rs, const char *fam,
			const char *mode, const size_t *idx, size_t n);

#endif
