/*
 * run_plan.c - the plan of `tbench run`: the selected families and
 * variants x modes x sizes x thread counts, every size checked against the
 * memory available and every --threshold rule against the cases, before
 * anything runs.
 */
#include "run.h"

#include "../kernels/common.h"
#include "../probes/sysinfo.h"
#include "../reports/compare.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool family_selected(const struct tb_run_opts *o, const char *name)
{
	if (o->nfamilies == 0)
		return true;
	for (int i = 0; i < o->nfamilies; i++)
		if (!strcmp(o->families[i], "all") || !strcmp(o->families[i], name))
			return true;
	return false;
}

static bool variant_selected(const struct tb_run_opts *o, const char *v)
{
	if (o->nvariants == 0)
		return true;
	for (int i = 0; i < o->nvariants; i++)
		if (!strcmp(o->variants[i], v))
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

static void human_bytes(double b, char *buf, size_t len)
{
	static const char *u[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	int i = 0;
	while (b >= 1024 && i < 6) {
		b /= 1024;
		i++;
	}
	snprintf(buf, len, "%.1f %s", b, u[i]);
}

int tb_run_build_plan(const struct tb_run_opts *o, struct tb_plan *p, char *err, size_t len)
{
	/* every requested variant must exist in a selected family */
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
	uint64_t avail = tb_mem_available();
	bool hit[TB_MAX_FILTERS] = {0};
	for (size_t f = 0; f < tb_family_count(); f++) {
		const struct tb_family *fam = tb_family_at(f);
		if (!family_selected(o, fam->name))
			continue;
		struct tb_size sizes[TB_MAX_LIST];
		int nsizes = o->nsizes;
		if (nsizes) {
			memcpy(sizes, o->sizes, sizeof(sizes));
		} else {
			char buf[256], *items[TB_MAX_LIST];
			/* a filter selects from the cases `list --cases` shows */
			snprintf(buf, sizeof(buf), "%s", o->nfamilies || o->filters.n ? fam->default_sizes
									      : fam->suite_sizes);
			nsizes = tb_split_list(buf, items, TB_MAX_LIST);
			for (int i = 0; i < nsizes; i++)
				if (tb_parse_size(items[i], &sizes[i], err, len))
					return -1;
		}
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
					int nth = kn->threaded ? o->nthreads : 1;
					for (int ti = 0; ti < nth; ti++) {
						struct tb_plan_case pc = {
							.k = kn, .mode = m, .size = sizes[si],
							.threads = kn->threaded ? o->threads[ti] : 1};
						char id[256];
						tb_case_id(&pc, id, sizeof(id));
						if (!tb_filters_keep(&o->filters, id, hit))
							continue;
						struct tb_case tc = {.k = kn, .mode = m, .n = pc.size.n,
								     .threads = pc.threads};
						size_t need = kn->memory ? kn->memory(&tc) : 0;
						if (avail && need > avail) {
							char nb[32], ab[32];
							human_bytes((double)need, nb, sizeof(nb));
							human_bytes((double)avail, ab, sizeof(ab));
							return snprintf(err, len,
									"size %" PRIu64 " is too large for %s/%s: it needs %s (%zu bytes), more than the %s of memory available",
									pc.size.n, kn->family, kn->variant, nb, need, ab), -1;
						}
						if (plan_add(p, &pc))
							return snprintf(err, len, "out of memory"), -1;
					}
				}
			}
		}
	}
	if (tb_filters_all_hit(&o->filters, hit, err, len))
		return -1;
	if (p->n == 0)
		return snprintf(err, len, "nothing to run: no variant of the selected families matches (see 'tbench list')"), -1;
	/* a --threshold rule naming no case would be silently ignored */
	const struct tb_compare_opts *co = &o->gate.cmp;
	for (size_t i = 0; o->baseline && i < co->nrules; i++) {
		size_t k;
		for (k = 0; k < p->n; k++)
			if (tb_threshold_pattern_matches(co->rules[i].pattern, p->c[k].k->family,
							 p->c[k].k->variant))
				break;
		if (k == p->n)
			return snprintf(err, len, "--threshold %s=%g: no case of this run is of family or "
					"family/variant '%s' (see --dry-run)", co->rules[i].pattern,
					100 * co->rules[i].threshold, co->rules[i].pattern), -1;
	}
	return 0;
}

