/*
 * case.c - one case, start to end (case.h): supported, set up (its thread
 * pool created with the signals blocked), verify, bind the counters,
 * measure, statistics, tear down, into one result record.
 */
#define _GNU_SOURCE
#include "case.h"
#include "counters.h"

#include "../kernels/common.h"
#include "../kernels/pool.h"
#include "../probes/clock.h"
#include "../reports/stats.h"
#include "../reports/writer.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* worker threads must not take the signals: the main thread handles them */
static struct tb_pool *pool_create_masked(unsigned n, bool pin, int first_cpu, char *msg,
					   size_t len)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	struct tb_pool *p = tb_pool_create(n, pin, first_cpu, msg, len);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return p;
}

/* Threaded cases, after the samples: the calls of BALANCE_NS (at least one
 * sample's) again with the pool timing each worker's share (long enough to
 * span scheduler slices: a worker that shares its CPU waits for its turn).  The workers get equal shares, so the ratio
 * of the slowest worker's busy time to the fastest's says whether a CPU
 * was slower (a host core shared with another guest, throttling, another
 * task): a guest sees no context switch for it, but the call waits for
 * the slowest share.  NaN when a worker took no share (the kernel does not
 * use the pool: OpenBLAS's own threads). */
#define BALANCE_NS 20e6
static double worker_imbalance(struct tb_case *c, uint64_t iters, double ns_per_call)
{
	enum { MAXW = 256 };
	if (ns_per_call > 0 && (double)iters * ns_per_call < BALANCE_NS)
		iters = (uint64_t)ceil(BALANCE_NS / ns_per_call);
	double ns[MAXW];
	unsigned long runs[MAXW];
	if (!c->pool || tb_pool_size(c->pool) < 2 || tb_pool_size(c->pool) > MAXW)
		return NAN;
	tb_pool_time(c->pool, true);
	c->k->run(c, iters ? iters : 1);
	tb_pool_time(c->pool, false);
	unsigned n = tb_pool_busy(c->pool, ns, runs, MAXW);
	double lo = INFINITY, hi = 0;
	for (unsigned i = 0; i < n; i++) {
		if (!runs[i] || !(ns[i] > 0))
			return NAN;
		double t = ns[i] / (double)runs[i];
		lo = t < lo ? t : lo;
		hi = t > hi ? t : hi;
	}
	return n ? hi / lo : NAN;
}

void tb_case_set_key(struct tb_result *r, const struct tb_plan_case *pc,
		     const struct tb_session_opts *o)
{
	const struct tb_kernel *k = pc->k;
	snprintf(r->family, sizeof(r->family), "%s", k->family);
	snprintf(r->variant, sizeof(r->variant), "%s", k->variant);
	snprintf(r->mode, sizeof(r->mode), "%s", tb_mode_name(pc->mode));
	r->n = pc->size.n;
	r->rows = pc->size.rows;
	r->cols = pc->size.cols;
	r->threads = pc->threads;
	if (o->metric_insns)
		snprintf(r->metric, sizeof(r->metric), "%s", TB_METRIC_INSNS);
}

