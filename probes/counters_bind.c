/*
 * counters_bind.c - a checked event set bound to a case: one running PAPI
 * set and one set of perf counters on every thread of the pool (each
 * worker creates, reads and destroys its own: a counter sees only its own
 * thread), the sample hook that reads them all and sums the threads, and
 * the measured cost of a read pair, subtracted from every sample.
 */
#define _GNU_SOURCE
#include "counters_impl.h"

#include "../kernels/common.h"
#include "../kernels/pool.h"
#include "clock.h"
#include "describe.h"

#include <errno.h>
#include <math.h>
#include <papi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OVERHEAD_READS 31

static void perf_close_all(struct tb_ctr_tset *t, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (t->fd[k] >= 0) {
			close(t->fd[k]);
			t->fd[k] = -1;
		}
	t->lead = -1;
}

static int perf_read_all(const struct tb_counters *c, struct tb_ctr_tset *t, uint64_t (*v)[3])
{
	uint64_t g[TB_CTR_MAX][3];
	size_t ng = 0;
	for (size_t k = 0; k < c->nperf; k++)
		ng += !c->ev[c->perf_ev[k]].hw;
	if (t->lead >= 0 && tb_perf_read_group(t->lead, ng, g))
		return -1;
	for (size_t k = 0, j = 0; k < c->nperf; k++) {
		if (!c->ev[c->perf_ev[k]].hw)
			memcpy(v[k], g[j++], sizeof(v[k]));
		else if (tb_perf_read(t->fd[k], v[k]))
			return -1;
	}
	return 0;
}

/* Runs on each worker (tid) with the sets that thread owns. */
static void on_thread(void *arg, unsigned tid, unsigned nthreads)
{
	(void)nthreads;
	struct tb_counters *c = arg;
	struct tb_ctr_tset *t = &c->ts[tid];
	size_t bad;
	t->rc = PAPI_OK;
	t->perr = 0;
	switch (c->op) {
	case TB_OP_CREATE:
		t->perr = -tb_ctr_perf_open_set(c, t->fd, &t->lead);
		if (t->perr || !c->npapi)
			break;
		if (tid)
			PAPI_register_thread();
		t->rc = tb_papi_make_set(c->papi_codes, c->npapi, c->mpx, &t->es, &bad);
		if (t->rc == PAPI_OK)
			t->rc = PAPI_start(t->es);
		break;
	case TB_OP_BEGIN:
		if (c->npapi)
			t->rc = PAPI_read(t->es, t->pb);
		if (!t->rc && perf_read_all(c, t, t->fb))
			t->perr = EIO;
		break;
	case TB_OP_END:
		if (perf_read_all(c, t, t->fe))
			t->perr = EIO;
		if (!t->perr && c->npapi)
			t->rc = PAPI_read(t->es, t->pe);
		break;
	case TB_OP_DESTROY:
		perf_close_all(t, c->nperf);
		if (!c->npapi)
			break;
		tb_papi_drop_set(&t->es);
		if (tid)
			PAPI_unregister_thread();
		break;
	}
}

/* 0, or -1 and the first failing thread's reason in why */
static int each_thread(struct tb_counters *c, enum tb_ctr_op op, char *why, size_t len)
{
	c->op = op;
	if (c->pool)
		tb_pool_run(c->pool, on_thread, c);
	else
		on_thread(c, 0, 1);
	for (unsigned t = 0; t < c->nthreads; t++) {
		const struct tb_ctr_tset *ts = &c->ts[t];
		if (ts->rc == PAPI_OK && !ts->perr)
			continue;
		if (why)
			snprintf(why, len, "%s", ts->perr ? strerror(ts->perr) : PAPI_strerror(ts->rc));
		return -1;
	}
	return 0;
}

static int hook_start(void *ctx)
{
	return each_thread(ctx, TB_OP_BEGIN, NULL, 0);
}

/* A perf counter's count over a sample, scaled when the kernel ran it for
 * part of the sample only; NaN when it did not run at all. */
static double perf_delta(struct tb_counters *c, const uint64_t b[3], const uint64_t e[3])
{
	double v = (double)(e[0] - b[0]);
	uint64_t en = e[1] - b[1], run = e[2] - b[2];
	if (run == en)
		return v;
	c->perf_mpx = true;
	if (run == 0)
		return NAN;
	double share = (double)run / (double)en;
	if (share < c->coverage)
		c->coverage = share;
	return v / share;
}

/* raw sum over threads of end - begin, without the overhead correction */
static int read_delta(struct tb_counters *c, double *v)
{
	if (each_thread(c, TB_OP_END, NULL, 0))
		return -1;
	for (size_t i = 0; i < c->n; i++)
		v[i] = 0;
	for (unsigned t = 0; t < c->nthreads; t++) {
		const struct tb_ctr_tset *ts = &c->ts[t];
		for (size_t k = 0; k < c->npapi; k++)
			v[c->papi_ev[k]] += (double)(ts->pe[k] - ts->pb[k]);
		for (size_t k = 0; k < c->nperf; k++)
			v[c->perf_ev[k]] += perf_delta(c, ts->fb[k], ts->fe[k]);
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

/* What a read pair around nothing counts, and how long it takes (the
 * median; a counter never running during the pairs subtracts nothing). */
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
		int m = 0;
		for (int r = 0; r < OVERHEAD_READS; r++)
			if (!isnan(v[r][i]))
				col[m++] = v[r][i];
		c->overhead[i] = m ? tb_median(col, (size_t)m) : 0;
	}
	c->read_ns = tb_median(ns, OVERHEAD_READS);
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
	for (unsigned t = 0; t < c->nthreads; t++) {
		c->ts[t].es = PAPI_NULL;
		c->ts[t].lead = -1;
		for (size_t k = 0; k < TB_CTR_MAX; k++)
			c->ts[t].fd[k] = -1;
	}
	c->bound = true;
	char why[128];
	if (each_thread(c, TB_OP_CREATE, why, sizeof(why))) {
		tb_counters_unbind(c);
		return tb_err(err, errlen, "cannot start the counters on every thread: %s", why);
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
	each_thread(c, TB_OP_DESTROY, NULL, 0);
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
