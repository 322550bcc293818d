/*
 * freq.c - effective clock from a dependent-add chain (see freq.h).
 */
#include "freq.h"

#include "clock.h"

#include <math.h>
#include <stdint.h>

#define CHAIN 64 /* dependent adds per loop trip: loop overhead runs beside them */

/* The empty asm makes every add depend on the previous one and keeps the
 * compiler from folding the chain into one multiply. */
#define ADD1 x += 1; __asm__ volatile("" : "+r"(x));
#define ADD8 ADD1 ADD1 ADD1 ADD1 ADD1 ADD1 ADD1 ADD1

static __attribute__((noinline)) uint64_t chain(uint64_t trips)
{
	uint64_t x = 0;
	for (uint64_t i = 0; i < trips; i++) {
		ADD8 ADD8 ADD8 ADD8 ADD8 ADD8 ADD8 ADD8
	}
	return x;
}

double tb_effective_ghz(double min_ns)
{
	if (min_ns < 1e6)
		min_ns = 1e6;
	const int rounds = 10;
	double round_ns = min_ns / rounds, best = NAN;
	uint64_t trips = 1024;
	/* calibrate: a round lasts about round_ns */
	for (;;) {
		uint64_t t0 = tb_now_ns();
		uint64_t x = chain(trips);
		uint64_t dt = tb_now_ns() - t0;
		if (x != trips * CHAIN)
			return NAN;
		if ((double)dt >= round_ns / 2 || trips > (1ull << 40))
			break;
		trips *= 2;
	}
	for (int r = 0; r < rounds; r++) {
		uint64_t t0 = tb_now_ns();
		uint64_t x = chain(trips);
		uint64_t dt = tb_now_ns() - t0;
		if (x != trips * CHAIN || dt == 0)
			continue;
		double ghz = (double)(trips * CHAIN) / (double)dt;
		if (isnan(best) || ghz > best)
			best = ghz;
	}
	return best;
}
