/*
 * table.c - the terminal table: one aligned row per case, in units a human
 * reads.  Colour (status only) when the report allows it.  Cases this
 * machine cannot run (status unsupported) are said once per reason under
 * the table instead of a row each, unless verbose or nothing else ran.
 */
#include "writer.h"

#include <math.h>
#include <string.h>

static size_t utf8_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void pad(FILE *f, const char *s, size_t width, bool right)
{
	size_t w = utf8_width(s);
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
}

/* Columns: /cycle (items per cycle of the effective clock) only with
 * --verbose; within and between (the spreads of a case pooled from several
 * processes) only when a case has runs; the mark only when a case has one. */
enum { C_CYCLE = 11, C_WITHIN, C_BETWEEN, C_MARK, NCOL, CELL = TB_VARIANT_MAX };

static const char *const head[NCOL] = {"family", "variant", "mode", "size", "thr",
				       "status", "median", "\xc2\xb1mad", "rate",
				       "GB/s", "limit", "/cycle", "within", "between", ""};
static const bool right[NCOL] = {0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0};

static void pct(double v, char *buf)
{
	if (isnan(v))
		snprintf(buf, CELL, "-");
	else
		snprintf(buf, CELL, "%.1f%%", 100 * v);
}

static void cells(const struct tb_result *r, char c[NCOL][CELL])
{
	tb_term_text(c[0], CELL, r->family); /* names come from results files */
	tb_term_text(c[1], CELL, r->variant);
	tb_term_text(c[2], CELL, r->mode);
	tb_result_size_str(r, c[3], CELL);
	snprintf(c[4], CELL, "%u", r->threads);
	tb_term_text(c[5], CELL, tb_status_name(r->status));
	if ((r->nsamples || !isnan(r->st.median)) && tb_result_is_insns(r)) {
		/* exact counts: "12004 insn", and instructions per item as the rate */
		tb_fmt_per_call(r, r->st.median, c[6], CELL);
		if (r->st.median > 0 && !isnan(r->st.mad))
			snprintf(c[7], CELL, "%.1f%%", 100.0 * r->st.mad / r->st.median);
		else
			snprintf(c[7], CELL, "-");
		if (r->items > 0)
			snprintf(c[8], CELL, "%.2f insn/%s", r->st.median / r->items,
				 r->unit[0] ? r->unit : "it");
		else
			snprintf(c[8], CELL, "-");
		snprintf(c[9], CELL, "-");
		snprintf(c[10], CELL, "-");
	} else if (r->nsamples || !isnan(r->st.median)) {
		tb_fmt_ns(r->st.median, c[6], CELL);
		if (r->st.median > 0 && !isnan(r->st.mad))
			snprintf(c[7], CELL, "%.1f%%", 100.0 * r->st.mad / r->st.median);
		else
			snprintf(c[7], CELL, "-");
		char u[24];
		snprintf(u, sizeof(u), "%s/s", r->unit[0] ? r->unit : "it");
		tb_fmt_si(r->items_per_s, u, c[8], CELL);
		if (isnan(r->gbps))
			snprintf(c[9], CELL, "-");
		else
			snprintf(c[9], CELL, "%.2f", r->gbps);
		if (isnan(r->limit_share))
			snprintf(c[10], CELL, "-");
		else
			snprintf(c[10], CELL, "%.0f%%", 100.0 * r->limit_share);
		if (isnan(r->items_per_cycle))
			snprintf(c[11], CELL, "-");
		else
			snprintf(c[11], CELL, "%.2f", r->items_per_cycle);
	} else {
		for (int k = 6; k < C_WITHIN; k++)
			snprintf(c[k], CELL, "-");
	}
	pct(r->within_cv, c[C_WITHIN]);
	pct(r->between_cv, c[C_BETWEEN]);
	if (tb_result_runs_differ(r))
		strcat(c[C_BETWEEN], "*");
	snprintf(c[C_MARK], CELL, "%s", tb_result_disturbed(r) ? "!" : "");
}

/* under the table: what the marks mean, the cases they mark */
static void say_marks(FILE *f, const struct tb_resultset *rs)
{
	bool differ = false;
	for (size_t i = 0; i < rs->n; i++)
		differ |= tb_result_runs_differ(&rs->r[i]);
	if (differ)
		fprintf(f, "* the spread between processes (CV of the per-run medians) exceeds the "
			"spread within one (median robust CV of samples): the figure depends on which process "
			"measured it; more --rounds narrow it\n");
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		char what[256];
		if (!tb_result_disturbance(r, what, sizeof(what)))
			continue;
		char sz[48];
		tb_result_size_str(r, sz, sizeof(sz));
		fprintf(f, "! %s/%s %s %s", r->family, r->variant, r->mode, sz);
		if (r->threads > 1)
			fprintf(f, " x%u", r->threads);
		fprintf(f, ": %s\n", what);
	}
}

