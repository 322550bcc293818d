/*
 * fill.c - seeded random input (GSL mt19937), declared in common.h.  Kept
 * apart from common.c so a cross build without GSL can link its own fill
 * (tests/cross/fill_lcg.c).
 */
#include "common.h"

#include <gsl/gsl_rng.h>

void tb_fill_uniform(float *x, size_t n, uint64_t seed, float lo, float hi)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, (unsigned long)seed);
	for (size_t i = 0; i < n; i++)
		x[i] = lo + (hi - lo) * (float)gsl_rng_uniform(r);
	gsl_rng_free(r);
}
