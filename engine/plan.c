/*
 * plan.c - the plan of a run: the selected families and variants x
 * modes x sizes x threads, one case each.  Sizes are counts,
 * RxC, or the named tiers L1, L2, L3, DRAM, resolved per case from this
 * machine's caches (probes/caches.h) and the kernel's working set per
 * element (its footprint).  Sizes that cannot be allocated are refused
 * before anything runs (or, among a family's default sizes, left out and
 * said so).
 */
#include "plan.h"

#include "../kernels/common.h"
#include "../probes/caches.h"
#include "../probes/sysinfo.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int tb_plan_parse_size(const char *s, struct tb_size *out, char *err, size_t len)
{
	enum tb_tier t = tb_tier_parse(s);
	if (t != TB_TIER_NONE) {
		*out = (struct tb_size){.tier = (unsigned char)t};
		return 0;
	}
	if (tb_parse_size(s, out, err, len)) {
		size_t l = strlen(err);
		snprintf(err + l, len - l, ", or a size tier L1, L2, L3, DRAM");
		return -1;
	}
	out->tier = 0;
	return 0;
}

/* a value given twice names one case: measured once, said once */
static void folded(struct tb_selection *o, const char *opt, const char *again, const char *first)
{
	size_t l = strlen(o->folded);
	snprintf(o->folded + l, sizeof(o->folded) - l, "%s%s %s is %s again", l ? "; " : "", opt,
		 again, first);
}

int tb_selection_sizes(struct tb_selection *o, char *arg, char *err, size_t len)
{
	char *items[TB_MAX_LIST];
	int n = tb_split_list(arg, items, TB_MAX_LIST);
	if (n < 0)
		return snprintf(err, len, "invalid --size list '%s': expected up to %d sizes separated by commas",
				arg, TB_MAX_LIST), -1;
	o->nsizes = 0;
	for (int i = 0; i < n; i++) {
		struct tb_size sz;
		if (tb_plan_parse_size(items[i], &sz, err, len))
			return -1;
		int j;
		for (j = 0; j < o->nsizes; j++)
			if (o->sizes[j].rows == sz.rows && o->sizes[j].cols == sz.cols &&
			    o->sizes[j].tier == sz.tier)
				break;
		if (j < o->nsizes) {
			folded(o, "--size", items[i], items[j]);
			continue;
		}
		items[o->nsizes] = items[i];
		o->sizes[o->nsizes++] = sz;
	}
	return 0;
}

int tb_selection_threads(struct tb_selection *o, char *arg, char *err, size_t len)
{
	char *items[TB_MAX_LIST];
	int n = tb_split_list(arg, items, TB_MAX_LIST);
	uint64_t max = 4ull * tb_cpu_count();
	if (n < 0)
		return snprintf(err, len, "invalid --threads list '%s': expected numbers separated by commas", arg), -1;
	o->nthreads = 0;
	for (int i = 0; i < n; i++) {
		uint64_t v;
		char what[64];
		snprintf(what, sizeof(what), "thread count (at most 4x the %u CPUs)", tb_cpu_count());
		if (tb_parse_u64(what, items[i], 1, max, &v, err, len))
			return -1;
		int j;
		for (j = 0; j < o->nthreads && o->threads[j] != v; j++)
			;
		if (j < o->nthreads) {
			folded(o, "--threads", items[i], items[j]);
			continue;
		}
		items[o->nthreads] = items[i];
		o->threads[o->nthreads++] = (unsigned)v;
	}
	o->threads_given = true;
	return 0;
}

static bool family_selected(const struct tb_selection *o, const char *name)
{
	if (o->nfamilies == 0)
		return true;
	for (int i = 0; i < o->nfamilies; i++)
		if (!strcmp(o->families[i], "all") || !strcmp(o->families[i], name))
			return true;
	return false;
}

static bool variant_selected(const struct tb_selection *o, const char *v)
{
	if (o->nvariants == 0)
		return true;
	for (int i = 0; i < o->nvariants; i++)
		if (!strcmp(o->variants[i], v))
			return true;
	return false;
}

