/*
 * exec_counters.c - the event set of `tbench exec --events`, the
 * cross-check of each counted run against wait4's rusage, and the
 * fingerprint keys (see exec_counters.h).  The counted run itself is in
 * exec_spawn.c.
 */
#include "exec_counters.h"

#include "../base/parse.h"
#include "../kernels/common.h"
#include "counters.h"
#include "counters_perf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static enum tb_xcheck xcheck_of(const struct perf_event_attr *a)
{
	if (!a || a->type != PERF_TYPE_SOFTWARE)
		return TB_XC_NONE;
	switch (a->config) {
	case PERF_COUNT_SW_TASK_CLOCK:
	case PERF_COUNT_SW_CPU_CLOCK: return TB_XC_CPU_TIME;
	case PERF_COUNT_SW_CONTEXT_SWITCHES: return TB_XC_SWITCHES;
	case PERF_COUNT_SW_PAGE_FAULTS: return TB_XC_FAULTS;
	case PERF_COUNT_SW_PAGE_FAULTS_MIN: return TB_XC_MINFLT;
	case PERF_COUNT_SW_PAGE_FAULTS_MAJ: return TB_XC_MAJFLT;
	default: return TB_XC_NONE;
	}
}

/* a hardware event (by its encoding) on a machine without hardware
 * counters: lacking here, not a mistake of the user's */
static bool lacking(const char *name, const char **why)
{
	struct perf_event_attr a;
	if (tb_counters_hw_available(why))
		return false;
	if (tb_perf_encode(name, true, &a, NULL, 0) && !tb_perf_preset_attr(name, true, &a))
		return false;
	return !tb_perf_is_software(&a);
}

int tb_exec_counters_open(struct tb_exec_counters *x, const char *spec, char *note,
			  size_t notelen, char *err, size_t errlen)
{
	static const char *const dflt[] = {"perf::TASK-CLOCK", "perf::CONTEXT-SWITCHES",
					   "perf::CPU-MIGRATIONS", "perf::PAGE-FAULTS",
					   "perf::CYCLES", "perf::INSTRUCTIONS"};
	const char *names[TB_CTR_MAX], *keep[TB_EXEC_CTR_MAX], *why = "";
	char buf[1024];
	size_t n = 0, nk = 0, nlack = 0;
	bool is_default = !strcmp(spec, "default");
	memset(x, 0, sizeof(*x));
	if (notelen)
		note[0] = 0;
	tb_counters_init(NULL, 0);
	if (tb_counters_access(&why) == TB_CTR_NONE) {
		snprintf(x->none_why, sizeof(x->none_why), "%s", why);
		snprintf(note, notelen, "no counters: %s; running without them", why);
		return 0;
	}
	if (is_default) {
		for (; n < sizeof(dflt) / sizeof(dflt[0]); n++)
			names[n] = dflt[n];
	} else {
		char *items[TB_CTR_MAX];
		snprintf(buf, sizeof(buf), "%s", spec);
		int k = tb_split_list(buf, items, TB_CTR_MAX);
		if (k < 0 || k > TB_EXEC_CTR_MAX)
			return tb_err(err, errlen, "invalid --events '%s': expected up to %d event names separated by commas, or 'default'",
				      spec, TB_EXEC_CTR_MAX);
		for (int i = 0; i < k; i++)
			names[n++] = items[i];
	}
	/* each alone first: a bad name is an error, a lacking one is dropped */
	for (size_t i = 0; i < n; i++) {
		char e1[512];
		struct tb_counters *one = tb_counters_open_perf(&names[i], 1, e1, sizeof(e1));
		tb_counters_close(one);
		if (one) {
			keep[nk++] = names[i];
			continue;
		}
		const char *w;
		bool lack = lacking(names[i], &w);
		if (!lack && !is_default)
			return tb_err(err, errlen, "%s", e1);
		size_t o = strlen(x->dropped);
		if (snprintf(x->dropped + o, sizeof(x->dropped) - o, "%s%s%s%s%s", o ? ", " : "",
			     names[i], lack ? "" : " (", lack ? "" : e1, lack ? "" : ")") < 0)
			x->dropped[o] = 0; /* a long list is cut, never overrun */
		if (lack)
			why = w, nlack++;
	}
	if (x->dropped[0]) {
		size_t o = strlen(x->dropped);
		if (nlack)
			snprintf(x->dropped + o, sizeof(x->dropped) - o, " (%s)", why);
		snprintf(note, notelen, "not counted here: %s; %s", x->dropped,
			 nk ? "counting the rest" : "running without counters");
	}
	if (!nk) {
		snprintf(x->none_why, sizeof(x->none_why), "%s", x->dropped);
		return 0;
	}
	if (!(x->c = tb_counters_open_perf(keep, nk, err, errlen)))
		return -1;
	x->n = nk;
	for (size_t i = 0; i < nk; i++) {
		x->attr[i] = tb_counters_perf_attr(x->c, i);
		x->xc[i] = xcheck_of(x->attr[i]);
	}
	tb_counters_describe(x->c, x->line, sizeof(x->line));
	return 0;
}

void tb_exec_counters_close(struct tb_exec_counters *x)
{
	tb_counters_close(x->c);
	x->c = NULL;
	x->n = 0;
}

void tb_exec_counters_label(const struct tb_exec_counters *x, struct tb_exec_result *res)
{
	res->nctr = x->n;
	for (size_t i = 0; i < x->n; i++)
		snprintf(res->ctr_name[i], sizeof(res->ctr_name[i]), "%s", tb_counters_name(x->c, i));
}

