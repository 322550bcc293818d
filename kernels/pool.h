/*
 * pool.h - a persistent pool of worker threads for threaded kernels.
 *
 * Threads are created once (outside any timed region) and wait between
 * calls; tb_pool_run() hands one function to every worker, the caller
 * taking part as worker 0, and returns when all are done.
 */
#ifndef TB_POOL_H
#define TB_POOL_H

#include "../include/tbench/kernel.h" /* tb_pool_fn, tb_pool_run, tb_split, tb_pool_size */

#include <stdbool.h>
#include <stddef.h>

/* nthreads >= 1 workers in all (the caller is one of them).  With pin,
 * worker i is bound to CPU (first_cpu + i) % ncpus. */
struct tb_pool *tb_pool_create(unsigned nthreads, bool pin, int first_cpu,
			       char *err, size_t errlen);
void tb_pool_destroy(struct tb_pool *p);

/* Per-worker busy time (how long each worker spends in the function of a
 * tb_pool_run, its own share only; the caller is worker 0): on clears the
 * counts and starts them, off stops them (set between runs, never during
 * one).  Off costs one relaxed load per run and worker. */
void tb_pool_time(struct tb_pool *p, bool on);
/* worker i's busy ns and runs counted since tb_pool_time(p, true), for i <
 * n and the pool's size; returns how many were filled */
unsigned tb_pool_busy(const struct tb_pool *p, double *ns, unsigned long *runs, unsigned n);

#endif
