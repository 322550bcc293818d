/*
 * glance.c - the fastest variant per family, mode and size (see glance.h).
 */
#include "glance.h"

#include "foreign.h"
#include "writer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool tb_result_measured(const struct tb_result *r)
{
	return tb_status_measured(r->status) &&
	       isfinite(r->st.median) && r->st.median > 0;
}

double tb_result_speed(const struct tb_result *r)
{
	double per_call = r->items > 0 ? r->items : 1;
	return per_call / (r->st.median * 1e-9);
}

size_t tb_glance(const struct tb_resultset *rs, struct tb_glance **out)
{
	*out = NULL;
	bool *done = calloc(rs->n ? rs->n : 1, sizeof(bool));
	struct tb_glance *g = calloc(rs->n ? rs->n : 1, sizeof(*g));
	size_t k = 0;
	if (!done || !g) {
		free(done);
		free(g);
		return 0;
	}
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *a = &rs->r[i];
		if (done[i] || !tb_result_measured(a) || tb_result_is_insns(a)) /* counts: no speed */
			continue;
		/* a Google Benchmark or criterion file's cases are different
		 * benchmarks, not variants of one: no "fastest" among them */
		if (!strcmp(a->family, TB_FAMILY_GBENCH) || !strcmp(a->family, TB_FAMILY_CRITERION))
			continue;
		struct tb_glance e = {0};
		size_t members = 0;
		for (size_t j = i; j < rs->n; j++) {
			const struct tb_result *b = &rs->r[j];
			if (strcmp(a->family, b->family) || strcmp(a->mode, b->mode) || a->n != b->n ||
			    !tb_result_measured(b) || tb_result_is_insns(b))
				continue;
			done[j] = true;
			members++;
			if (!strcmp(b->variant, "scalar") && (!e.ref || b->threads < e.ref->threads))
				e.ref = b;
			if (!e.best || tb_result_speed(b) > tb_result_speed(e.best)) {
				e.second = e.best;
				e.best = b;
			} else if (!e.second || tb_result_speed(b) > tb_result_speed(e.second)) {
				e.second = b;
			}
		}
		if (members >= 2)
			g[k++] = e;
	}
	free(done);
	if (!k)
		free(g);
	else
		*out = g;
	return k;
}

static void who(const struct tb_result *r, char *buf, size_t len)
{
	if (r->threads > 1)
		snprintf(buf, len, "%s \xc3\x97%u", r->variant, r->threads);
	else
		snprintf(buf, len, "%s", r->variant);
}

void tb_glance_text(const struct tb_glance *g, char *buf, size_t len)
{
	const struct tb_result *b = g->best;
	char sz[48], t[32], rate[48], unit[24], w1[TB_VARIANT_MAX + 16], w2[TB_VARIANT_MAX + 16];
	tb_result_size_str(b, sz, sizeof(sz));
	tb_fmt_ns(b->st.median, t, sizeof(t));
	snprintf(unit, sizeof(unit), "%s/s", b->items > 0 && b->unit[0] ? b->unit : "call");
	tb_fmt_si(tb_result_speed(b), unit, rate, sizeof(rate));
	who(b, w1, sizeof(w1));
	who(g->second, w2, sizeof(w2));
	int n = snprintf(buf, len, "%s%s%s %s: %s is fastest: %s (%s per call), %.2f\xc3\x97 %s",
			 b->family, strcmp(b->mode, "-") ? " " : "", strcmp(b->mode, "-") ? b->mode : "",
			 sz, w1, rate, t, tb_result_speed(b) / tb_result_speed(g->second), w2);
	if (n < 0 || (size_t)n >= len)
		return;
	if (g->ref && g->ref != b && g->ref != g->second)
		snprintf(buf + n, len - (size_t)n, ", %.2f\xc3\x97 the scalar reference",
			 tb_result_speed(b) / tb_result_speed(g->ref));
	else if (g->ref == g->second)
		snprintf(buf + n, len - (size_t)n, " (the scalar reference)");
}