/*
 * The tolerances, from how each side is measured (docs/cli.md, exec):
 * - CPU time: wait4's ru_utime + ru_stime is the scheduler's runtime (the
 *   tick-sampled split scaled to sum to it, 1 us per field); task-clock is
 *   perf's clock while the task runs, which also sees interrupt and steal
 *   time (so it may be above: 0.3 ms + 10% of rusage's figure), and which
 *   starts inside the exec and, as measured on the 6.18 KVM guests, stops
 *   before the exit's teardown of the memory: below by about 0.3 ms per
 *   process plus ~15% of a fault-bound command's time.  Allowed below:
 *   0.5 ms + 35% of rusage's figure (a counter that lost a child's time,
 *   inherit broken, is far beyond it).
 * - context switches: both count every switch of every task; the counter
 *   misses each task's last one (its events are gone when it is switched
 *   out dead), which rusage has or not (racing the parent's wait4).
 *   Allowed: the counter up to 2 above, and below by 2 + half of rusage's
 *   figure (a shell that runs a child per line loses one per child).
 * - page faults: both count the faults of every task; rusage also counts
 *   those of get_user_pages (exec copying the arguments, a few pages per
 *   exec), the counter a fault retried twice.  Allowed: 8 + 5% of the
 *   larger.
 */
bool tb_exec_xcheck(enum tb_xcheck kind, double ctr, double ref, double *tol)
{
	double big = fmax(fabs(ctr), fabs(ref));
	*tol = NAN;
	if (isnan(ctr) || isnan(ref))
		return kind == TB_XC_NONE;
	switch (kind) {
	case TB_XC_NONE: return true;
	case TB_XC_CPU_TIME:
		if (ctr > ref) {
			*tol = 3e5 + 0.10 * ref;
			return ctr - ref <= *tol;
		}
		*tol = 5e5 + 0.35 * ref;
		return ref - ctr <= *tol;
	case TB_XC_SWITCHES:
		*tol = 2 + 0.5 * ref;
		return ctr - ref <= 2 && ref - ctr <= *tol;
	case TB_XC_FAULTS:
	case TB_XC_MINFLT:
	case TB_XC_MAJFLT:
		*tol = 8 + 0.05 * big;
		return fabs(ctr - ref) <= *tol;
	}
	return false;
}

double tb_exec_xcheck_ref(enum tb_xcheck kind, const struct tb_exec_run *r)
{
	switch (kind) {
	case TB_XC_CPU_TIME: return r->user_ns + r->sys_ns - r->pre_cpu_ns;
	case TB_XC_SWITCHES: return r->nvcsw + r->nivcsw - r->pre_csw;
	case TB_XC_FAULTS: return r->minflt + r->majflt - r->pre_minflt - r->pre_majflt;
	case TB_XC_MINFLT: return r->minflt - r->pre_minflt;
	case TB_XC_MAJFLT: return r->majflt - r->pre_majflt;
	case TB_XC_NONE: break;
	}
	return NAN;
}

static const char *const xc_what[] = {
	[TB_XC_CPU_TIME] = "ru_utime+ru_stime (ns)", [TB_XC_SWITCHES] = "ru_nvcsw+ru_nivcsw",
	[TB_XC_FAULTS] = "ru_minflt+ru_majflt", [TB_XC_MINFLT] = "ru_minflt",
	[TB_XC_MAJFLT] = "ru_majflt",
};

void tb_exec_counters_judge(const struct tb_exec_counters *x, const struct tb_exec_run *run,
			    struct tb_exec_result *res)
{
	res->ctr_scaled |= run->ctr_scaled;
	for (size_t i = 0; i < x->n; i++) {
		double ref = tb_exec_xcheck_ref(x->xc[i], run), tol;
		if (res->ctr_unknown[i] || tb_exec_xcheck(x->xc[i], run->ctr[i], ref, &tol))
			continue;
		res->ctr_unknown[i] = true;
		if (isnan(run->ctr[i]))
			snprintf(res->ctr_why[i], sizeof(res->ctr_why[i]),
				 "not counted in run %zu", res->n);
		else
			snprintf(res->ctr_why[i], sizeof(res->ctr_why[i]),
				 "%.0f in run %zu, but wait4's %s says %.0f (tolerance %.0f)",
				 run->ctr[i], res->n, xc_what[x->xc[i]], ref, tol);
	}
}

void tb_exec_counters_record(const struct tb_exec_counters *x, struct tb_kvlist *kv)
{
	if (!x->n) {
		tb_kv_set(kv, "counters.events", "none");
		tb_kv_set(kv, "counters.unavailable", x->none_why);
		return;
	}
	char list[1024] = "", bks[2048] = "", chk[1024] = "";
	for (size_t i = 0; i < x->n; i++) {
		const char *sep = i ? "," : "", *nm = tb_counters_name(x->c, i);
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", sep, nm);
		snprintf(bks + strlen(bks), sizeof(bks) - strlen(bks), "%s%s=perf_event_open", sep, nm);
		snprintf(chk + strlen(chk), sizeof(chk) - strlen(chk), "%s%s=%s", sep, nm,
			 x->xc[i] ? xc_what[x->xc[i]] : "none");
	}
	tb_counters_fp_keys(kv, list, bks, x->line);
	tb_kv_set(kv, "counters.scope", "each measured run, from the command's exec to its exit, "
		  "the children it forks included (inherit); warmup runs and the spawn probe not counted");
	tb_kv_set(kv, "counters.crosscheck", chk);
	if (x->dropped[0])
		tb_kv_set(kv, "counters.unavailable", x->dropped);
}
