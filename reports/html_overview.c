/*
 * html_overview.c - the top of the HTML report: the legend of the variants
 * (their colours hold for the whole page) and the overview matrix: per
 * family, mode and size (with its cache tier) the speed-up of every variant
 * over the family's reference, colour-scaled, and how the best of tbench's
 * own variants compares with each peer; every cell links to its family's
 * charts.  Families with a single case (null, spin) are left to the table.
 */
#include "html.h"

#include "../kernels/kernel.h"
#include "glance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXCOL 48

struct orow {
	const struct tb_result *any; /* family, mode, n of the row */
	const struct tb_result *ref; /* NULL: the reference did not run */
};

static bool same_row(const struct tb_result *a, const struct tb_result *b)
{
	return !strcmp(a->family, b->family) && !strcmp(a->mode, b->mode) && a->n == b->n &&
	       a->rows == b->rows;
}

/* a case the matrix can use: measured, a time (not a count) */
static bool usable(const struct tb_result *r)
{
	return tb_html_usable(r) && !tb_result_is_insns(r);
}

bool tb_html_multi(const struct tb_resultset *rs, const char *family)
{
	size_t k = 0;
	for (size_t i = 0; i < rs->n && k < 2; i++)
		k += !strcmp(rs->r[i].family, family) && tb_html_usable(&rs->r[i]);
	return k >= 2;
}

/* the fastest case of variant v in the row of r (any thread count) */
static const struct tb_result *best_of(const struct tb_resultset *rs, const struct tb_result *row,
				       const char *v)
{
	const struct tb_result *b = NULL;
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (same_row(r, row) && !strcmp(r->variant, v) && usable(r) &&
		    (!b || tb_result_speed(r) > tb_result_speed(b)))
			b = r;
	}
	return b;
}

static bool failed_in(const struct tb_resultset *rs, const struct tb_result *row, const char *v)
{
	for (size_t i = 0; i < rs->n; i++)
		if (same_row(&rs->r[i], row) && !strcmp(rs->r[i].variant, v) &&
		    rs->r[i].status == TB_STATUS_FAILED_VERIFY)
			return true;
	return false;
}

static const char *ref_name(const char *family)
{
	const struct tb_family *f = tb_family_find(family);
	return f && f->reference ? f->reference : "scalar";
}

/* sizes from the fingerprint, "32K" / "512K" / "32768K" / "1M" -> bytes */
static double cache_bytes(const struct tb_kvlist *fp, const char *key)
{
	const char *v = tb_kv_get(fp, key);
	if (!v)
		return NAN;
	char *end;
	double x = strtod(v, &end);
	if (end == v || !(x > 0))
		return NAN;
	return x * (*end == 'K' ? 1024.0 : *end == 'M' ? 1048576.0 : *end == 'G' ? 1073741824.0 : 1);
}

void tb_html_tier(const struct tb_resultset *rs, const struct tb_result *r, char *buf, size_t len)
{
	static const char *const keys[] = {"cache.l1d", "cache.l2", "cache.l3"};
	static const char *const names[] = {"L1", "L2", "L3"};
	buf[0] = 0;
	if (!(r->bytes > 0))
		return;
	bool any = false;
	for (size_t i = 0; i < 3; i++) {
		double c = cache_bytes(&rs->fingerprint, keys[i]);
		any |= c > 0;
		if (c > 0 && r->bytes <= c) {
			snprintf(buf, len, "%s", names[i]);
			return;
		}
	}
	if (any)
		snprintf(buf, len, "DRAM");
}

/* the heat class of a speed-up */
static const char *heat(double x)
{
	static const struct { double below; const char *cls; } h[] = {
		{0.5, "hr3"}, {0.8, "hr2"}, {0.95, "hr1"}, {1.05, "h0"}, {1.5, "hg1"}, {3, "hg2"},
		{8, "hg3"}};
	for (size_t i = 0; i < sizeof(h) / sizeof(h[0]); i++)
		if (x < h[i].below)
			return h[i].cls;
	return "hg4";
}

static void chip(FILE *f, const char *tag, const char *variant, const char *extra)
{
	char cls[32];
	tb_html_variant_class(variant, cls, sizeof(cls));
	fprintf(f, "<%s class=\"chip %s%s\">", tag, cls, extra);
	tb_xml_text(f, variant);
	fprintf(f, "</%s>", tag);
}

static int by_variant(const void *a, const void *b)
{
	return tb_html_variant_order(*(const char *const *)a, *(const char *const *)b);
}

/* distinct variants of the usable cases of families with several cases, in
 * the palette's order; returns how many */
static size_t variants(const struct tb_resultset *rs, const char **out, size_t max, bool all)
{
	size_t k = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (!(all ? tb_html_usable(r) : usable(r)) || !tb_html_multi(rs, r->family))
			continue;
		size_t j;
		for (j = 0; j < k; j++)
			if (!strcmp(out[j], r->variant))
				break;
		if (j == k && k < max)
			out[k++] = r->variant;
	}
	qsort(out, k, sizeof(*out), by_variant);
	return k;
}

void tb_html_legend(FILE *f, const struct tb_resultset *rs)
{
	const char *v[MAXCOL];
	size_t n = variants(rs, v, MAXCOL, true);
	if (!n)
		return;
	fputs("<p class=\"legend\">", f);
	for (size_t i = 0; i < n; i++)
		chip(f, "span", v[i], tb_html_is_peer(v[i]) ? " peer" : "");
	fputs(" <span class=\"hint\">one colour per variant on the whole page; peers (NumPy, "
	      "PyTorch, BLAS, other harnesses) keep theirs</span></p>\n", f);
}

