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

#include "counters_list.h" /* listing, suggestions */
#include "counters_papi.h" /* init, PAPI version, hardware counters */
#include "runner.h"

#include <stdbool.h>
#include <stddef.h>

struct tb_pool;
struct tb_counters;

/* What the kernel lets this process count: all (user and kernel side;
 * *why says what allows it), user space only (*why names
 * kernel.perf_event_paranoid and the value needed), or nothing (*why says
 * why: paranoid, a seccomp policy, ...). */
enum tb_ctr_access { TB_CTR_NONE, TB_CTR_USER, TB_CTR_ALL };
enum tb_ctr_access tb_counters_access(const char **why);

struct tb_kvlist;
/* The fingerprint keys of every counted run (run --events, exec --events):
 * counters.events, .backends ("name=backend,..."), .backend_line (what was
 * said) and .domain (what the kernel lets us count, and why). */
void tb_counters_fp_keys(struct tb_kvlist *kv, const char *events, const char *backends,
			 const char *line);

/* The default event set: the useful presets that count here, otherwise
 * perf software events (those the kernel counts for this user).  Returns
 * the count (0: nothing counts here); *hw tells which. */
size_t tb_counters_default(const char **names, size_t max, bool *hw);

/* Check every name (each must exist and be countable here).  On error,
 * err names the event, the reason and, when one is close, a suggestion. */
struct tb_counters *tb_counters_open(const char *const *names, size_t n, char *err,
				     size_t errlen);
void tb_counters_close(struct tb_counters *c);
/* The same, every event through perf_event_open (to count another
 * process: probes/exec_counters.h); an event only PAPI knows is refused. */
struct tb_counters *tb_counters_open_perf(const char *const *names, size_t n, char *err,
					  size_t errlen);
/* event i's perf_event_open attributes (NULL when PAPI counts it) */
struct perf_event_attr;
const struct perf_event_attr *tb_counters_perf_attr(const struct tb_counters *c, size_t i);

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

#endif
