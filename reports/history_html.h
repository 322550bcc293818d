/*
 * history_html.h - the history report (`tbench history report --html`):
 * one self-contained page with a trend chart per recorded series (median
 * per run, its confidence interval as a band, the change points marked,
 * the segment levels drawn) and a table of what changed.
 */
#ifndef TB_HISTORY_HTML_H
#define TB_HISTORY_HTML_H

#include "compare.h"
#include "history.h"

#include <stdio.h>

struct tb_history_html {
	const struct tb_history_series *s;
	const struct tb_history_judgement *j; /* one per series */
	size_t n;
	const char *where;                    /* the store, for the header */
	const char *title;                    /* may be NULL */
	const struct tb_cp_opts *cp;          /* how it was judged */
	const struct tb_compare_opts *cmp;    /* the thresholds */
};

int tb_history_html_write(FILE *f, const struct tb_history_html *h, char *err, size_t errlen);

#endif
