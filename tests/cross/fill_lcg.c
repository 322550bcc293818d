/*
 * fill_lcg.c - tb_fill_uniform for cross builds, where GSL is not
 * available for the target: a 64-bit LCG, seeded, uniform in [lo, hi).
 * The values differ from the GSL fill; verification only needs them to be
 * reproducible and spread over the range.
 */
#include "common.h"

void tb_fill_uniform(float *x, size_t n, uint64_t seed, float lo, float hi)
{
	uint64_t s = seed * 2862933555777941757ull + 3037000493ull;
	for (size_t i = 0; i < n; i++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		float u = (float)(s >> 40) / (float)(1u << 24); /* [0, 1) */
		x[i] = lo + (hi - lo) * u;
	}
}
