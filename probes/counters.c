/*
 * counters.c - checking a list of events and giving each its backend (PAPI
 * first, perf_event_open where PAPI cannot count it, with the reason), the
 * default set, multiplexing when there are more hardware events than
 * counters, and the line that says which backend counts what.  The per-thread sets and the sample hook
 * are in counters_bind.c, listing and name search in counters_list.c, the
 * backends in counters_papi.c and counters_perf.c.
 */
#define _GNU_SOURCE
#include "counters_impl.h"

#include "../base/kv.h"
#include "../kernels/common.h"

#include <papi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static bool same_event(const struct tb_ctr_ev *a, const struct tb_ctr_ev *b)
{
	if (a->bk != b->bk)
		return false;
	if (a->bk == TB_BK_PAPI)
		return a->code == b->code;
	return a->attr.type == b->attr.type && a->attr.config == b->attr.config &&
	       a->attr.config1 == b->attr.config1 && a->attr.config2 == b->attr.config2;
}

enum tb_ctr_access tb_counters_access(const char **why)
{
	const struct tb_perf_access *ac = tb_perf_access();
	if (why)
		*why = ac->why;
	return !ac->any ? TB_CTR_NONE : ac->kernel ? TB_CTR_ALL : TB_CTR_USER;
}

void tb_counters_fp_keys(struct tb_kvlist *kv, const char *events, const char *backends,
			 const char *line)
{
	const char *why;
	enum tb_ctr_access ac = tb_counters_access(&why);
	tb_kv_set(kv, "counters.events", events);
	tb_kv_set(kv, "counters.backends", backends);
	tb_kv_set(kv, "counters.backend_line", line);
	tb_kv_setf(kv, "counters.domain", "%s (%s)",
		   ac == TB_CTR_ALL ? "user and kernel" : "user space only", why);
}

/* one event alone: can it be opened here? */
static bool countable(const char *name)
{
	struct tb_counters *c = tb_counters_open(&name, 1, NULL, 0);
	tb_counters_close(c);
	return c != NULL;
}

size_t tb_counters_default(const char **names, size_t max, bool *hw)
{
	static const char *const presets[] = {"PAPI_TOT_CYC", "PAPI_TOT_INS", "PAPI_L1_DCM",
					      "PAPI_BR_MSP"};
	static const char *const soft[] = {"perf::TASK-CLOCK", "perf::PAGE-FAULTS",
					   "perf::CONTEXT-SWITCHES", "perf::CPU-MIGRATIONS"};
	size_t n = 0;
	*hw = tb_counters_hw_available(NULL);
	if (*hw)
		for (size_t i = 0; i < 4 && n < max; i++)
			if (countable(presets[i]))
				names[n++] = presets[i];
	if (n == 0) {
		*hw = false;
		for (size_t i = 0; i < 4 && n < max; i++)
			if (countable(soft[i]))
				names[n++] = soft[i];
	}
	return n;
}

static int not_counted(const char *name, bool preset, const struct perf_event_attr *a,
		       int rc, char *err, size_t errlen)
{
	const char *hwwhy;
	bool hw = tb_counters_hw_available(&hwwhy);
	if (preset)
		return tb_err(err, errlen, "event '%s' is a preset that is not available on this machine (%s; see 'tbench counters --all')",
			      name, hw ? "this CPU lacks the native events it needs" : hwwhy);
	if (!hw && a && !tb_perf_is_software(a) && tb_counters_access(NULL) != TB_CTR_NONE)
		return tb_err(err, errlen, "event '%s' cannot be counted here (%s; software events such as perf::TASK-CLOCK still count)",
			      name, hwwhy);
	char why[400];
	if (a)
		tb_perf_why(a, rc, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "%s", PAPI_strerror(rc));
	return tb_err(err, errlen, "event '%s' cannot be counted here: %s", name, why);
}

static int unknown(const char *name, char *err, size_t errlen)
{
	char sug[128];
	if (tb_counters_suggest(name, sug, sizeof(sug)))
		return tb_err(err, errlen, "unknown event '%s' (did you mean '%s'? see 'tbench counters')",
			      name, sug);
	return tb_err(err, errlen, "unknown event '%s' (see 'tbench counters' for the events here)",
		      name);
}

/* Give event e its backend: PAPI when PAPI counts it here, else
 * perf_event_open when the kernel does; else say why not. */
