/*
 * counters.h - hardware and software event counters: PAPI first, and the
 * kernel's perf_event_open(2) directly (names encoded by libpfm4) for what
 * PAPI cannot reach here, such as every event on a machine where PAPI's
 * CPU component is disabled; libpfm4 also resolves, lists and searches
 * event names.
 *
 * A tb_counters is a checked list of events, each with the backend that
 * counts it and why.  Bound to a case (and its worker pool), it keeps one
 * running PAPI event set and one set of perf counters per thread and
 * exposes a tb_sample_hook that reads them before and after a sample and
 * sums the differences: raw totals per sample, minus the measured cost of
 * the reads themselves; an event the kernel did not count during a sample
 * (multiplexed out) is NaN for it, never 0.  Nothing here prints.
 */
#ifndef TB_COUNTERS_H
#define TB_COUNTERS_H

#include "runner.h"

#include <stdbool.h>
#include <stddef.h>

#define TB_CTR_MAX 32 /* events in one set */

struct tb_pool;
struct tb_counters;

/* Initialise PAPI (thread and multiplex support) once; 0 or -1 + err.
 * When PAPI cannot start, perf_event_open still counts. */
int tb_counters_init(char *err, size_t errlen);
/* What the kernel lets this process count: all (user and kernel side;
 * *why says what allows it), user space only (*why names
 * kernel.perf_event_paranoid and the value needed), or nothing (*why says
 * why: paranoid, a seccomp policy, ...). */
enum tb_ctr_access { TB_CTR_NONE, TB_CTR_USER, TB_CTR_ALL };
enum tb_ctr_access tb_counters_access(const char **why);
/* "7.0.0.0", or "" before init */
const char *tb_counters_papi_version(void);
/* Whether this machine has hardware counters; *why says why not. */
bool tb_counters_hw_available(const char **why);

/* The default event set: the useful presets that count here, otherwise
 * perf software events (those the kernel counts for this user).  Returns
 * the count (0: nothing counts here); *hw tells which. */
size_t tb_counters_default(const char **names, size_t max, bool *hw);

/* Check every name (each must exist and be countable here).  On error,
 * err names the event, the reason and, when one is close, a suggestion. */
struct tb_counters *tb_counters_open(const char *const *names, size_t n, char *err,
				     size_t errlen);
void tb_counters_close(struct tb_counters *c);

size_t tb_counters_count(const struct tb_counters *c);
const char *tb_counters_name(const struct tb_counters *c, size_t i);
/* "PAPI" or "perf_event_open" for event i */
const char *tb_counters_backend(const struct tb_counters *c, size_t i);
/* One line: which backend counts which event and why, and the counting
 * domain ("counters: PAPI 7.0.0.0 counts ...; perf_event_open counts ...
 * (PAPI's perf_event component is disabled: ...); user and kernel side") */
void tb_counters_describe(const struct tb_counters *c, char *buf, size_t len);
bool tb_counters_multiplexed(const struct tb_counters *c);
/* Share of the time each event was counted (1 = always; < 1 = scaled
 * estimate from multiplexing: PAPI's estimated as counters / hardware
 * events, perf_event_open's measured, the lowest so far). */
double tb_counters_coverage(const struct tb_counters *c);
/* Hardware counters of PAPI's CPU component (0 when it is disabled). */
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
