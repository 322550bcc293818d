/*
 * session.h - the case loop of a run in this process (session.c): opens
 * what measuring needs (counters, perf's control fifos, turns, callgrind's
 * hook), records the fingerprint and options, measures each case of the
 * plan (case.h) with its share of the machine's limit (limit.h), and
 * reports through callbacks; it never prints.  What is around it (outputs,
 * baselines, history: run_session.c in cmd/; rounds of fresh processes:
 * cmd/run_rounds.c) takes the result set it fills.
 */
#ifndef TB_ENGINE_SESSION_H
#define TB_ENGINE_SESSION_H

#include "counters.h"
#include "opts.h"
#include "plan.h"

#include "../probes/clock.h"
#include "../probes/perfctl.h"
#include "../reports/results.h"

#include <stddef.h>

/* what the session knows before its first case (for a header line) */
struct tb_session_info {
	struct tb_clock_info clock;
	double ghz;                        /* effective clock; NaN: not measured */
	bool limits_off;                   /* no clock or copy limit measured (callgrind) */
	const char *ghz_check;             /* why ghz is NaN (when limits are on) */
	const char *counters_line;         /* which backend counts what; NULL: no counters */
	const struct tb_runner_opts *runner; /* in effect (min sample time raised to the clock's) */
};

/* The session's callbacks; any may be NULL.  note and warning get one
 * line with its kind ("note: ...", "warning: ..."): a note is for the
 * user's information (quiet runs drop it), a warning is always said. */
struct tb_session_cb {
	void *ctx;
	void (*begin)(void *ctx, const struct tb_plan *p, const struct tb_session_info *in);
	void (*case_started)(void *ctx, size_t i, const struct tb_plan_case *pc);
	void (*case_done)(void *ctx, size_t i, const struct tb_result *r);
	void (*note)(void *ctx, const char *msg);
	void (*warning)(void *ctx, const char *msg);
	/* the runner's phases within a case */
	void (*progress)(void *ctx, enum tb_phase ph, size_t done, size_t total);
	void *progress_ctx;
};

struct tb_session {
	const struct tb_session_opts *o;
	struct tb_session_counters ctr;
	struct tb_perfctl pctl;
};

enum {
	TB_SESSION_OK = 0,
	TB_SESSION_FAILED = 1, /* a case failed verification */
	TB_SESSION_ERROR = -1, /* an error ended the run (err); rs holds what was measured */
	TB_SESSION_USAGE = -2, /* nothing measured: an input cannot be used (err) */
};

/* The counters (--events) and perf's control fifos (TBENCH_PERF_CONTROL):
 * 0, or TB_SESSION_USAGE with err.  A note on the counters goes to cb. */
int tb_session_open(struct tb_session *s, const struct tb_session_opts *o,
		    const struct tb_session_cb *cb, char *err, size_t errlen);
/* Measure plan into rs (empty): one TB_SESSION_* value.  After a stop
 * request (tb_stop_requested) the cases not run are listed as partial. */
int tb_session_measure(struct tb_session *s, const struct tb_plan *plan,
		       const struct tb_session_cb *cb, struct tb_resultset *rs, char *err,
		       size_t errlen);
void tb_session_close(struct tb_session *s);

/* what a run records of how it was made (record.c): options, the pinning
 * plan (pins the calling thread; a warning when it cannot), size tiers */
void tb_session_record_options(const struct tb_session_opts *o, struct tb_kvlist *kv,
			       const struct tb_clock_info *ci);
int tb_session_pin(const struct tb_session_opts *o, struct tb_kvlist *kv, char *warn,
		   size_t len);
void tb_session_record_tiers(const struct tb_plan *p, struct tb_kvlist *options,
			     struct tb_kvlist *fingerprint);
/* plugin.NAME.path and plugin.NAME.build_id, for the options and the
 * fingerprint (plugins.c) */
void tb_plugins_record(struct tb_kvlist *kv);
/* 1 with note filled when the plan has a case that calls OpenBLAS and its
 * core is older than the CPU, or differs from blas_core (--blas-core; NULL:
 * none asked); else 0 */
int tb_session_blas_note(const struct tb_plan *plan, const char *blas_core, char *note,
			 size_t len);

#endif
