/*
 * html.h - internal to the HTML writer: the sections it is split into
 * (html.c: document and tables; html_plots.c: throughput and sample
 * distributions; html_charts.c: modes, threads, emulator, comparison;
 * html_style.c: the inline stylesheet and script) and helpers they share.
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

/* each writes the body of its section (nothing when it has nothing to show) */
void tb_html_throughput(FILE *f, const struct tb_report *rep);
void tb_html_distributions(FILE *f, const struct tb_report *rep);
void tb_html_modes(FILE *f, const struct tb_report *rep);
void tb_html_threads(FILE *f, const struct tb_report *rep);
void tb_html_emu(FILE *f, const struct tb_report *rep);
void tb_html_comparison(FILE *f, const struct tb_report *rep);
/* throughput against a log size axis (html_sizes.c), when sizes span >= 100x */
void tb_html_size_lines(FILE *f, const struct tb_resultset *rs, const char *fam,
			const char *mode, const size_t *idx, size_t n);

#endif
