/*
 * html.c - the self-contained HTML report: the document, its header and
 * legend, the "at a glance" lines and the tables (summary, counters,
 * fingerprint, options).  The overview and the charts live in the other
 * html_*.c files (html.h).  Nothing in the page refers to the network;
 * every string from the user or the machine goes through tb_xml_text.
 */
#define _GNU_SOURCE
#include "glance.h"
#include "html.h"

#include "version.h" /* generated: build/base/version.h */
#include "../kernels/common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define esc tb_xml_text

bool tb_html_usable(const struct tb_result *r)
{
	return tb_result_measured(r);
}

bool tb_html_family_bytes(const struct tb_resultset *rs, const char *family)
{
	bool any = false;
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (strcmp(r->family, family) || !tb_html_usable(r))
			continue;
		if (!(r->bytes > 0))
			return false;
		any = true;
	}
	return any;
}

double tb_html_rate(const struct tb_result *r, double ns, bool bytes)
{
	if (!(ns > 0) || !isfinite(ns) || tb_result_is_insns(r)) /* a count is no time */
		return NAN;
	if (bytes)
		return r->bytes > 0 ? r->bytes / ns : NAN;
	return r->items > 0 ? r->items / (ns * 1e-9) : 1e9 / ns;
}

void tb_html_rate_label(const struct tb_result *r, bool bytes, char *buf, size_t len)
{
	if (bytes)
		snprintf(buf, len, "GB/s");
	else
		snprintf(buf, len, "%s/s", r->items > 0 && r->unit[0] ? r->unit : "calls");
}

void tb_html_case_label(const struct tb_result *r, char *buf, size_t len)
{
	char sz[48];
	tb_result_size_str(r, sz, sizeof(sz));
	snprintf(buf, len, "%s %s %s", r->variant, strcmp(r->mode, "-") ? r->mode : "", sz);
	if (r->threads > 1)
		snprintf(buf + strlen(buf), len - strlen(buf), " \xc3\x97%u", r->threads);
}

size_t tb_html_families(const struct tb_resultset *rs, const char **out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < rs->n; i++) {
		size_t j;
		for (j = 0; j < k; j++)
			if (!strcmp(out[j], rs->r[i].family))
				break;
		if (j == k && k < max)
			out[k++] = rs->r[i].family;
	}
	return k;
}

void tb_html_fig_open(FILE *f)
{
	fputs("<figure>\n", f);
}

void tb_html_fig_close(FILE *f, const char *caption)
{
	fputs("<figcaption>", f);
	esc(f, caption);
	fputs("</figcaption></figure>\n", f);
}

/* a numeric cell: data-v holds the raw value for sorting */
static void num_cell(FILE *f, double v, const char *shown)
{
	if (isnan(v))
		fputs("<td class=\"n\" data-v=\"\">-</td>", f);
	else {
		fprintf(f, "<td class=\"n\" data-v=\"%.10g\">", v);
		esc(f, shown);
		fputs("</td>", f);
	}
}

static void text_cell(FILE *f, const char *s, const char *cls)
{
	if (cls)
		fprintf(f, "<td class=\"%s\">", cls);
	else
		fputs("<td>", f);
	esc(f, s);
	fputs("</td>", f);
}

static void header(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	const struct tb_kvlist *fp = &rs->fingerprint;
	fputs("<header><h1>tbench report", f);
	if (rs->name[0]) {
		fputs(": <span class=\"name\">", f);
		esc(f, rs->name);
		fputs("</span>", f);
	}
	fputs("</h1>\n<p class=\"meta\">", f);
	const char *keys[] = {"cpu.model", "host.name", "os.kernel", "run.timestamp",
			      "tbench.version", "tbench.git"};
	bool first = true;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = tb_kv_get(fp, keys[i]);
		if (!v || !*v)
			continue;
		if (!first)
			fputs(" \xc2\xb7 ", f);
		first = false;
		esc(f, keys[i]);
		fputs(" <b>", f);
		esc(f, v);
		fputs("</b>", f);
	}
	size_t ok = 0, bad = 0, uns = 0;
	for (size_t i = 0; i < rs->n; i++) {
		enum tb_status st = rs->r[i].status;
		if (tb_status_measured(st))
			ok++;
		else if (st == TB_STATUS_UNSUPPORTED)
			uns++;
		else
			bad++;
	}
	fprintf(f, "</p>\n<p class=\"meta\">%zu case%s: %zu measured, %zu unsupported, "
		   "<span class=\"%s\">%zu failed</span>",
		rs->n, rs->n == 1 ? "" : "s", ok, uns, bad ? "bad" : "", bad);
	const char *partial = tb_kv_get(&rs->options, "partial");
	if (partial && !strcmp(partial, "yes"))
		fputs(" \xc2\xb7 <b class=\"bad\">interrupted: partial results</b>", f);
	fputs("</p>\n", f);
	tb_html_legend(f, rs);
	fputs("</header>\n", f);
}

