/*
 * counters.h - hardware and software event counters through PAPI, with
 * libpfm4 to resolve, list and search event names.
 *
 * A tb_counters is a checked list of events.  Bound to a case (and its
 * worker pool), it keeps one running PAPI event set per thread and exposes a
 * tb_sample_hook that reads every set before and after a sample and sums
 * the differences: raw totals per sample, minus the measured cost of the
 * reads themselves.  Nothing here prints.
 */
#ifndef TB_COUNTERS_H
#define TB_COUNTERS_H

#include "runner.h"

#include <stdbool.h>
#include <stddef.h>

#define TB_CTR_MAX 32 /* events in one set */

struct tb_pool;
struct tb_counters;

/* Initialise PAPI (thread and multiplex support) once; 0 or -1 + err. */
int tb_counters_init(char *err, size_t errlen);
/* "7.0.0.0", or "" before init */
const char *tb_counters_papi_version(void);
/* Whether this machine has hardware counters; *why says why not. */
bool tb_counters_hw_available(const char **why);

/* The default event set: the useful presets available here, otherwise
 * perf software events.  Returns the count; *hw tells which. */
size_t tb_counters_default(const char **names, size_t max, bool *hw);

/* Check every name (each must exist and be countable here).  On error,
 * err names the event, the reason and, when one is close, a suggestion. */
struct tb_counters *tb_counters_open(const char *const *names, size_t n, char *err,
				     size_t errlen);
void tb_counters_close(struct tb_counters *c);

size_t tb_counters_count(const struct tb_counters *c);
const char *tb_counters_name(const struct tb_counters *c, size_t i);
bool tb_counters_multiplexed(const struct tb_counters *c);
/* Share of the time each event was counted (1 = always; < 1 = scaled
 * estimate from multiplexing; see README). */
double tb_counters_coverage(const struct tb_counters *c);
/* Hardware counters of the CPU component. */
int tb_counters_hw_slots(void);

/* Create and start one event set on each thread of pool (NULL: the
 * calling thread only), then measure the cost of a read pair. */
int tb_counters_bind(struct tb_counters *c, struct tb_pool *pool, char *err, size_t errlen);
void tb_counters_unbind(struct tb_counters *c);
/* The hook for the runner: nvalues = tb_counters_count(c). */
struct tb_sample_hook tb_counters_hook(struct tb_counters *c);
/* Per event: what one read pair counts by itself (subtracted from every
 * sample), and the time a read pair takes in ns. */
const double *tb_counters_overhead(const struct tb_counters *c);
double tb_counters_read_ns(const struct tb_counters *c);

/* Listing for `tbench counters`. */
struct tb_event_desc {
	const char *name, *descr;
	bool preset, available;
	const char *why; /* when not available */
};
typedef int (*tb_event_fn)(void *ctx, const struct tb_event_desc *e);
/* presets (all, or only available ones) then native events of active components */
int tb_counters_each_event(bool all, tb_event_fn fn, void *ctx);

struct tb_component_desc {
	const char *name, *descr;
	bool active;
	const char *why; /* disabled reason */
	int counters, natives, presets;
};
typedef int (*tb_component_fn)(void *ctx, const struct tb_component_desc *d);
int tb_counters_each_component(tb_component_fn fn, void *ctx);

/* Closest known event name to name (edit distance), or NULL. */
const char *tb_counters_suggest(const char *name, char *buf, size_t len);
/* Levenshtein distance, capped at cap+1 (exposed for tests) */
size_t tb_edit_distance(const char *a, const char *b, size_t cap);

#endif
