/*
 * counters_list.c - what can be counted here: PAPI presets (countable or
 * not, with the reason), native events of the active PAPI components, the
 * events of libpfm4's perf PMU that only perf_event_open counts here, the
 * PAPI components themselves, and "did you mean" suggestions by edit
 * distance over those names and the event tables libpfm4 has for this
 * CPU's PMUs.
 */
#include "counters_list.h"

#include "counters_papi.h"
#include "counters_perf.h"

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
	int code;
	bool ok = PAPI_event_name_to_code(name, &code) == PAPI_OK && tb_papi_can_count(code);
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
					  .kind = TB_EV_NATIVE, .available = true, .why = ""};
		e.available = native_ok(info.symbol, &e.why);
		if (!e.available && !all)
			continue;
		int rc = fn(ctx, &e);
		if (rc)
			return rc;
	} while (PAPI_enum_cmp_event(&code, PAPI_ENUM_EVENTS, cidx) == PAPI_OK);
	return 0;
}

struct perf_walk {
	tb_event_fn fn;
	void *ctx;
	bool all;
};

/* one name of libpfm4's perf PMU: listed when PAPI does not count it here */
static int perf_name(void *arg, const char *name, const char *descr)
{
	struct perf_walk *w = arg;
	const struct tb_perf_access *ac = tb_perf_access();
	int code;
	bool papi_known = tb_papi_ready() && PAPI_event_name_to_code(name, &code) == PAPI_OK;
	if (papi_known && tb_papi_cpu_active(NULL) && (w->all || tb_papi_can_count(code)))
		return 0; /* PAPI's own list shows it */
	struct perf_event_attr a;
	char why[400] = "";
	bool ok = tb_perf_encode(name, ac->kernel, &a, why, sizeof(why)) == 0;
	if (ok && !ac->kernel && tb_perf_kernel_context_only(&a)) {
		snprintf(why, sizeof(why), "counted in the kernel's context only: %s", ac->why);
		ok = false;
	} else if (ok) {
		int rc = tb_perf_try(&a);
		if (rc)
			tb_perf_why(&a, rc, why, sizeof(why));
		ok = rc == 0;
	}
	if (!ok && !w->all)
		return 0;
	struct tb_event_desc e = {.name = name, .descr = descr, .kind = TB_EV_PERF,
				  .available = ok, .why = why};
	return w->fn(w->ctx, &e);
}

/* a preset counts here through PAPI, or through the kernel's generic event */
static bool preset_ok(int code, const PAPI_event_info_t *info)
{
	struct perf_event_attr a;
	return (info->count > 0 && PAPI_query_event(code) == PAPI_OK && tb_papi_can_count(code)) ||
	       (tb_perf_preset_attr(info->symbol, tb_perf_access()->kernel, &a) && tb_perf_try(&a) == 0);
}

int tb_counters_each_event(bool all, tb_event_fn fn, void *ctx)
{
	const char *hwwhy;
	bool hw = tb_counters_hw_available(&hwwhy);
	int code = PAPI_PRESET_MASK, rc;
	if (tb_papi_ready() && PAPI_enum_event(&code, PAPI_ENUM_FIRST) == PAPI_OK) {
		do {
			PAPI_event_info_t info;
			if (PAPI_get_event_info(code, &info) != PAPI_OK)
				continue;
			bool avail = preset_ok(code, &info);
			if (!avail && !all)
				continue;
			struct tb_event_desc e = {
				.name = info.symbol, .descr = info.long_descr, .kind = TB_EV_PRESET,
				.available = avail,
				.why = avail ? "" : hw ? "this CPU lacks the native events it needs" : hwwhy};
			if ((rc = fn(ctx, &e)))
				return rc;
		} while (PAPI_enum_event(&code, PAPI_ENUM_EVENTS) == PAPI_OK);
	}
	for (int c = 0; tb_papi_ready() && c < PAPI_num_components(); c++) {
		const PAPI_component_info_t *ci = PAPI_get_component_info(c);
		if (!ci || ci->disabled)
			continue;
		if ((rc = each_native(c, fn, ctx, all)))
			return rc;
	}
	struct perf_walk w = {fn, ctx, all};
	return tb_perf_each_name(perf_name, &w) < 0 ? -1 : 0;
}

void tb_counters_pmus(char *buf, size_t len) { tb_perf_pmus(buf, len); }

int tb_counters_each_component(tb_component_fn fn, void *ctx)
{
	if (!tb_papi_ready())
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
