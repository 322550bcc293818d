/*
 * counters.c - PAPI event sets around samples: checking a list of events,
 * one running event set per thread (the pool's workers each create, read
 * and destroy their own), multiplexing when there are more hardware events
 * than counters, and the measured cost of a read pair that is subtracted
 * from every sample.  Listing and name search are in counters_list.c.
 */
#define _GNU_SOURCE
#include "counters.h"

#include "../kernels/common.h"
#include "../kernels/pool.h"
#include "clock.h"

#include <papi.h>
#include <perfmon/pfmlib.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OVERHEAD_READS 31

struct tset {
	int es;
	long long begin[TB_CTR_MAX], end[TB_CTR_MAX];
	int rc;
};

enum op { OP_CREATE, OP_BEGIN, OP_END, OP_DESTROY };

struct tb_counters {
	size_t n;
	char *names[TB_CTR_MAX];
	int codes[TB_CTR_MAX];
	bool mpx;
	double coverage;
	struct tb_pool *pool;
	unsigned nthreads;
	struct tset *ts;
	enum op op;
	bool bound;
	double overhead[TB_CTR_MAX];
	double read_ns;
};

static int papi_state; /* 0 not tried, 1 ok, -1 failed */
static char papi_version[32];
static char papi_err[160];

static unsigned long thread_id(void) { return (unsigned long)pthread_self(); }

int tb_counters_init(char *err, size_t errlen)
{
	if (papi_state == 0) {
		int v = PAPI_library_init(PAPI_VER_CURRENT);
		if (v != PAPI_VER_CURRENT) {
			snprintf(papi_err, sizeof(papi_err), "PAPI could not start: %s",
				 v > 0 ? "version mismatch" : PAPI_strerror(v));
			papi_state = -1;
		} else if (PAPI_thread_init(thread_id) != PAPI_OK ||
			   PAPI_multiplex_init() != PAPI_OK) {
			snprintf(papi_err, sizeof(papi_err), "PAPI thread or multiplex support failed");
			papi_state = -1;
		} else {
			atexit(PAPI_shutdown); /* frees what PAPI holds (leak checkers) */
			snprintf(papi_version, sizeof(papi_version), "%d.%d.%d.%d",
				 PAPI_VERSION_MAJOR(v), PAPI_VERSION_MINOR(v),
				 PAPI_VERSION_REVISION(v), PAPI_VERSION_INCREMENT(v));
			papi_state = 1;
		}
	}
	if (papi_state < 0)
		return tb_err(err, errlen, "%s", papi_err);
	return 0;
}

const char *tb_counters_papi_version(void) { return papi_version; }

static int cpu_component(void)
{
	int c = PAPI_get_component_index("perf_event");
	return c < 0 ? 0 : c;
}

int tb_counters_hw_slots(void)
{
	if (tb_counters_init(NULL, 0))
		return 0;
	const PAPI_component_info_t *ci = PAPI_get_component_info(cpu_component());
	return ci && !ci->disabled ? ci->num_cntrs : 0;
}

/* Can this hardware event really be added and started here? */
static bool can_count(int code)
{
	int es = PAPI_NULL;
	bool ok = PAPI_create_eventset(&es) == PAPI_OK && PAPI_add_event(es, code) == PAPI_OK;
	long long v[1];
	if (ok)
		ok = PAPI_start(es) == PAPI_OK && PAPI_stop(es, v) == PAPI_OK;
	if (es != PAPI_NULL) {
		PAPI_cleanup_eventset(es);
		PAPI_destroy_eventset(&es);
	}
	return ok;
}