static bool plan_has(const struct tb_plan *p, const struct tb_plan_case *pc)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->c[i].k == pc->k && p->c[i].mode == pc->mode &&
		    p->c[i].size.rows == pc->size.rows && p->c[i].size.cols == pc->size.cols &&
		    p->c[i].threads == pc->threads)
			return true;
	return false;
}

static int plan_add(struct tb_plan *p, const struct tb_plan_case *pc)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct tb_plan_case *nc = realloc(p->c, cap * sizeof(*nc));
		if (!nc)
			return -1;
		p->c = nc;
		p->cap = cap;
	}
	p->c[p->n++] = *pc;
	return 0;
}

/* ---- size tiers ---- */

#define MAX_RES 32

struct tier_res {
	enum tb_tier t;
	double bpe;    /* bytes per element of the working set */
	uint64_t side; /* resolved to side x side */
};

/* the tiers resolved so far, for the note line */
struct tiers {
	struct tb_caches caches;
	bool read;
	struct tier_res res[MAX_RES];
	size_t nres;
	char skipped[256]; /* families a tier does not apply to */
};

/* bytes per element of the kernel's working set in mode m */
static double bytes_per_elem(const struct tb_kernel *k, enum tb_mode m)
{
	struct tb_case tc = {.k = k, .mode = m, .n = 1u << 20, .rows = 1024, .cols = 1024,
			     .threads = 1};
	return (double)k->footprint(&tc) / (double)(1u << 20);
}

/* s resolved for kernel k in mode m: 0, or 1 when the tier does not apply */
static int resolve(struct tiers *ti, const struct tb_kernel *k, enum tb_mode m, struct tb_size *s)
{
	if (!s->tier)
		return 0;
	if (!k->footprint) {
		if (!strstr(ti->skipped, k->family)) {
			size_t l = strlen(ti->skipped);
			snprintf(ti->skipped + l, sizeof(ti->skipped) - l, "%s%s", l ? ", " : "", k->family);
		}
		return 1;
	}
	if (!ti->read) {
		tb_caches_read(&ti->caches, NULL);
		ti->read = true;
	}
	enum tb_tier t = (enum tb_tier)s->tier;
	double bpe = bytes_per_elem(k, m);
	uint64_t side = tb_tier_side(&ti->caches, t, bpe);
	s->rows = s->cols = side;
	s->n = side * side;
	size_t i;
	for (i = 0; i < ti->nres; i++)
		if (ti->res[i].t == t && ti->res[i].bpe == bpe)
			break;
	if (i == ti->nres && ti->nres < MAX_RES) {
		ti->res[i].t = t;
		ti->res[i].bpe = bpe;
		ti->res[i].side = side;
		ti->nres++;
	}
	return 0;
}

static int cmp_res(const void *a, const void *b)
{
	const struct tier_res *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->bpe > y->bpe) - (x->bpe < y->bpe);
}

/* "size tiers from DIR (L1d 32 KiB, L2 1 MiB, L3 32 MiB): L1 (16 KiB) 64x64 at
 * 4 B/element, ...; DRAM (at least 128 MiB) ..." */
