/*
 * clock.c - measure the clock: the smallest step it shows and what one read
 * costs.  Both are reported with every run.
 */
#include "clock.h"

#include "describe.h"

void tb_clock_probe(struct tb_clock_info *ci)
{
	struct timespec res;
	clock_getres(CLOCK_MONOTONIC_RAW, &res);
	ci->reported_ns = (double)res.tv_sec * 1e9 + (double)res.tv_nsec;

	/* resolution: smallest non-zero difference between successive reads */
	uint64_t best = UINT64_MAX;
	for (int i = 0; i < 2000; i++) {
		uint64_t a = tb_now_ns(), b;
		while ((b = tb_now_ns()) == a)
			;
		if (b - a < best)
			best = b - a;
	}
	ci->resolution_ns = (double)best;

	/* overhead: median over batches of 1000 back-to-back reads */
	enum { BATCHES = 31, PER = 1000 };
	double t[BATCHES];
	for (int i = 0; i < BATCHES; i++) {
		uint64_t a = tb_now_ns();
		for (int j = 0; j < PER; j++)
			(void)tb_now_ns();
		t[i] = (double)(tb_now_ns() - a);
	}
	ci->overhead_ns = tb_median(t, BATCHES) / (PER + 1);
}