int tb_case_run(const struct tb_session_opts *o, const struct tb_plan_case *pc,
		const struct tb_runner_opts *ro, struct tb_counters *ctrs, struct tb_result *r,
		char *err, size_t errlen)
{
	const struct tb_kernel *k = pc->k;
	tb_case_set_key(r, pc, o);
	const char *why;
	if (!tb_kernel_supported(k, &why)) {
		r->status = TB_STATUS_UNSUPPORTED;
		snprintf(r->note, sizeof(r->note), "%s%s", why,
			 o->metric_insns ? " (as valgrind's virtual CPU reports it)" : "");
		return 0;
	}
	if (o->metric_insns && k->threaded && pc->threads > 1) {
		/* callgrind collects on the calling thread only: no honest figure */
		r->status = TB_STATUS_UNSUPPORTED;
		snprintf(r->note, sizeof(r->note),
			 "--metric instructions counts one thread; use --threads 1");
		return 0;
	}
	struct tb_case c = {
		.k = k, .mode = pc->mode, .n = pc->size.n, .rows = pc->size.rows,
		.cols = pc->size.cols, .threads = pc->threads, .seed = o->seed,
		.alpha = o->alpha,
	};
	if (o->work_factor != 1.0) {
		/* test aid (gate self-test): cols x F columns of work, kept under the
		 * case's key, so one side is a known amount slower: rounded up for
		 * F > 1, down for F < 1, so the work ratio is never below F (or 1/F) */
		double w = (double)c.cols * o->work_factor;
		c.cols = (size_t)(o->work_factor > 1 ? ceil(w - 1e-9) : floor(w + 1e-9));
		c.cols = c.cols ? c.cols : 1;
		c.n = c.rows * c.cols;
	}
	char msg[256] = "";
	if (k->threaded && pc->threads > 1) {
		c.pool = pool_create_masked(pc->threads, o->pin, o->pin_cpu, msg, sizeof(msg));
		if (!c.pool) {
			r->status = TB_STATUS_SETUP_FAILED;
			snprintf(r->note, sizeof(r->note), "%s", msg);
			return 0;
		}
	}
	if (k->setup && k->setup(&c, msg, sizeof(msg))) {
		r->status = TB_STATUS_SETUP_FAILED;
		snprintf(r->note, sizeof(r->note), "%s", msg);
		tb_pool_destroy(c.pool);
		return 0;
	}
	struct tb_work w = k->work ? k->work(&c) : (struct tb_work){0};
	r->bytes = w.bytes;
	r->flops = w.flops;
	r->items = w.items;
	snprintf(r->unit, sizeof(r->unit), "%s", w.item_unit ? w.item_unit : "it");

	int rc = 0;
	struct tb_runner_opts rco = *ro;
	struct tb_sample_hook hook;
	int vrc = k->verify ? k->verify(&c, msg, sizeof(msg)) : 0;
	if (vrc) {
		/* no memory to check it is not a wrong kernel: the case could not be set up */
		r->status = vrc == TB_VERIFY_NOMEM ? TB_STATUS_SETUP_FAILED : TB_STATUS_FAILED_VERIFY;
		snprintf(r->note, sizeof(r->note), "%s%s", vrc == TB_VERIFY_NOMEM ? "verification: " : "",
			 msg);
	} else if (ctrs && tb_counters_bind(ctrs, c.pool, err, errlen)) {
		rc = -1;
	} else {
		struct tb_measurement m;
		if (ctrs) {
			hook = tb_counters_hook(ctrs);
			rco.hook = &hook;
		}
		if (tb_measure(&c, &rco, &m, err, errlen)) {
			rc = -1;
		} else {
			r->status = m.partial ? TB_STATUS_PARTIAL : TB_STATUS_OK;
			if (k->describe) /* e.g. which kernel a dispatching variant ran */
				k->describe(&c, r->note, sizeof(r->note));
			r->iters = m.iters;
			if (o->metric_insns) /* the hook's value: instructions per sample */
				for (size_t s = 0; s < m.nsamples; s++)
					m.ns[s] = m.values[s * m.nvalues] / (double)m.iters;
			if (tb_result_set_samples(r, m.ns, m.nsamples))
				rc = tb_err(err, errlen, "out of memory");
			if (!o->metric_insns && m.nsamples) { /* callgrind's virtual CPU: no */
				r->disturbed = (double)tb_measurement_disturbed(&m) / (double)m.nsamples;
				r->imbalance = worker_imbalance(&c, m.iters, r->st.median);
			}
			struct tb_boot_opts bo = o->boot;
			struct tb_boot_opts def;
			tb_boot_defaults(&def);
			if (!rc && (bo.resamples != def.resamples || bo.level != def.level))
				tb_stats_compute_opts(r->samples, r->nsamples, &bo, &r->st);
			if (ro->warmup_auto) {
				char t[32];
				tb_fmt_ns(m.warmup_ns, t, sizeof(t));
				snprintf(r->note, sizeof(r->note), m.warmup_steady
					 ? "warmup auto: steady after %s (%zu samples)"
					 : "warmup auto: not steady within %s (%zu samples, the cap)",
					 t, m.warmup_samples);
			}
			if (ctrs && !rc && tb_session_counters_add(ctrs, r, &m))
				rc = tb_err(err, errlen, "out of memory");
			tb_measurement_free(&m);
		}
	}
	tb_counters_unbind(ctrs);
	if (k->teardown)
		k->teardown(&c);
	tb_pool_destroy(c.pool);
	return rc;
}
