/*
 * clock.h - the benchmark clock (CLOCK_MONOTONIC_RAW) and its measured
 * resolution and call overhead.
 */
#ifndef TB_CLOCK_H
#define TB_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t tb_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct tb_clock_info {
	double resolution_ns; /* smallest observed non-zero step between reads */
	double overhead_ns;   /* median cost of one tb_now_ns() call */
	double reported_ns;   /* what clock_getres() claims */
};

void tb_clock_probe(struct tb_clock_info *ci);

#endif
