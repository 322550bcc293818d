/*
 * bandwidth.h - the machine's measured limit for streaming work: a
 * STREAM-style copy of a given size, timed in the same run as the kernels,
 * once with ordinary stores (through the caches, like memcpy) and once with
 * non-temporal stores (past the caches, no read-for-ownership).  A kernel's
 * GB/s divided by the better of the two is its share of the limit.
 */
#ifndef TB_BANDWIDTH_H
#define TB_BANDWIDTH_H

#include <stddef.h>

struct tb_pool;

struct tb_bandwidth {
	double copy_gbps; /* ordinary stores; bytes read + written per second / 1e9 */
	double nt_gbps;   /* non-temporal stores; NaN where the CPU has none we use */
	double best_gbps; /* the larger of the two */
};

/* Copy `bytes` bytes (read) into a second buffer (written), split over the
 * pool's threads (NULL = the calling thread), each buffer first-touched by
 * the thread that copies it.  Best of rounds lasting at least min_ns in
 * all.  0 ok; -1 with err filled (out of memory, bytes == 0). */
int tb_bandwidth_measure(size_t bytes, struct tb_pool *pool, double min_ns,
			 struct tb_bandwidth *bw, char *err, size_t errlen);

/* The copy kernels themselves (tests): n floats from x to y. */
void tb_copy_plain(float *restrict y, const float *restrict x, size_t n);
/* false when the CPU lacks the instructions (y untouched) */
int tb_copy_nt(float *restrict y, const float *restrict x, size_t n);

#endif