static int resolve(struct tb_ctr_ev *e, bool perf_only, char *err, size_t errlen)
{
	const struct tb_perf_access *ac = tb_perf_access();
	const char *w;
	int code;
	bool papi_known = tb_papi_ready() && PAPI_event_name_to_code(e->name, &code) == PAPI_OK;
	bool preset = papi_known && IS_PRESET(code);
	bool pfm = tb_perf_encode(e->name, ac->kernel, &e->attr, NULL, 0) == 0 ||
		   (preset && tb_perf_preset_attr(e->name, ac->kernel, &e->attr));
	if (pfm && !ac->kernel && tb_perf_kernel_context_only(&e->attr))
		return tb_err(err, errlen, "event '%s' is counted in the kernel's own context only and would read 0 here: %s",
			      e->name, ac->why);
	e->hw = !(pfm && tb_perf_is_software(&e->attr));
	/* TB_COUNTERS_BACKEND=perf: everything through perf_event_open (to
	 * check one backend against the other) */
	const char *force = getenv("TB_COUNTERS_BACKEND");
	bool forced = force && !strcmp(force, "perf");
	if (!perf_only && !forced && papi_known && tb_papi_can_count(code)) {
		e->bk = TB_BK_PAPI;
		e->code = code;
		return 0;
	}
	if (perf_only)
		snprintf(e->why, sizeof(e->why), "another process: inherited, from its exec to its exit");
	else if (forced)
		snprintf(e->why, sizeof(e->why), "TB_COUNTERS_BACKEND=perf");
	else if (!tb_papi_cpu_active(&w))
		snprintf(e->why, sizeof(e->why), "%s", w);
	else if (papi_known)
		snprintf(e->why, sizeof(e->why), "PAPI cannot count it here");
	else
		snprintf(e->why, sizeof(e->why), "PAPI does not know the name");
	if (!pfm && perf_only && papi_known)
		return tb_err(err, errlen, "event '%s' can be counted by PAPI only, and a whole command is counted through perf_event_open: name a perf:: or native event (see 'tbench counters')",
			      e->name);
	if (!pfm) {
		if (preset)
			return not_counted(e->name, true, NULL, PAPI_ENOEVNT, err, errlen);
		if (!papi_known)
			return unknown(e->name, err, errlen);
		return not_counted(e->name, false, NULL, PAPI_ECNFLCT, err, errlen);
	}
	int rc = tb_perf_try(&e->attr);
	if (rc)
		return not_counted(e->name, preset, &e->attr, rc, err, errlen);
	e->bk = TB_BK_PERF;
	return 0;
}

/* The perf counters of the calling thread: the software ones in one group
 * (one read for all), each hardware one alone.  0, or -errno with every
 * fd closed again. */
int tb_ctr_perf_open_set(const struct tb_counters *c, int *fd, int *lead)
{
	*lead = -1;
	for (size_t k = 0; k < c->nperf; k++) {
		const struct tb_ctr_ev *e = &c->ev[c->perf_ev[k]];
		fd[k] = tb_perf_open(&e->attr, e->hw ? -1 : *lead);
		if (fd[k] < 0) {
			int rc = fd[k];
			for (size_t j = 0; j < k; j++) {
				close(fd[j]);
				fd[j] = -1;
			}
			*lead = -1;
			return rc;
		}
		if (!e->hw && *lead < 0)
			*lead = fd[k];
	}
	return 0;
}

/* the PAPI part as one set (multiplexed when it needs more counters than
 * there are), and every perf counter at once on this thread */
static int check_together(struct tb_counters *c, char *err, size_t errlen)
{
	size_t nhw = 0;
	for (size_t i = 0; i < c->npapi; i++)
		nhw += c->ev[c->papi_ev[i]].hw;
	int slots = tb_counters_hw_slots();
	/* Software events take no counter, so any number of them count all
	 * the time. */
	c->mpx = (int)nhw > slots;
	for (int attempt = 0; c->npapi && attempt < 2; attempt++) {
		int es;
		size_t bad;
		int rc = tb_papi_make_set(c->papi_codes, c->npapi, c->mpx, &es, &bad);
		if (rc == PAPI_OK)
			rc = PAPI_start(es);
		tb_papi_drop_set(&es);
		if (rc == PAPI_OK)
			break;
		if ((rc == PAPI_ECNFLCT || rc == PAPI_ECOUNT) && !c->mpx) {
			c->mpx = true;
			continue;
		}
		if (bad < c->npapi || c->npapi == 1)
			return not_counted(c->ev[c->papi_ev[bad < c->npapi ? bad : 0]].name, false, NULL,
					   rc, err, errlen);
		return tb_err(err, errlen, "events '%s' to '%s' cannot be counted together here: %s",
			      c->ev[c->papi_ev[0]].name, c->ev[c->papi_ev[c->npapi - 1]].name,
			      PAPI_strerror(rc));
	}
	c->coverage = 1.0;
	if (c->mpx && slots > 0 && (int)nhw > slots)
		c->coverage = (double)slots / (double)nhw;
	int fd[TB_CTR_MAX], lead;
	int rc = tb_ctr_perf_open_set(c, fd, &lead);
	if (rc < 0)
		return tb_err(err, errlen, "events '%s' to '%s' cannot be counted together here: perf_event_open: %s",
			      c->ev[c->perf_ev[0]].name, c->ev[c->perf_ev[c->nperf - 1]].name,
			      strerror(-rc));
	for (size_t k = 0; k < c->nperf; k++)
		close(fd[k]);
	return 0;
}

