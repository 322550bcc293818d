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

#endif