/* per family, mode and size: the fastest variant and its lead */
static void glance(FILE *f, const struct tb_report *rep)
{
	struct tb_glance *g;
	size_t n = tb_glance(rep->rs, &g);
	if (n)
		fprintf(f, "<details><summary>%zu line%s: the fastest variant per family, mode and size, "
			   "and its lead</summary>\n<ul class=\"glance\">\n", n, n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		char line[512];
		tb_glance_text(&g[i], line, sizeof(line));
		fputs("<li>", f);
		esc(f, line);
		fputs("</li>\n", f);
	}
	if (n)
		fputs("</ul></details>\n", f);
	free(g);
}

/* a note: long ones folded, so the table keeps to the page's width */
static void note_cell(FILE *f, const char *note)
{
	if (strlen(note) <= 44) {
		text_cell(f, note, "note");
		return;
	}
	char head[40];
	size_t n = 36;
	while (n > 0 && ((unsigned char)note[n] & 0xc0) == 0x80) /* not inside a UTF-8 character */
		n--;
	snprintf(head, sizeof(head), "%.*s", (int)n, note);
	fputs("<td class=\"note\"><details><summary>", f);
	esc(f, head);
	fputs("\xe2\x80\xa6</summary>", f);
	esc(f, note);
	fputs("</details></td>", f);
}

/* unsupported cases, once per reason (not a row each) */
static void unsupported(FILE *f, const struct tb_resultset *rs)
{
	size_t total = 0;
	for (size_t i = 0; i < rs->n; i++)
		total += rs->r[i].status == TB_STATUS_UNSUPPORTED;
	if (!total)
		return;
	fprintf(f, "<details class=\"hint\"><summary>%zu case%s did not run here (unsupported)"
		   "</summary><ul>\n", total, total == 1 ? "" : "s");
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (r->status != TB_STATUS_UNSUPPORTED)
			continue;
		size_t j;
		for (j = 0; j < i; j++)
			if (rs->r[j].status == TB_STATUS_UNSUPPORTED && !strcmp(rs->r[j].note, r->note))
				break;
		if (j < i)
			continue;
		size_t k = 0;
		fputs("<li>", f);
		esc(f, r->note[0] ? r->note : "no reason given");
		fputs(": ", f);
		for (j = i; j < rs->n; j++) {
			const struct tb_result *o = &rs->r[j];
			if (o->status != TB_STATUS_UNSUPPORTED || strcmp(o->note, r->note))
				continue;
			bool dup = false; /* family/variant once */
			for (size_t q = i; q < j && !dup; q++)
				dup = rs->r[q].status == TB_STATUS_UNSUPPORTED &&
				      !strcmp(rs->r[q].note, r->note) &&
				      !strcmp(rs->r[q].family, o->family) && !strcmp(rs->r[q].variant, o->variant);
			if (dup)
				continue;
			fputs(k++ ? ", " : "", f);
			esc(f, o->family);
			fputc('/', f);
			esc(f, o->variant);
		}
		fputs("</li>\n", f);
	}
	fputs("</ul></details>\n", f);
}

