/*
 * ops_common.c - what every op harness shares: the variant's table (or the
 * widest one this CPU runs), running work on the pool, ULP distance.
 */
#include "ops.h"

#include "../pool.h"

#include <math.h>

const struct tb_op_impl *tb_op_impl_of(const struct tb_case *c) { return c->k->impl; }

const struct tb_ops_isa *tb_ops_best(void)
{
	const char *why;
	if (tb_ops_avx512_supported(&why))
		return &tb_ops_avx512;
	if (tb_ops_avx2_supported(&why))
		return &tb_ops_avx2;
	if (tb_ops_neon_supported(&why))
		return &tb_ops_neon;
	return &tb_ops_scalar;
}

const struct tb_ops_isa *tb_op_isa_of(const struct tb_case *c)
{
	const struct tb_op_impl *im = tb_op_impl_of(c);
	return im->isa ? im->isa : tb_ops_best();
}

void tb_ops_parallel(const struct tb_case *c, void (*fn)(void *, unsigned, unsigned), void *arg)
{
	if (c->pool && c->threads > 1 && (tb_op_impl_of(c)->flags & TB_OPS_THREADED))
		tb_pool_run(c->pool, fn, arg);
	else
		fn(arg, 0, 1);
}

double tb_ulp_error(float v, double r)
{
	if (isnan(r))
		return isnan(v) ? 0 : INFINITY;
	if (isnan(v) || isinf(v) || isinf(r))
		return (double)v == r ? 0 : INFINITY;
	double a = fabs(r);
	int e;
	frexp(a, &e); /* a = f 2^e, f in [0.5, 1) */
	double ulp = a < 0x1p-126 ? 0x1p-149 : ldexp(1.0, e - 1 - 23);
	if (a >= 0x1.fffffep127) /* rounds to infinity in float */
		ulp = ldexp(1.0, 104);
	return fabs((double)v - r) / ulp;
}