bool tb_counters_hw_available(const char **why)
{
	static int known; /* 0 unknown, 1 yes, -1 no */
	static char reason[256];
	if (!known) {
		int code;
		if (tb_counters_init(reason, sizeof(reason))) {
			known = -1;
		} else if ((PAPI_query_event(PAPI_TOT_CYC) == PAPI_OK && can_count(PAPI_TOT_CYC)) ||
			   (PAPI_event_name_to_code("perf::CYCLES", &code) == PAPI_OK && can_count(code))) {
			known = 1;
		} else {
			const PAPI_hw_info_t *hw = PAPI_get_hardware_info();
			if (hw && hw->virtualized)
				snprintf(reason, sizeof(reason),
					 "no hardware counters: this is a virtual machine (%s) without a virtual PMU",
					 hw->virtual_vendor_string[0] ? hw->virtual_vendor_string : "hypervisor");
			else
				snprintf(reason, sizeof(reason),
					 "no hardware counters: the kernel exposes no CPU PMU (check /proc/sys/kernel/perf_event_paranoid)");
			known = -1;
		}
	}
	if (why)
		*why = known > 0 ? "" : reason;
	return known > 0;
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
		for (size_t i = 0; i < 4 && n < max; i++) {
			int code;
			if (PAPI_event_name_to_code(presets[i], &code) == PAPI_OK &&
			    PAPI_query_event(code) == PAPI_OK)
				names[n++] = presets[i];
		}
	if (n == 0) {
		*hw = false;
		for (size_t i = 0; i < 4 && n < max; i++)
			names[n++] = soft[i];
	}
	return n;
}

/* perf software events never occupy a hardware counter */
static bool is_software(const char *name)
{
	static const char *const sw[] = {
		"TASK-CLOCK", "CPU-CLOCK", "PAGE-FAULTS", "FAULTS", "MINOR-FAULTS", "MAJOR-FAULTS",
		"CONTEXT-SWITCHES", "CS", "CPU-MIGRATIONS", "MIGRATIONS", "ALIGNMENT-FAULTS",
		"EMULATION-FAULTS", "CGROUP-SWITCHES", "DUMMY", "BPF-OUTPUT"};
	if (strncmp(name, "perf::", 6))
		return false;
	name += 6;
	if (!strncmp(name, "PERF_COUNT_SW_", 14))
		return true;
	size_t len = strcspn(name, ":");
	for (size_t i = 0; i < sizeof(sw) / sizeof(sw[0]); i++)
		if (strlen(sw[i]) == len && !strncmp(sw[i], name, len))
			return true;
	return false;
}

/* An event set holding every code; mpx turns on multiplexing first. */
static int make_set(const int *codes, size_t n, bool mpx, int *es, size_t *bad)
{
	int rc;
	*es = PAPI_NULL;
	*bad = n;
	if ((rc = PAPI_create_eventset(es)) != PAPI_OK)
		return rc;
	if (mpx && ((rc = PAPI_assign_eventset_component(*es, cpu_component())) != PAPI_OK ||
		    (rc = PAPI_set_multiplex(*es)) != PAPI_OK))
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = PAPI_add_event(*es, codes[i])) != PAPI_OK) {
			*bad = i;
			return rc;
		}
	return PAPI_OK;
}

static void drop_set(int *es)
{
	if (*es == PAPI_NULL)
		return;
	long long v[TB_CTR_MAX];
	PAPI_stop(*es, v);
	PAPI_cleanup_eventset(*es);
	PAPI_destroy_eventset(es);
	*es = PAPI_NULL;
}

static int why_not(const char *name, int code, int rc, char *err, size_t errlen)
{
	const char *hwwhy;
	bool hw = tb_counters_hw_available(&hwwhy);
	if (IS_PRESET(code) && PAPI_query_event(code) != PAPI_OK)
		return tb_err(err, errlen, "event '%s' is a preset that is not available on this machine (%s; see 'tbench counters --all')",
			      name, hw ? "this CPU lacks the native events it needs" : hwwhy);
	if (!hw && !is_software(name))
		return tb_err(err, errlen, "event '%s' cannot be counted here (%s; software events such as perf::TASK-CLOCK still count)",
			      name, hwwhy);
	return tb_err(err, errlen, "event '%s' cannot be counted here: %s", name, PAPI_strerror(rc));
}

