/*
 * counters.h - `tbench run --events`: the counter set of a session (checked
 * before anything runs), the one line saying which backend counts which
 * event, the counters per call of each result, and the counters.* keys of
 * the fingerprint.  Where the kernel lets this process count nothing, the
 * run says so once and carries on without counters.
 */
#ifndef TB_ENGINE_COUNTERS_H
#define TB_ENGINE_COUNTERS_H

#include "../probes/counters.h"
#include "../base/kv.h"
#include "../probes/runner.h"
#include "../reports/results.h"

#include <stdbool.h>
#include <stddef.h>

struct tb_session_counters {
	struct tb_counters *c; /* NULL: no counters (none asked, or none allowed) */
	char none_why[400];    /* asked for but nothing counts here: why */
	char line[1024];       /* which backend counts which event */
};

/* Open --events SPEC ("default" or a comma list).  0: rc->c is the set, or
 * NULL with rc->none_why when the kernel allows no counting here; note is
 * the one line to say ("" when none); -1 with err when an event is unknown
 * or cannot be counted (a usage error). */
int tb_session_counters_open(struct tb_session_counters *rc, const char *spec, char *note,
			     size_t notelen, char *err, size_t errlen);
void tb_session_counters_close(struct tb_session_counters *rc);
/* Counters per call into r; a multiplexed set says so in the note. */
int tb_session_counters_add(const struct tb_counters *c, struct tb_result *r,
			const struct tb_measurement *m);
/* counters.* keys (counters.events, .backends, .domain, .multiplexed, ...) */
void tb_session_counters_record(const struct tb_session_counters *rc, struct tb_kvlist *kv);

#endif
