/*
 * counters_list.c - what can be counted here: PAPI presets (available or
 * not, with the reason), native events of the active PAPI components, the
 * components themselves, and "did you mean" suggestions by edit distance
 * over PAPI's names and the event tables libpfm4 has for this CPU's PMUs.
 */
#include "counters.h"

#include <ctype.h>
#include <papi.h>
#include <perfmon/pfmlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t tb_edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > cap || lb >= 256)
		return cap + 1;
	size_t row[256];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best;
		row[0] = best = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t sub = diag + (tolower((unsigned char)a[i - 1]) !=
					     tolower((unsigned char)b[j - 1]));
			size_t v = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
			row[j] = sub < v ? sub : v;
			diag = up;
			if (row[j] < best)
				best = row[j];
		}
		if (best > cap)
			return cap + 1;
	}
	return row[lb] > cap ? cap + 1 : row[lb];
}

struct best {
	const char *want;
	size_t cap, d;
	char name[PAPI_HUGE_STR_LEN];
};

static void consider(struct best *b, const char *cand)
{
	const char *tail = strstr(cand, "::");
	size_t d = tb_edit_distance(b->want, cand, b->cap);
	if (tail) {
		size_t d2 = tb_edit_distance(b->want, tail + 2, b->cap);
		if (d2 < d)
			d = d2;
	}
	if (d < b->d) {
		b->d = d;
		snprintf(b->name, sizeof(b->name), "%s", cand);
	}
}

static int consider_event(void *ctx, const struct tb_event_desc *e)
{
	consider(ctx, e->name);
	return 0;
}

const char *tb_counters_suggest(const char *name, char *buf, size_t len)
{
	if (tb_counters_init(NULL, 0))
		return NULL;
	size_t n = strlen(name);
	struct best b = {.want = name, .cap = n / 4 > 2 ? n / 4 : 2};
	b.d = b.cap + 1;
	/* countable names first: they win ties */
	tb_counters_each_event(false, consider_event, &b);
	if (b.d > b.cap && pfm_initialize() == PFM_SUCCESS) {
		/* libpfm4's tables for the PMUs of this CPU */
		pfm_pmu_t p;
		pfm_for_all_pmus(p) {
			pfm_pmu_info_t pi = {.size = sizeof(pi)};
			if (pfm_get_pmu_info(p, &pi) != PFM_SUCCESS || !pi.is_present)
				continue;
			for (int i = pi.first_event; i != -1; i = pfm_get_event_next(i)) {
				pfm_event_info_t ei = {.size = sizeof(ei)};
				if (pfm_get_event_info(i, PFM_OS_NONE, &ei) != PFM_SUCCESS)
					continue;
				char full[PAPI_HUGE_STR_LEN];
				snprintf(full, sizeof(full), "%s::%s", pi.name, ei.name);
				consider(&b, full);
			}
		}
	}
	if (b.d > b.cap)
		return NULL;
	snprintf(buf, len, "%s", b.name);
	return buf;
}

/* Is a native event of the CPU component countable here? */
static bool native_ok(const char *name, const char **why)
{
	const char *hw;
	if (tb_counters_hw_available(&hw))
		return true;
	/* without a PMU only the kernel's software events count: try it */
	int es = PAPI_NULL, code;
	bool ok = PAPI_event_name_to_code(name, &code) == PAPI_OK &&
		  PAPI_create_eventset(&es) == PAPI_OK && PAPI_add_event(es, code) == PAPI_OK;
	if (es != PAPI_NULL) {
		PAPI_cleanup_eventset(es);
		PAPI_destroy_eventset(&es);
	}
	*why = ok ? "" : hw;
	return ok;
}

static int each_native(int cidx, tb_event_fn fn, void *ctx, bool all)
{
	int code = PAPI_NATIVE_MASK;
	if (PAPI_enum_cmp_event(&code, PAPI_ENUM_FIRST, cidx) != PAPI_OK)
		return 0;
	do {
		PAPI_event_info_t info;
		if (PAPI_get_event_info(code, &info) != PAPI_OK)
			continue;
		struct tb_event_desc e = {.name = info.symbol, .descr = info.long_descr,
					  .available = true, .why = ""};
		e.available = native_ok(info.symbol, &e.why);
		if (!e.available && !all)
			continue;
		int rc = fn(ctx, &e);
		if (rc)
			return rc;
	} while (PAPI_enum_cmp_event(&code, PAPI_ENUM_EVENTS, cidx) == PAPI_OK);
	return 0;
}

int tb_counters_each_event(bool all, tb_event_fn fn, void *ctx)
{
	if (tb_counters_init(NULL, 0))
		return -1;
	const char *hwwhy;
	bool hw = tb_counters_hw_available(&hwwhy);
	int code = PAPI_PRESET_MASK, rc;
	if (PAPI_enum_event(&code, PAPI_ENUM_FIRST) == PAPI_OK) {
		do {
			PAPI_event_info_t info;
			if (PAPI_get_event_info(code, &info) != PAPI_OK)
				continue;
			bool avail = info.count > 0 && PAPI_query_event(code) == PAPI_OK;
			if (!avail && !all)
				continue;
			struct tb_event_desc e = {
				.name = info.symbol, .descr = info.long_descr, .preset = true,
				.available = avail,
				.why = avail ? "" : hw ? "this CPU lacks the native events it needs" : hwwhy};
			if ((rc = fn(ctx, &e)))
				return rc;
		} while (PAPI_enum_event(&code, PAPI_ENUM_EVENTS) == PAPI_OK);
	}
	for (int c = 0; c < PAPI_num_components(); c++) {
		const PAPI_component_info_t *ci = PAPI_get_component_info(c);
		if (!ci || ci->disabled)
			continue;
		if ((rc = each_native(c, fn, ctx, all)))
			return rc;
	}
	return 0;
}

int tb_counters_each_component(tb_component_fn fn, void *ctx)
{
	if (tb_counters_init(NULL, 0))
		return -1;
	for (int c = 0; c < PAPI_num_components(); c++) {
		const PAPI_component_info_t *ci = PAPI_get_component_info(c);
		if (!ci)
			continue;
		struct tb_component_desc d = {
			.name = ci->name, .descr = ci->description, .active = !ci->disabled,
			.why = ci->disabled ? ci->disabled_reason : "", .counters = ci->num_cntrs,
			.natives = ci->num_native_events, .presets = ci->num_preset_events};
		int rc = fn(ctx, &d);
		if (rc)
			return rc;
	}
	return 0;
}
