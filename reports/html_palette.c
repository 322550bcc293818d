/*
 * html_palette.c - one colour per variant for the whole HTML report: a fixed
 * table keyed by variant name (tbench's own variants, then the peers -
 * NumPy, PyTorch, BLAS, foreign harnesses - whose colours nobody else gets),
 * and for any other name a colour picked by a hash from the free ones.  A
 * merged variant "avx2@before" is avx2's colour, lighter.  The stylesheet
 * rules for the colours are written from this table too, so adding a peer
 * is one row here.
 */
#include "html.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct swatch {
	const char *variant; /* NULL: a free colour for other names */
	const char *light, *dark;
	bool peer;
};

/* The order is the report's order of variants (legend, overview columns). */
static const struct swatch palette[] = {
	{"scalar", "#64748b", "#94a3b8", false},
	{"autovec", "#0d9488", "#2dd4bf", false},
	{"avx2", "#2563eb", "#60a5fa", false},
	{"avx512", "#7c3aed", "#a78bfa", false},
	{"neon", "#16a34a", "#4ade80", false},
	{"stream", "#0891b2", "#22d3ee", false},
	{"threaded", "#ea580c", "#fb923c", false},
	{"pool", "#65a30d", "#a3e635", false},
	/* peers: reserved */
	{"blas", "#92400e", "#d6a064", true},
	{"numpy", "#ca8a04", "#facc15", true},
	{"numpy-alloc", "#a16207", "#fde047", true},
	{"torch", "#db2777", "#f472b6", true},
	{"gbench", "#57534e", "#d6d3d1", true},
	{"hyperfine", "#44403c", "#a8a29e", true},
	{"criterion", "#78716c", "#e7e5e4", true},
	/* free: for every other name, by hash */
	{NULL, "#4f46e5", "#818cf8", false},
	{NULL, "#be123c", "#fb7185", false},
	{NULL, "#0369a1", "#38bdf8", false},
	{NULL, "#15803d", "#86efac", false},
	{NULL, "#a21caf", "#e879f9", false},
	{NULL, "#b45309", "#fbbf24", false},
	{NULL, "#0f766e", "#5eead4", false},
	{NULL, "#9f1239", "#fda4af", false},
};
#define NPAL (sizeof(palette) / sizeof(palette[0]))

static size_t nfixed(void)
{
	size_t k = 0;
	while (k < NPAL && palette[k].variant)
		k++;
	return k;
}

/* the variant's name up to an "@label" suffix */
static size_t base_len(const char *v)
{
	const char *at = strchr(v, '@');
	return at ? (size_t)(at - v) : strlen(v);
}

static size_t index_of(const char *v)
{
	size_t n = base_len(v), fixed = nfixed();
	for (size_t i = 0; i < fixed; i++)
		if (strlen(palette[i].variant) == n && !strncmp(palette[i].variant, v, n))
			return i;
	uint32_t h = 2166136261u; /* FNV-1a of the whole name: stable across reports */
	for (const char *p = v; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return fixed + h % (NPAL - fixed);
}

void tb_html_variant_class(const char *variant, char *buf, size_t len)
{
	snprintf(buf, len, "v%zu%s", index_of(variant), strchr(variant, '@') ? " alt" : "");
}

bool tb_html_is_peer(const char *variant)
{
	size_t i = index_of(variant);
	return i < nfixed() && palette[i].peer;
}

int tb_html_variant_order(const char *a, const char *b)
{
	size_t ia = index_of(a), ib = index_of(b), f = nfixed();
	if (ia < f || ib < f) {
		if (ia != ib)
			return ia < f && ib < f ? (ia < ib ? -1 : 1) : ia < f ? -1 : 1;
	}
	return strcmp(a, b);
}

void tb_html_palette_css(FILE *f)
{
	fputs(":root{", f);
	for (size_t i = 0; i < NPAL; i++)
		fprintf(f, "--v%zu:%s;", i, palette[i].light);
	fputs("}\n@media (prefers-color-scheme:dark){:root{", f);
	for (size_t i = 0; i < NPAL; i++)
		fprintf(f, "--v%zu:%s;", i, palette[i].dark);
	fputs("}}\n", f);
	for (size_t i = 0; i < NPAL; i++)
		fprintf(f, "svg .v%zu{fill:var(--v%zu);stroke:var(--v%zu)}.chip.v%zu::before{"
			   "background:var(--v%zu)}\n", i, i, i, i, i);
}
