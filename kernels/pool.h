/*
 * pool.h - a persistent pool of worker threads for threaded kernels.
 *
 * Threads are created once (outside any timed region) and wait between
 * calls; tb_pool_run() hands one function to every worker, the caller
 * taking part as worker 0, and returns when all are done.
 */
#ifndef TB_POOL_H
#define TB_POOL_H

#include <stdbool.h>
#include <stddef.h>

struct tb_pool;

typedef void (*tb_pool_fn)(void *arg, unsigned tid, unsigned nthreads);

/* nthreads >= 1 workers in all (the caller is one of them).  With pin,
 * worker i is bound to CPU (first_cpu + i) % ncpus. */
struct tb_pool *tb_pool_create(unsigned nthreads, bool pin, int first_cpu,
			       char *err, size_t errlen);
unsigned tb_pool_size(const struct tb_pool *p);
void tb_pool_run(struct tb_pool *p, tb_pool_fn fn, void *arg);
void tb_pool_destroy(struct tb_pool *p);

/* Split [0, n) into nthreads parts whose boundaries fall on multiples of
 * align elements (cache-line aligned work split); part tid is [*b, *e). */
void tb_split(size_t n, unsigned tid, unsigned nthreads, size_t align,
	      size_t *b, size_t *e);

#endif
