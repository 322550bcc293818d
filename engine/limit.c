/*
 * limit.c - effective clock and copy-bandwidth limit for a run (see
 * limit.h).  The copy moves as many bytes as the case counts: a kernel
 * that reads and writes B bytes per call is held against a copy of B/2.
 * The limit is the better of ordinary and non-temporal stores.
 */
#include "limit.h"

#include "../kernels/pool.h"
#include "../probes/freq.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLOCK_PROBE_NS 50e6 /* 50 ms */
#define BW_PROBE_NS 40e6    /* per kind of copy */

void tb_limits_init(struct tb_limits *l, bool pin, bool on, struct tb_kvlist *opts)
{
	memset(l, 0, sizeof(*l));
	l->pin = pin;
	l->off = !on;
	l->ghz = NAN;
	if (!on)
		return;
	struct tb_freq f;
	char what[256];
	tb_freq_measure(CLOCK_PROBE_NS, &f);
	l->ghz = f.ghz;
	tb_freq_describe(&f, what, sizeof(what));
	if (!isnan(l->ghz))
		tb_kv_setf(opts, "cpu.effective_ghz", "%.3f", l->ghz);
	tb_kv_set(opts, "cpu.effective_ghz_check", what);
}

static struct tb_limit_entry *measure(struct tb_limits *l, double bytes, unsigned threads,
				      struct tb_kvlist *opts)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->e[i].bytes == bytes && l->e[i].threads == threads)
			return &l->e[i];
	struct tb_limit_entry *ne = realloc(l->e, (l->n + 1) * sizeof(*ne));
	if (!ne)
		return NULL;
	l->e = ne;
	struct tb_limit_entry *e = &l->e[l->n++];
	memset(e, 0, sizeof(*e));
	e->bytes = bytes;
	e->threads = threads;
	char err[256] = "";
	struct tb_pool *pool = NULL;
	if (threads > 1 && !(pool = tb_pool_create(threads, l->pin, 0, err, sizeof(err)))) {
		tb_kv_setf(opts, "limit.error", "%s", err);
		return e;
	}
	size_t half = (size_t)(bytes / 2);
	if (tb_bandwidth_measure(half, pool, BW_PROBE_NS, &e->bw, err, sizeof(err)) == 0) {
		e->ok = true;
		char key[96];
		snprintf(key, sizeof(key), "limit.copy_gbps.%zuB.t%u", half, threads);
		tb_kv_setf(opts, key, "%.2f", e->bw.copy_gbps);
		if (!isnan(e->bw.nt_gbps)) {
			snprintf(key, sizeof(key), "limit.nt_copy_gbps.%zuB.t%u", half, threads);
			tb_kv_setf(opts, key, "%.2f", e->bw.nt_gbps);
		}
	} else {
		tb_kv_setf(opts, "limit.error", "%s", err);
	}
	tb_pool_destroy(pool);
	return e;
}

void tb_limits_apply(struct tb_limits *l, struct tb_result *r, struct tb_kvlist *opts)
{
	if (l->off)
		return;
	if (!isnan(l->ghz) && l->ghz > 0 && !isnan(r->items_per_s))
		r->items_per_cycle = r->items_per_s / (l->ghz * 1e9);
	if (isnan(r->gbps) || !(r->bytes >= 2 * sizeof(float)))
		return;
	/* with t threads the limit is the best copy with 1 or t threads (for
	 * small arrays t threads are slower than one: the hand-off dominates) */
	double best = 0;
	struct tb_limit_entry *e = measure(l, r->bytes, 1, opts);
	if (e && e->ok)
		best = e->bw.best_gbps;
	if (r->threads > 1 && (e = measure(l, r->bytes, r->threads, opts)) && e->ok &&
	    e->bw.best_gbps > best)
		best = e->bw.best_gbps;
	if (best > 0)
		r->limit_share = r->gbps / best;
}

void tb_limits_free(struct tb_limits *l)
{
	free(l->e);
	memset(l, 0, sizeof(*l));
}