struct tb_counters *tb_counters_open(const char *const *names, size_t n, char *err,
				     size_t errlen)
{
	if (tb_counters_init(err, errlen))
		return NULL;
	if (n == 0 || n > TB_CTR_MAX) {
		tb_err(err, errlen, "between 1 and %d events can be counted at once, not %zu", TB_CTR_MAX, n);
		return NULL;
	}
	struct tb_counters *c = calloc(1, sizeof(*c));
	if (!c) {
		tb_err(err, errlen, "out of memory");
		return NULL;
	}
	size_t nhw = 0;
	/* a name given twice is said first, before any name is resolved (event
	 * names are case-insensitive: perf::cs is perf::CS) */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcasecmp(names[i], names[j])) {
				tb_err(err, errlen, "event '%s' is listed twice", names[i]);
				goto fail;
			}
	for (size_t i = 0; i < n; i++) {
		c->names[i] = strdup(names[i]);
		c->n = i + 1;
		if (!c->names[i]) {
			tb_err(err, errlen, "out of memory");
			goto fail;
		}
		if (PAPI_event_name_to_code(names[i], &c->codes[i]) != PAPI_OK) {
			char sug[128];
			const char *hwwhy;
			if (pfm_find_event(names[i]) >= 0 && !tb_counters_hw_available(&hwwhy))
				tb_err(err, errlen, "event '%s' is known to libpfm4 but cannot be counted here (%s)",
				       names[i], hwwhy);
			else if (tb_counters_suggest(names[i], sug, sizeof(sug)))
				tb_err(err, errlen, "unknown event '%s' (did you mean '%s'? see 'tbench counters')",
				       names[i], sug);
			else
				tb_err(err, errlen, "unknown event '%s' (see 'tbench counters' for the events here)",
				       names[i]);
			goto fail;
		}
		for (size_t j = 0; j < i; j++) /* two spellings of one event */
			if (c->codes[j] == c->codes[i]) {
				tb_err(err, errlen, "event '%s' is listed twice (as '%s' too)", names[i],
				       names[j]);
				goto fail;
			}
		if (IS_PRESET(c->codes[i]) && PAPI_query_event(c->codes[i]) != PAPI_OK) {
			why_not(names[i], c->codes[i], PAPI_ENOEVNT, err, errlen);
			goto fail;
		}
		nhw += !is_software(names[i]);
	}
	int slots = tb_counters_hw_slots();
	/* more hardware events than counters: multiplex.  Software events
	 * take no counter, so any number of them count all the time. */
	c->mpx = (int)nhw > slots;
	for (int attempt = 0; attempt < 2; attempt++) {
		int es;
		size_t bad;
		int rc = make_set(c->codes, n, c->mpx, &es, &bad);
		if (rc == PAPI_OK)
			rc = PAPI_start(es);
		drop_set(&es);
		if (rc == PAPI_OK)
			break;
		if ((rc == PAPI_ECNFLCT || rc == PAPI_ECOUNT) && !c->mpx) {
			c->mpx = true;
			continue;
		}
		if (bad < n)
			why_not(names[bad], c->codes[bad], rc, err, errlen);
		else if (n == 1)
			why_not(names[0], c->codes[0], rc, err, errlen);
		else
			tb_err(err, errlen, "events '%s' to '%s' cannot be counted together here: %s",
			       names[0], names[n - 1], PAPI_strerror(rc));
		goto fail;
	}
	c->coverage = 1.0;
	if (c->mpx && slots > 0 && (int)nhw > slots)
		c->coverage = (double)slots / (double)nhw;
	return c;
fail:
	tb_counters_close(c);
	return NULL;
}

void tb_counters_close(struct tb_counters *c)
{
	if (!c)
		return;
	tb_counters_unbind(c);
	for (size_t i = 0; i < c->n; i++)
		free(c->names[i]);
	free(c);
}

size_t tb_counters_count(const struct tb_counters *c) { return c ? c->n : 0; }
const char *tb_counters_name(const struct tb_counters *c, size_t i) { return c->names[i]; }
bool tb_counters_multiplexed(const struct tb_counters *c) { return c->mpx; }
double tb_counters_coverage(const struct tb_counters *c) { return c->coverage; }
const double *tb_counters_overhead(const struct tb_counters *c) { return c->overhead; }
double tb_counters_read_ns(const struct tb_counters *c) { return c->read_ns; }

/* Runs on each worker (tid) with the event set that thread owns. */
static void on_thread(void *arg, unsigned tid, unsigned nthreads)
{
	(void)nthreads;
	struct tb_counters *c = arg;
	struct tset *t = &c->ts[tid];
	size_t bad;
	switch (c->op) {
	case OP_CREATE:
		if (tid)
			PAPI_register_thread();
		t->rc = make_set(c->codes, c->n, c->mpx, &t->es, &bad);
		if (t->rc == PAPI_OK)
			t->rc = PAPI_start(t->es);
		break;
	case OP_BEGIN:
		t->rc = PAPI_read(t->es, t->begin);
		break;
	case OP_END:
		t->rc = PAPI_read(t->es, t->end);
		break;
	case OP_DESTROY:
		drop_set(&t->es);
		if (tid)
			PAPI_unregister_thread();
		break;
	}
}