static bool is_unsupported(const struct tb_result *r) { return r->status == TB_STATUS_UNSUPPORTED; }

/* "unsupported here, not run: VARIANT (N cases): REASON", once per
 * (variant, reason), in order of first appearance */
static void say_unsupported(FILE *f, const struct tb_resultset *rs)
{
	size_t total = 0;
	for (size_t i = 0; i < rs->n; i++)
		total += is_unsupported(&rs->r[i]);
	fprintf(f, "unsupported here, not run (%zu case%s; --verbose lists them, the CSV has them):\n",
		total, total == 1 ? "" : "s");
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (!is_unsupported(r))
			continue;
		size_t n = 0;
		bool first = true;
		for (size_t j = 0; j < rs->n; j++) {
			const struct tb_result *q = &rs->r[j];
			if (!is_unsupported(q) || strcmp(q->variant, r->variant) || strcmp(q->note, r->note))
				continue;
			first = first && j >= i;
			n++;
		}
		if (first) {
			fputs("    ", f);
			tb_term_puts(f, r->variant);
			fprintf(f, " (%zu case%s): ", n, n == 1 ? "" : "s");
			tb_term_puts(f, r->note[0] ? r->note : "no reason given");
			fputc('\n', f);
		}
	}
}

static int write_table(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	const struct tb_resultset *rs = rep->rs;
	size_t w[NCOL];
	char c[NCOL][CELL];
	/* unsupported cases collapse to one line per reason (below the rows) */
	bool collapse = false, other = false, runs = false, marks = false;
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		collapse |= is_unsupported(r);
		other |= !is_unsupported(r);
		runs |= r->runs >= 2;
		marks |= tb_result_disturbed(r);
	}
	collapse = collapse && other && !rep->verbose;
	int show[NCOL], ncol = 0;
	for (int k = 0; k < C_CYCLE; k++)
		show[ncol++] = k;
	if (rep->verbose)
		show[ncol++] = C_CYCLE;
	if (runs) {
		show[ncol++] = C_WITHIN;
		show[ncol++] = C_BETWEEN;
	}
	if (marks)
		show[ncol++] = C_MARK;
	for (int k = 0; k < NCOL; k++)
		w[k] = utf8_width(head[k]);
	for (size_t i = 0; i < rs->n; i++) {
		if (collapse && is_unsupported(&rs->r[i]))
			continue;
		cells(&rs->r[i], c);
		for (int k = 0; k < NCOL; k++)
			if (utf8_width(c[k]) > w[k])
				w[k] = utf8_width(c[k]);
	}
	if (rs->name[0]) { /* the run's label, as every report shows it */
		fputs("run: ", f);
		tb_term_puts(f, rs->name);
		fputc('\n', f);
	}
	for (int j = 0; j < ncol; j++) {
		int k = show[j];
		pad(f, head[k], j + 1 < ncol || right[k] ? w[k] : 0, right[k]);
		fputs(j + 1 < ncol ? "  " : "\n", f);
	}
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (collapse && is_unsupported(r))
			continue;
		cells(r, c);
		for (int j = 0; j < ncol; j++) {
			int k = show[j];
			const char *col = NULL;
			if (k == 5 && rep->color)
				col = r->status == TB_STATUS_OK ? "\033[32m"
				      : r->status == TB_STATUS_UNSUPPORTED ? "\033[33m" : "\033[31m";
			if (col)
				fputs(col, f);
			/* the last column is not padded: no trailing blanks */
			pad(f, c[k], j + 1 < ncol || right[k] ? w[k] : 0, right[k]);
			if (col)
				fputs("\033[0m", f);
			fputs(j + 1 < ncol ? "  " : "\n", f);
		}
		if (r->note[0] && r->status != TB_STATUS_OK) {
			fprintf(f, "    %s: ", c[5]);
			tb_term_puts(f, r->note);
			fputc('\n', f);
		}
	}
	if (collapse)
		say_unsupported(f, rs);
	say_marks(f, rs);
	return 0;
}

const struct tb_writer tb_writer_table = {
	.name = "table",
	.summary = "aligned terminal table",
	.write = write_table,
};
