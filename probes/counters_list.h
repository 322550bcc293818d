/*
 * counters_list.h - the events and components this machine offers, for
 * `tbench counters`, and the closest known name to a misspelt one.  Below
 * counters.c (which suggests names from here); reached through counters.h.
 */
#ifndef TB_COUNTERS_LIST_H
#define TB_COUNTERS_LIST_H

#include <stdbool.h>
#include <stddef.h>

/* Listing for `tbench counters`. */
enum tb_event_kind { TB_EV_PRESET, TB_EV_NATIVE, TB_EV_PERF };
struct tb_event_desc {
	const char *name, *descr;
	enum tb_event_kind kind; /* PAPI preset, PAPI native, perf_event_open */
	bool available;
	const char *why; /* when not available */
};
typedef int (*tb_event_fn)(void *ctx, const struct tb_event_desc *e);
/* presets (all, or only the countable ones), native events of PAPI's
 * active components, then the events of libpfm4's perf PMU that PAPI does
 * not count here and perf_event_open does (all: every one, with why not) */
int tb_counters_each_event(bool all, tb_event_fn fn, void *ctx);

struct tb_component_desc {
	const char *name, *descr;
	bool active;
	const char *why; /* disabled reason */
	int counters, natives, presets;
};
typedef int (*tb_component_fn)(void *ctx, const struct tb_component_desc *d);
int tb_counters_each_component(tb_component_fn fn, void *ctx);

/* The PMUs libpfm4 detected here ("perf, perf_raw, amd64_fam19h_zen3") */
void tb_counters_pmus(char *buf, size_t len);

/* Closest known event name to name (edit distance), or NULL. */
const char *tb_counters_suggest(const char *name, char *buf, size_t len);
/* Levenshtein distance, capped at cap+1 (exposed for tests) */
size_t tb_edit_distance(const char *a, const char *b, size_t cap);

#endif