static void tiers_note(struct tiers *ti, struct tb_plan *p)
{
	if (!ti->nres)
		return;
	const struct tb_caches *c = &ti->caches;
	char l1[32], l2[32], l3[32];
	tb_human_bytes((double)c->l1d, l1, sizeof(l1));
	tb_human_bytes((double)c->l2, l2, sizeof(l2));
	tb_human_bytes((double)c->llc, l3, sizeof(l3));
	snprintf(p->caches, sizeof(p->caches), "L1d %s, L2 %s, %s %s%s%s", l1, l2,
		 c->l4 && c->l4 >= c->l3 ? "L4" : "L3", l3, c->missing[0] ? "; sysfs lacks " : "",
		 c->missing);
	char *s = p->tiers;
	size_t cap = sizeof(p->tiers);
	int k = snprintf(s, cap, "size tiers from %s (%s):", c->dir, p->caches);
	size_t used = k > 0 && (size_t)k < cap ? (size_t)k : cap - 1;
	qsort(ti->res, ti->nres, sizeof(ti->res[0]), cmp_res);
	for (size_t i = 0; i < ti->nres && used < cap - 1; i++) {
		enum tb_tier t = ti->res[i].t;
		bool first = !i || ti->res[i - 1].t != t;
		char tb[32];
		tb_human_bytes((double)tb_tier_bytes(c, t), tb, sizeof(tb));
		if (first)
			k = snprintf(s + used, cap - used, "%s %s (%s%s)", i ? ";" : "", tb_tier_name(t),
				     t == TB_TIER_DRAM ? "at least " : "", tb);
		else
			k = snprintf(s + used, cap - used, ",");
		if (k > 0)
			used += (size_t)k < cap - used ? (size_t)k : cap - used - 1;
		k = snprintf(s + used, cap - used, " %" PRIu64 "x%" PRIu64 " at %g B/element",
			     ti->res[i].side, ti->res[i].side, ti->res[i].bpe);
		if (k > 0)
			used += (size_t)k < cap - used ? (size_t)k : cap - used - 1;
	}
	if (ti->skipped[0] && used < cap - 1)
		snprintf(s + used, cap - used, "; not for %s (their size is not a working set)",
			 ti->skipped);
}

/* ---- the plan ---- */

static int check_variants(const struct tb_selection *o, char *err, size_t len)
{
	for (int i = 0; i < o->nvariants; i++) {
		bool found = false;
		char names[512] = "";
		for (size_t k = 0; k < tb_kernel_count(); k++) {
			const struct tb_kernel *kn = tb_kernel_at(k);
			if (!family_selected(o, kn->family))
				continue;
			if (!strcmp(kn->variant, o->variants[i]))
				found = true;
			if (!strstr(names, kn->variant))
				snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
					 names[0] ? ", " : "", kn->variant);
		}
		if (!found)
			return snprintf(err, len, "unknown variant '%s' (variants here: %s)", o->variants[i], names), -1;
	}
	return 0;
}

/* a family's sizes: the given ones, else its defaults (*defaults = true) */
static int family_sizes(const struct tb_selection *o, const struct tb_family *fam,
			struct tb_size *sizes, int *nsizes, bool *defaults, char *err, size_t len)
{
	*defaults = !o->nsizes;
	if (o->nsizes) {
		memcpy(sizes, o->sizes, sizeof(o->sizes[0]) * (size_t)o->nsizes);
		*nsizes = o->nsizes;
		return 0;
	}
	char buf[256], *items[TB_MAX_LIST];
	/* a filter selects from the cases `list --cases` shows */
	snprintf(buf, sizeof(buf), "%s", o->nfamilies || o->filters.n ? fam->default_sizes
								      : fam->suite_sizes);
	*nsizes = tb_split_list(buf, items, TB_MAX_LIST);
	for (int i = 0; i < *nsizes; i++)
		if (tb_plan_parse_size(items[i], &sizes[i], err, len))
			return -1;
	return 0;
}

/* 0: fits; 1: a default size that does not fit (left out, said in p->skipped);
 * -1: a given size that does not fit (err) */
static int check_memory(const struct tb_plan_case *pc, uint64_t avail, bool defaults,
			struct tb_plan *p, char *err, size_t len)
{
	const struct tb_kernel *kn = pc->k;
	struct tb_case tc = {.k = kn, .mode = pc->mode, .n = pc->size.n, .rows = pc->size.rows,
			     .cols = pc->size.cols, .threads = pc->threads};
	size_t need = kn->memory ? kn->memory(&tc) : 0;
	if (!avail || need <= avail)
		return 0;
	char nb[32], ab[32], sz[48];
	tb_human_bytes((double)need, nb, sizeof(nb));
	tb_human_bytes((double)avail, ab, sizeof(ab));
	if (pc->size.rows > 1)
		snprintf(sz, sizeof(sz), "%" PRIu64 "x%" PRIu64, pc->size.rows, pc->size.cols);
	else
		snprintf(sz, sizeof(sz), "%" PRIu64, pc->size.n);
	if (defaults) {
		size_t l = strlen(p->skipped);
		if (!strstr(p->skipped, sz) && l < sizeof(p->skipped) - 1)
			snprintf(p->skipped + l, sizeof(p->skipped) - l,
				 "%s%s %s (needs %s, %s available)", l ? "; " : "", kn->family, sz, nb, ab);
		return 1;
	}
	return snprintf(err, len,
			"size %s is too large for %s/%s: it needs %s (%zu bytes), more than the %s of memory available",
			sz, kn->family, kn->variant, nb, need, ab), -1;
}

