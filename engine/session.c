/*
 * session.c - the case loop of a run in this process (session.h): what
 * measuring needs is opened first (counters, perf's control fifos, turns,
 * callgrind's hook), the fingerprint and options recorded, then every case
 * of the plan runs (case.c), gets its share of the machine's limit
 * (limit.c) and is reported through the callbacks.
 */
#define _GNU_SOURCE
#include "session.h"
#include "case.h"
#include "limit.h"

#include <limits.h>

#include "../probes/callgrind.h"
#include "../probes/machine.h"
#include "../probes/sysinfo.h"
#include "../probes/turns.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void say(void (*fn)(void *, const char *), void *ctx, const char *msg)
{
	if (fn && msg[0])
		fn(ctx, msg);
}

int tb_session_open(struct tb_session *s, const struct tb_session_opts *o,
		    const struct tb_session_cb *cb, char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	s->o = o;
	s->pctl = (struct tb_perfctl){.ctl = -1, .ack = -1};
	if (o->events) {
		char note[512], line[520];
		if (o->metric_insns)
			return tb_err(err, errlen, "--events cannot be combined with --metric instructions (callgrind counts by itself)"),
			       TB_SESSION_USAGE;
		if (tb_session_counters_open(&s->ctr, o->events, note, sizeof(note), err, errlen))
			return TB_SESSION_USAGE;
		snprintf(line, sizeof(line), "note: %s", note);
		if (note[0])
			say(cb->note, cb->ctx, line);
	}
	/* perf's control fifos: told when the measured samples start and end */
	const char *pspec = getenv(TB_PERFCTL_ENV);
	if (pspec && *pspec && tb_perfctl_open(&s->pctl, pspec, err, errlen)) {
		tb_session_close(s);
		return TB_SESSION_USAGE;
	}
	return 0;
}

void tb_session_close(struct tb_session *s)
{
	tb_session_counters_close(&s->ctr);
	tb_perfctl_close(&s->pctl);
}

/* the fingerprint and options of rs before the first case */
static void record(struct tb_session *s, const struct tb_plan *plan,
		   const struct tb_session_cb *cb, const struct tb_clock_info *ci,
		   struct tb_resultset *rs)
{
	const struct tb_session_opts *o = s->o;
	snprintf(rs->name, sizeof(rs->name), "%s", o->name ? o->name : "");
	tb_fingerprint(&rs->fingerprint);
	tb_fingerprint_clock(&rs->fingerprint, ci);
	tb_plugins_record(&rs->fingerprint); /* a baseline knows which plugin it measured */
	char noise[1024];
	if (tb_noise_warnings(&rs->fingerprint, o->verbose, noise, sizeof(noise))) {
		tb_kv_set(&rs->fingerprint, "noise", noise);
		char w[1100];
		snprintf(w, sizeof(w), "warning: timings may be noisy: %s", noise);
		say(cb->note, cb->ctx, w);
	} else {
		tb_kv_set(&rs->fingerprint, "noise", "none seen");
	}
	tb_session_record_options(o, &rs->options, ci);
	char warn[256], w[300];
	if (tb_session_pin(o, &rs->fingerprint, warn, sizeof(warn))) {
		snprintf(w, sizeof(w), "warning: %s", warn);
		say(cb->warning, cb->ctx, w);
	}
	tb_session_record_tiers(plan, &rs->options, &rs->fingerprint);
}

/* the cases from i on, not run: listed, so every output shows the run is
 * partial, even if no case was cut short */
static void list_not_run(const struct tb_session_opts *o, const struct tb_plan *plan, size_t i,
			 struct tb_resultset *rs)
{
	tb_kv_set(&rs->options, "partial", "yes");
	for (; i < plan->n; i++) {
		struct tb_result *r = tb_resultset_add(rs);
		if (!r)
			break;
		tb_case_set_key(r, &plan->c[i], o);
		r->status = TB_STATUS_PARTIAL;
		snprintf(r->note, sizeof(r->note), "not run: interrupted");
	}
}

int tb_session_measure(struct tb_session *s, const struct tb_plan *plan,
		       const struct tb_session_cb *cb, struct tb_resultset *rs, char *err,
		       size_t errlen)
{
	const struct tb_session_opts *o = s->o;
	struct tb_counters *ctrs = s->ctr.c;
	struct tb_turns turns = {.in = -1, .out = -1};
	struct tb_limits lim = {0};
	struct tb_callgrind_hook cgh;
	int rc = TB_SESSION_OK;
	if (o->turns && tb_turns_open(&turns, o->turns, err, errlen))
		return TB_SESSION_USAGE;

	struct tb_session_info in = {.ghz = NAN};
	tb_clock_probe(&in.clock);
	struct tb_runner_opts ro = o->runner;
	if (o->turns) {
		ro.turn_wait = tb_turns_wait;
		ro.turn_pass = tb_turns_pass;
		ro.turn_ctx = &turns;
	}
	if (ro.min_sample_ns < 1000 * in.clock.resolution_ns)
		ro.min_sample_ns = 1000 * in.clock.resolution_ns;
	record(s, plan, cb, &in.clock, rs);

	/* measured context (clock, copy limit); meaningless when counting
	 * instructions under callgrind */
	tb_limits_init(&lim, o->pin, !o->metric_insns, &rs->options);
	if (o->metric_insns) {
		if (tb_callgrind_hook_init(&cgh, err, errlen)) {
			rc = TB_SESSION_USAGE;
			goto out;
		}
		ro.hook = &cgh.hook;
	}
	if (s->pctl.ctl >= 0) {
		ro.phase = tb_perfctl_phase;
		ro.phase_ctx = &s->pctl;
		tb_kv_set(&rs->options, "perf_control", getenv(TB_PERFCTL_ENV));
	}
	ro.progress = cb->progress;
	ro.progress_ctx = cb->progress_ctx;
	in.ghz = lim.ghz;
	in.limits_off = lim.off;
	in.ghz_check = tb_kv_get(&rs->options, "cpu.effective_ghz_check");
	in.counters_line = ctrs ? s->ctr.line : NULL;
	in.runner = &ro;
	if (cb->begin)
		cb->begin(cb->ctx, plan, &in);

	size_t i;
	for (i = 0; i < plan->n && !tb_stop_requested; i++) {
		struct tb_result *r = tb_resultset_add(rs);
		if (!r) {
			rc = tb_err(err, errlen, "out of memory");
			break;
		}
		const struct tb_plan_case *pc = &plan->c[i];
		if (cb->case_started)
			cb->case_started(cb->ctx, i, pc);
		char e[512] = "";
		if (tb_case_run(o, pc, &ro, ctrs, r, e, sizeof(e))) {
			snprintf(err, errlen, "%s/%s: %s%s%s", pc->k->family, pc->k->variant, e,
				 o->metric_insns && cgh.err[0] ? ": " : "",
				 o->metric_insns ? cgh.err : "");
			rc = TB_SESSION_ERROR;
			break;
		}
		if (r->status == TB_STATUS_FAILED_VERIFY)
			rc = TB_SESSION_FAILED;
		tb_limits_apply(&lim, r, &rs->options);
		if (cb->case_done)
			cb->case_done(cb->ctx, i, r);
	}
	if (o->turns)
		tb_kv_setf(&rs->options, "turns", "place %d, %zu turns%s", turns.place, turns.waits,
			   turns.ended ? ", then alone (the peer went silent)" : "");
	if (tb_stop_requested)
		list_not_run(o, plan, i, rs);
	tb_session_counters_record(&s->ctr, &rs->fingerprint);
out:
	tb_limits_free(&lim);
	tb_turns_close(&turns);
	return rc;
}