static int each_thread(struct tb_counters *c, enum op op)
{
	c->op = op;
	if (c->pool)
		tb_pool_run(c->pool, on_thread, c);
	else
		on_thread(c, 0, 1);
	for (unsigned t = 0; t < c->nthreads; t++)
		if (c->ts[t].rc != PAPI_OK)
			return c->ts[t].rc;
	return PAPI_OK;
}

static int hook_start(void *ctx)
{
	return each_thread(ctx, OP_BEGIN) == PAPI_OK ? 0 : -1;
}

/* raw sum over threads of end - begin, without the overhead correction */
static int read_delta(struct tb_counters *c, double *v)
{
	if (each_thread(c, OP_END) != PAPI_OK)
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		double s = 0;
		for (unsigned t = 0; t < c->nthreads; t++)
			s += (double)(c->ts[t].end[i] - c->ts[t].begin[i]);
		v[i] = s;
	}
	return 0;
}

static int hook_stop(void *ctx, double *v)
{
	struct tb_counters *c = ctx;
	if (read_delta(c, v))
		return -1;
	for (size_t i = 0; i < c->n; i++)
		v[i] -= c->overhead[i];
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* What a read pair around nothing counts, and how long it takes. */
static int measure_overhead(struct tb_counters *c)
{
	double v[OVERHEAD_READS][TB_CTR_MAX], ns[OVERHEAD_READS], col[OVERHEAD_READS];
	for (int r = 0; r < OVERHEAD_READS; r++) {
		uint64_t t0 = tb_now_ns();
		if (hook_start(c) || read_delta(c, v[r]))
			return -1;
		ns[r] = (double)(tb_now_ns() - t0);
	}
	for (size_t i = 0; i < c->n; i++) {
		for (int r = 0; r < OVERHEAD_READS; r++)
			col[r] = v[r][i];
		qsort(col, OVERHEAD_READS, sizeof(double), cmp_double);
		c->overhead[i] = col[OVERHEAD_READS / 2];
	}
	qsort(ns, OVERHEAD_READS, sizeof(double), cmp_double);
	c->read_ns = ns[OVERHEAD_READS / 2];
	return 0;
}

int tb_counters_bind(struct tb_counters *c, struct tb_pool *pool, char *err, size_t errlen)
{
	tb_counters_unbind(c);
	c->pool = pool;
	c->nthreads = tb_pool_size(pool);
	c->ts = calloc(c->nthreads, sizeof(*c->ts));
	if (!c->ts)
		return tb_err(err, errlen, "out of memory");
	for (unsigned t = 0; t < c->nthreads; t++)
		c->ts[t].es = PAPI_NULL;
	c->bound = true;
	int rc = each_thread(c, OP_CREATE);
	if (rc != PAPI_OK) {
		tb_counters_unbind(c);
		return tb_err(err, errlen, "cannot start the counters on every thread: %s", PAPI_strerror(rc));
	}
	if (measure_overhead(c)) {
		tb_counters_unbind(c);
		return tb_err(err, errlen, "cannot read the counters");
	}
	return 0;
}

void tb_counters_unbind(struct tb_counters *c)
{
	if (!c || !c->bound)
		return;
	each_thread(c, OP_DESTROY);
	free(c->ts);
	c->ts = NULL;
	c->pool = NULL;
	c->nthreads = 0;
	c->bound = false;
}

struct tb_sample_hook tb_counters_hook(struct tb_counters *c)
{
	return (struct tb_sample_hook){
		.ctx = c, .nvalues = c->n, .start = hook_start, .stop = hook_stop};
}

#ifdef __SANITIZE_ADDRESS__
/* PAPI 7.0 leaks a few strdup'ed names when a lookup fails (inside
 * PAPI_event_name_to_code); they are PAPI's, not ours: tell LeakSanitizer. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libpapi.so\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }
#endif