int tb_plan_build(const struct tb_selection *o, struct tb_plan *p, char *err, size_t len)
{
	if (check_variants(o, err, len))
		return -1;
	struct tiers ti;
	memset(&ti, 0, sizeof(ti));
	uint64_t avail = tb_mem_available();
	bool hit[TB_MAX_FILTERS] = {0};
	for (size_t f = 0; f < tb_family_count(); f++) {
		const struct tb_family *fam = tb_family_at(f);
		if (!family_selected(o, fam->name))
			continue;
		struct tb_size sizes[TB_MAX_LIST];
		int nsizes;
		bool defaults;
		if (family_sizes(o, fam, sizes, &nsizes, &defaults, err, len))
			return -1;
		for (size_t k = 0; k < tb_kernel_count(); k++) {
			const struct tb_kernel *kn = tb_kernel_at(k);
			if (strcmp(kn->family, fam->name) || !variant_selected(o, kn->variant))
				continue;
			static const enum tb_mode all_modes[] = {TB_MODE_OUTOFPLACE, TB_MODE_INPLACE};
			for (int mi = 0; mi < (kn->modes ? 2 : 1); mi++) {
				enum tb_mode m = kn->modes ? all_modes[mi] : TB_MODE_NONE;
				if (kn->modes && (!(kn->modes & m) || !(o->modes & m)))
					continue;
				for (int si = 0; si < nsizes; si++) {
					struct tb_size sz = sizes[si];
					if (resolve(&ti, kn, m, &sz))
						continue;
					int nth = kn->threaded ? o->nthreads : 1;
					for (int ti_ = 0; ti_ < nth; ti_++) {
						struct tb_plan_case pc = {
							.k = kn, .mode = m, .size = sz,
							.threads = kn->threaded ? o->threads[ti_] : 1};
						if (plan_has(p, &pc)) /* a tier equal to a given size */
							continue;
						char id[256];
						tb_case_id(&pc, id, sizeof(id));
						if (!tb_filters_keep(&o->filters, id, hit))
							continue;
						int mc = check_memory(&pc, avail, defaults && sz.tier, p, err, len);
						if (mc < 0)
							return -1;
						if (mc == 0 && plan_add(p, &pc))
							return snprintf(err, len, "out of memory"), -1;
					}
				}
			}
		}
	}
	tiers_note(&ti, p);
	if (tb_filters_all_hit(&o->filters, hit, err, len))
		return -1;
	if (p->n == 0 && ti.skipped[0])
		return snprintf(err, len, "nothing to run: size tiers (L1, L2, L3, DRAM) need a family whose size is a working set in memory, and %s %s not",
				ti.skipped, strchr(ti.skipped, ',') ? "are" : "is"), -1;
	if (p->n == 0)
		return snprintf(err, len, "nothing to run: no variant of the selected families matches (see 'tbench list')"), -1;
	return 0;
}

void tb_plan_free(struct tb_plan *p)
{
	free(p->c);
	p->c = NULL;
	p->n = p->cap = 0;
}

void tb_plan_rotate(struct tb_plan *p, unsigned r, unsigned n)
{
	size_t k = p->n ? (size_t)((uint64_t)r * p->n / n) % p->n : 0;
	if (!k)
		return;
	struct tb_plan_case *t = malloc(k * sizeof(*t));
	if (!t)
		return; /* the order only spreads the cases; any order measures */
	memcpy(t, p->c, k * sizeof(*t));
	memmove(p->c, p->c + k, (p->n - k) * sizeof(*t));
	memcpy(p->c + (p->n - k), t, k * sizeof(*t));
	free(t);
}