static struct tb_counters *open_set(const char *const *names, size_t n, bool perf_only,
				    char *err, size_t errlen)
{
	tb_counters_init(NULL, 0); /* without PAPI, perf_event_open may still count */
	if (n == 0 || n > TB_CTR_MAX) {
		tb_err(err, errlen, "between 1 and %d events can be counted at once, not %zu", TB_CTR_MAX, n);
		return NULL;
	}
	const char *why, *force = getenv("TB_COUNTERS_BACKEND");
	if (force && strcmp(force, "perf")) {
		tb_err(err, errlen, "invalid TB_COUNTERS_BACKEND '%s': expected perf (every event through perf_event_open) or unset",
		       force);
		return NULL;
	}
	if (tb_counters_access(&why) == TB_CTR_NONE) {
		tb_err(err, errlen, "no event can be counted here: %s", why);
		return NULL;
	}
	struct tb_counters *c = calloc(1, sizeof(*c));
	if (!c) {
		tb_err(err, errlen, "out of memory");
		return NULL;
	}
	/* a name given twice is said first, before any name is resolved (event
	 * names are case-insensitive: perf::cs is perf::CS) */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcasecmp(names[i], names[j])) {
				tb_err(err, errlen, "event '%s' is listed twice", names[i]);
				goto fail;
			}
	for (size_t i = 0; i < n; i++) {
		struct tb_ctr_ev *e = &c->ev[i];
		e->name = strdup(names[i]);
		c->n = i + 1;
		if (!e->name) {
			tb_err(err, errlen, "out of memory");
			goto fail;
		}
		if (resolve(e, perf_only, err, errlen))
			goto fail;
		if (e->bk == TB_BK_PAPI) {
			c->papi_codes[c->npapi] = e->code;
			c->papi_ev[c->npapi++] = i;
		} else {
			c->perf_ev[c->nperf++] = i;
		}
		for (size_t j = 0; j < i; j++) /* two spellings of one event */
			if (same_event(&c->ev[j], e)) {
				tb_err(err, errlen, "event '%s' is listed twice (as '%s' too)", names[i],
				       names[j]);
				goto fail;
			}
	}
	if (check_together(c, err, errlen))
		goto fail;
	return c;
fail:
	tb_counters_close(c);
	return NULL;
}

struct tb_counters *tb_counters_open(const char *const *names, size_t n, char *err,
				     size_t errlen)
{
	return open_set(names, n, false, err, errlen);
}

struct tb_counters *tb_counters_open_perf(const char *const *names, size_t n, char *err,
					  size_t errlen)
{
	return open_set(names, n, true, err, errlen);
}

const struct perf_event_attr *tb_counters_perf_attr(const struct tb_counters *c, size_t i)
{
	return c->ev[i].bk == TB_BK_PERF ? &c->ev[i].attr : NULL;
}

void tb_counters_close(struct tb_counters *c)
{
	if (!c)
		return;
	tb_counters_unbind(c);
	for (size_t i = 0; i < c->n; i++)
		free(c->ev[i].name);
	free(c);
}

size_t tb_counters_count(const struct tb_counters *c) { return c ? c->n : 0; }
const char *tb_counters_name(const struct tb_counters *c, size_t i) { return c->ev[i].name; }
const char *tb_counters_backend(const struct tb_counters *c, size_t i)
{
	return c->ev[i].bk == TB_BK_PAPI ? "PAPI" : "perf_event_open";
}
bool tb_counters_multiplexed(const struct tb_counters *c) { return c->mpx || c->perf_mpx; }
double tb_counters_coverage(const struct tb_counters *c) { return c->coverage; }
const double *tb_counters_overhead(const struct tb_counters *c) { return c->overhead; }
double tb_counters_read_ns(const struct tb_counters *c) { return c->read_ns; }

void tb_counters_describe(const struct tb_counters *c, char *buf, size_t len)
{
	size_t o = (size_t)snprintf(buf, len, "counters:");
	bool done[TB_CTR_MAX] = {0};
#define PUT(...) (o += o < len ? (size_t)snprintf(buf + o, len - o, __VA_ARGS__) : 0)
	if (c->npapi) {
		PUT(" PAPI %s counts", tb_counters_papi_version());
		for (size_t i = 0; i < c->npapi; i++)
			PUT("%s %s", i ? "," : "", c->ev[c->papi_ev[i]].name);
	}
	/* perf events grouped by the reason PAPI does not count them */
	for (size_t i = 0; i < c->nperf; i++) {
		const struct tb_ctr_ev *e = &c->ev[c->perf_ev[i]];
		if (done[i])
			continue;
		PUT("%s perf_event_open counts", o > 10 ? ";" : "");
		for (size_t j = i, k = 0; j < c->nperf; j++) {
			const struct tb_ctr_ev *f = &c->ev[c->perf_ev[j]];
			if (done[j] || strcmp(f->why, e->why))
				continue;
			done[j] = true;
			PUT("%s %s", k++ ? "," : "", f->name);
		}
		PUT(" (%s)", e->why);
	}
	PUT("; %s", tb_counters_access(NULL) == TB_CTR_ALL ? "user and kernel side"
							   : "user space only");
#undef PUT
}