static void cell(FILE *f, const struct tb_resultset *rs, const struct orow *row, const char *v,
		 char *lab)
{
	const struct tb_result *b = best_of(rs, row->any, v);
	char anchor[48], tip[400], t[32];
	snprintf(anchor, sizeof(anchor), "#fam-%s", row->any->family);
	if (!b) {
		if (failed_in(rs, row->any, v))
			fprintf(f, "<td class=\"bad\" title=\"failed verification: see the summary\">"
				   "failed</td>");
		else
			fputs("<td></td>", f);
		return;
	}
	tb_fmt_per_call(b, b->st.median, t, sizeof(t));
	if (!row->ref) {
		snprintf(tip, sizeof(tip), "%s: %s per call (the reference %s did not run)", lab, t,
			 ref_name(b->family));
		fprintf(f, "<td class=\"n\"><a href=\"%s\" title=\"", anchor);
		tb_xml_text(f, tip);
		fprintf(f, "\">%s</a></td>", t);
		return;
	}
	double x = tb_result_speed(b) / tb_result_speed(row->ref);
	if (b == row->ref) {
		snprintf(tip, sizeof(tip), "%s: the reference, %s per call", lab, t);
		fprintf(f, "<td class=\"n ref\"><a href=\"%s\" title=\"", anchor);
		tb_xml_text(f, tip);
		fputs("\">ref</a></td>", f);
		return;
	}
	char who[48] = "";
	if (b->threads > 1)
		snprintf(who, sizeof(who), " with %u threads", b->threads);
	snprintf(tip, sizeof(tip), "%s %s%s: %.2f\xc3\x97 the reference %s (%s per call)", lab, v, who,
		 x, row->ref->variant, t);
	fprintf(f, "<td class=\"n %s\"><a href=\"%s\" title=\"", heat(x), anchor);
	tb_xml_text(f, tip);
	fprintf(f, "\">%.*f\xc3\x97</a></td>", x < 10 ? 2 : 1, x);
}

void tb_html_overview(FILE *f, const struct tb_report *rep)
{
	const struct tb_resultset *rs = rep->rs;
	const char *v[MAXCOL], *peers[MAXCOL];
	size_t nv = variants(rs, v, MAXCOL, false), np = 0;
	for (size_t i = 0; i < nv; i++)
		if (tb_html_is_peer(v[i]))
			peers[np++] = v[i];
	struct orow *rows = calloc(rs->n ? rs->n : 1, sizeof(*rows));
	if (!rows || !nv)
		goto out;
	size_t nr = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (!usable(r) || !tb_html_multi(rs, r->family))
			continue;
		size_t j;
		for (j = 0; j < nr; j++)
			if (same_row(rows[j].any, r))
				break;
		if (j == nr) {
			rows[nr].any = r;
			rows[nr].ref = best_of(rs, r, ref_name(r->family));
			nr++;
		}
	}
	fputs("<p class=\"hint\">Speed-up of each variant over its family's reference (ref) at the "
	      "same mode and size (threaded variants at their best thread count): green faster, red "
	      "slower, by how much the darker.", f);
	if (np)
		fputs(" \"ours \xc3\xb7 peer\": the best of tbench's own variants against the peer.", f);
	fputs(" Tier: the bytes a call moves against the caches in the fingerprint. Each cell links "
	      "to its family's charts; hover for the figures.</p>\n<div class=\"scroll\"><table "
	      "class=\"matrix\"><thead><tr><th>family</th><th>mode</th><th>size</th><th>tier</th>", f);
	for (size_t i = 0; i < nv; i++)
		chip(f, "th", v[i], "");
	for (size_t i = 0; i < np; i++) {
		fputs("<th class=\"vs\">ours \xc3\xb7 ", f);
		tb_xml_text(f, peers[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t k = 0; k < nr; k++) {
		const struct tb_result *a = rows[k].any;
		char sz[48], tier[16], lab[160];
		tb_result_size_str(a, sz, sizeof(sz));
		tb_html_tier(rs, a, tier, sizeof(tier));
		snprintf(lab, sizeof(lab), "%s %s %s", a->family, strcmp(a->mode, "-") ? a->mode : "",
			 sz);
		fprintf(f, "<tr><th><a href=\"#fam-%s\">", a->family);
		tb_xml_text(f, a->family);
		fputs("</a></th><td>", f);
		tb_xml_text(f, a->mode);
		fputs("</td><td class=\"n\">", f);
		tb_xml_text(f, sz);
		fprintf(f, "</td><td>%s</td>", tier);
		for (size_t i = 0; i < nv; i++)
			cell(f, rs, &rows[k], v[i], lab);
		for (size_t i = 0; i < np; i++) {
			const struct tb_result *p = best_of(rs, a, peers[i]), *ours = NULL;
			for (size_t q = 0; q < nv; q++) {
				const struct tb_result *b = tb_html_is_peer(v[q]) ? NULL : best_of(rs, a, v[q]);
				if (b && (!ours || tb_result_speed(b) > tb_result_speed(ours)))
					ours = b;
			}
			if (!p || !ours) {
				fputs("<td></td>", f);
				continue;
			}
			double x = tb_result_speed(ours) / tb_result_speed(p);
			char tip[400];
			snprintf(tip, sizeof(tip), "%s: %s is %.2f\xc3\x97 %s", lab, ours->variant, x,
				 peers[i]);
			fprintf(f, "<td class=\"n %s\" title=\"", heat(x));
			tb_xml_text(f, tip);
			fprintf(f, "\">%.*f\xc3\x97</td>", x < 10 ? 2 : 1, x);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
out:
	free(rows);
}