static void summary_table(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	fputs("<p class=\"hint\">One row per case that ran; figures are per call.  Click a column "
	      "heading to sort.</p>\n<div class=\"scroll\"><table class=\"sortable summary\"><thead><tr>"
	      "<th>family</th><th>variant</th><th>mode</th><th>size</th><th>threads</th>"
	      "<th>status</th><th>samples</th><th>median</th><th>\xc2\xb1MAD</th>"
	      "<th>CI of median</th><th>min</th><th>p95</th><th>outliers</th><th>rate</th>"
	      "<th>GB/s</th><th>limit</th><th>note</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		const struct tb_stats *s = &r->st;
		bool has = r->nsamples || !isnan(s->median);
		char b[96], sz[48];
		if (r->status == TB_STATUS_UNSUPPORTED)
			continue;
		fputs("<tr>", f);
		text_cell(f, r->family, NULL);
		text_cell(f, r->variant, NULL);
		text_cell(f, r->mode, NULL);
		tb_result_size_str(r, sz, sizeof(sz));
		num_cell(f, (double)r->n, sz);
		snprintf(b, sizeof(b), "%u", r->threads);
		num_cell(f, r->threads, b);
		text_cell(f, tb_status_name(r->status), r->status == TB_STATUS_OK ? "ok"
				       : r->status == TB_STATUS_UNSUPPORTED ? "warn" : "bad");
		snprintf(b, sizeof(b), "%zu", r->nsamples);
		num_cell(f, r->nsamples ? (double)r->nsamples : NAN, b);
		tb_fmt_per_call(r, s->median, b, sizeof(b));
		num_cell(f, has ? s->median : NAN, b);
		double mad = s->median > 0 ? 100 * s->mad / s->median : NAN;
		snprintf(b, sizeof(b), "%.1f%%", mad);
		num_cell(f, has ? mad : NAN, b);
		if (!isnan(s->ci_low) && !isnan(s->ci_high)) {
			char lo[32], hi[32];
			tb_fmt_per_call(r, s->ci_low, lo, sizeof(lo));
			tb_fmt_per_call(r, s->ci_high, hi, sizeof(hi));
			snprintf(b, sizeof(b), "%s \xe2\x80\x93 %s", lo, hi);
			num_cell(f, s->ci_low, b);
		} else {
			num_cell(f, NAN, "");
		}
		tb_fmt_per_call(r, s->min, b, sizeof(b));
		num_cell(f, has ? s->min : NAN, b);
		tb_fmt_per_call(r, s->p95, b, sizeof(b));
		num_cell(f, has ? s->p95 : NAN, b);
		snprintf(b, sizeof(b), "%zu / %zu", s->outliers_mild, s->outliers_severe);
		num_cell(f, has ? (double)(s->outliers_mild + s->outliers_severe) : NAN, b);
		char u[24];
		snprintf(u, sizeof(u), "%s/s", r->unit[0] ? r->unit : "it");
		tb_fmt_si(r->items_per_s, u, b, sizeof(b));
		num_cell(f, r->items_per_s, b);
		snprintf(b, sizeof(b), "%.2f", r->gbps);
		num_cell(f, r->gbps, b);
		snprintf(b, sizeof(b), "%.0f%%", 100 * r->limit_share);
		num_cell(f, isnan(r->limit_share) ? NAN : 100 * r->limit_share, b);
		note_cell(f, r->note);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
	unsupported(f, rs);
}

static void counters_table(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	const char *names[64];
	size_t k = 0;
	for (size_t i = 0; i < rs->n; i++)
		for (size_t j = 0; j < rs->r[i].nmetrics; j++) {
			const char *nm = rs->r[i].metrics[j].name;
			size_t t;
			for (t = 0; t < k; t++)
				if (!strcmp(names[t], nm))
					break;
			if (t == k && k < 64)
				names[k++] = nm;
		}
	if (!k)
		return;
	fputs("<p class=\"hint\">Median over "
	      "samples of each counter divided by the calls per sample; - where not counted.</p>\n"
	      "<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>case</th>", f);
	for (size_t t = 0; t < k; t++) {
		fputs("<th>", f);
		esc(f, names[t]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (!r->nmetrics)
			continue;
		char lab[TB_VARIANT_MAX + 128];
		snprintf(lab, sizeof(lab), "%s ", r->family);
		tb_html_case_label(r, lab + strlen(lab), sizeof(lab) - strlen(lab));
		fputs("<tr>", f);
		text_cell(f, lab, NULL);
		for (size_t t = 0; t < k; t++) {
			double v = NAN;
			for (size_t j = 0; j < r->nmetrics; j++)
				if (!strcmp(r->metrics[j].name, names[t]))
					v = r->metrics[j].median;
			char b[32];
			snprintf(b, sizeof(b), "%.4g", v);
			num_cell(f, v, b);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

static void kv_table(FILE *f, const struct tb_kvlist *kv)
{
	if (!kv->n)
		return;
	fputs("<table class=\"kv\"><tbody>\n", f);
	for (size_t i = 0; i < kv->n; i++) {
		fputs("<tr><th>", f);
		esc(f, kv->v[i].key);
		fputs("</th><td>", f);
		esc(f, kv->v[i].value);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void machine_table(FILE *f, const struct tb_report *rep)
{
	if (!rep->rs->fingerprint.n)
		return;
	fprintf(f, "<details open><summary>%zu keys</summary>\n", rep->rs->fingerprint.n);
	kv_table(f, &rep->rs->fingerprint);
	fputs("</details>\n", f);
}

static void options_table(FILE *f, const struct tb_report *rep)
{
	if (!rep->rs->options.n)
		return;
	fprintf(f, "<details><summary>%zu options</summary>\n", rep->rs->options.n);
	kv_table(f, &rep->rs->options);
	fputs("</details>\n", f);
}

static const struct section {
	const char *id, *title;
	void (*fn)(FILE *f, const struct tb_report *rep);
} sections[] = {
	{"overview", "Overview", tb_html_overview},
	{"glance", "At a glance", glance},
	{"comparison", "Comparison with the baseline", tb_html_comparison},
	{"throughput", "Throughput per family", tb_html_throughput},
	{"summary", "Summary", summary_table},
	{"distributions", "Sample distributions", tb_html_distributions},
	{"threads", "Threads scaling", tb_html_threads},
	{"counters", "Counters per call", counters_table},
	{"machine", "Machine fingerprint", machine_table},
	{"options", "Options", options_table},
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

static int write_html(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	const struct tb_resultset *rs = rep->rs;
	/* render every section first: the navigation lists only those with content */
	char *body[NSECTIONS] = {0};
	size_t len[NSECTIONS] = {0};
	int rc = 0;
	for (size_t i = 0; i < NSECTIONS && !rc; i++) {
		FILE *m = open_memstream(&body[i], &len[i]);
		if (!m) {
			rc = tb_err(err, errlen, "out of memory writing the HTML report");
			break;
		}
		sections[i].fn(m, rep);
		if (fclose(m))
			rc = tb_err(err, errlen, "out of memory writing the HTML report");
	}
	if (rc)
		goto out;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"color-scheme\" content=\"light dark\">\n"
	      "<meta name=\"generator\" content=\"tbench\">\n<title>tbench report", f);
	if (rs->name[0]) {
		fputs(": ", f);
		esc(f, rs->name);
	}
	fprintf(f, "</title>\n<style>\n%s", tb_html_css);
	tb_html_palette_css(f);
	fputs("</style>\n</head>\n<body>\n", f);
	header(f, rep);
	fputs("<nav>", f);
	for (size_t i = 0; i < NSECTIONS; i++)
		if (len[i])
			fprintf(f, "<a href=\"#%s\">%s</a> ", sections[i].id, sections[i].title);
	fputs("</nav>\n<main>\n", f);
	for (size_t i = 0; i < NSECTIONS; i++) {
		if (!len[i])
			continue;
		fprintf(f, "<section id=\"%s\"><h2>%s</h2>\n", sections[i].id, sections[i].title);
		fwrite(body[i], 1, len[i], f);
		fputs("</section>\n", f);
	}
	fprintf(f, "</main>\n<footer>Written by tbench %s; self-contained: no scripts, styles, "
		   "fonts or images are loaded from anywhere.</footer>\n<script>\n%s</script>\n"
		   "</body>\n</html>\n", TB_VERSION, tb_html_js);
	if (ferror(f))
		rc = tb_err(err, errlen, "error writing the HTML report");
out:
	for (size_t i = 0; i < NSECTIONS; i++)
		free(body[i]);
	return rc;
}

const struct tb_writer tb_writer_html = {
	.name = "html",
	.summary = "self-contained HTML report with inline SVG plots",
	.write = write_html,
};
