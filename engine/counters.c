/*
 * counters.c - the counters of a session (see counters.h).
 */
#include "counters.h"

#include "../base/parse.h"

#include "../kernels/common.h"
#include "../reports/ctr_metrics.h"

#include <stdio.h>
#include <string.h>

int tb_session_counters_open(struct tb_session_counters *rc, const char *spec, char *note,
			     size_t notelen, char *err, size_t errlen)
{
	const char *names[TB_CTR_MAX];
	char buf[1024];
	size_t n;
	bool hw;
	const char *why = "";
	memset(rc, 0, sizeof(*rc));
	if (notelen)
		note[0] = 0;
	tb_counters_init(NULL, 0); /* without PAPI, perf_event_open may still count */
	bool none = tb_counters_access(&why) == TB_CTR_NONE;
	if (none) {
		n = 0;
	} else if (!strcmp(spec, "default")) {
		n = tb_counters_default(names, TB_CTR_MAX, &hw);
	} else {
		char *items[TB_CTR_MAX];
		snprintf(buf, sizeof(buf), "%s", spec);
		int k = tb_split_list(buf, items, TB_CTR_MAX);
		if (k < 0)
			return tb_err(err, errlen, "invalid --events '%s': expected up to %d event names separated by commas, or 'default'",
				      spec, TB_CTR_MAX);
		for (int i = 0; i < k; i++)
			names[i] = items[i];
		n = (size_t)k;
	}
	/* the kernel refuses every event to this process: say so and carry
	 * on without counters (no column, never a made-up zero) */
	if (none || n == 0) {
		snprintf(rc->none_why, sizeof(rc->none_why), "%s",
			 none ? why : "no event of the default set counts here");
		snprintf(note, notelen, "no counters: %s; running without them", rc->none_why);
		return 0;
	}
	if (!(rc->c = tb_counters_open(names, n, err, errlen)))
		return -1;
	if (!tb_counters_hw_available(&why))
		snprintf(note, notelen, "%s; counting software events only", why);
	tb_counters_describe(rc->c, rc->line, sizeof(rc->line));
	return 0;
}

void tb_session_counters_close(struct tb_session_counters *rc)
{
	tb_counters_close(rc->c);
	rc->c = NULL;
}

int tb_session_counters_add(const struct tb_counters *c, struct tb_result *r,
			const struct tb_measurement *m)
{
	const char *names[TB_CTR_MAX];
	size_t n = tb_counters_count(c);
	for (size_t i = 0; i < n; i++)
		names[i] = tb_counters_name(c, i);
	if (tb_result_add_counters(r, names, n, m->values, m->nsamples, m->iters))
		return -1;
	if (tb_counters_multiplexed(c)) {
		double cov = tb_counters_coverage(c);
		if (tb_result_add_metric(r, "mpx_coverage", cov, cov))
			return -1;
		int slots = tb_counters_hw_slots();
		if (!r->note[0] && slots > 0)
			snprintf(r->note, sizeof(r->note),
				 "counters multiplexed: %zu events on %d counters, counts scaled (coverage about %.0f%%)",
				 n, slots, 100 * cov);
		else if (!r->note[0])
			snprintf(r->note, sizeof(r->note),
				 "counters multiplexed by the kernel, counts scaled (coverage at least %.0f%%)",
				 100 * cov);
	}
	return 0;
}

void tb_session_counters_record(const struct tb_session_counters *rc, struct tb_kvlist *kv)
{
	const struct tb_counters *c = rc->c;
	if (!c) {
		if (rc->none_why[0]) {
			tb_kv_set(kv, "counters.events", "none");
			tb_kv_set(kv, "counters.unavailable", rc->none_why);
		}
		return;
	}
	char list[1024] = "", ovs[1024] = "", bks[2048] = "";
	const double *ov = tb_counters_overhead(c);
	for (size_t i = 0; i < tb_counters_count(c); i++) {
		const char *sep = i ? "," : "";
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", sep,
			 tb_counters_name(c, i));
		snprintf(ovs + strlen(ovs), sizeof(ovs) - strlen(ovs), "%s%.6g", sep, ov[i]);
		snprintf(bks + strlen(bks), sizeof(bks) - strlen(bks), "%s%s=%s", sep,
			 tb_counters_name(c, i), tb_counters_backend(c, i));
	}
	tb_counters_fp_keys(kv, list, bks, rc->line);
	tb_kv_setf(kv, "counters.multiplexed", "%s", tb_counters_multiplexed(c) ? "yes" : "no");
	tb_kv_setf(kv, "counters.coverage", "%.3f", tb_counters_coverage(c));
	tb_kv_set(kv, "counters.read_overhead", ovs);
	tb_kv_setf(kv, "counters.read_ns", "%.0f", tb_counters_read_ns(c));
}
