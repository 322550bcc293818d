/*
 * ops_common.c - what every op harness shares: the ops.def rows as data,
 * the variant's table (or the widest one this CPU runs), running work on
 * the pool, ULP distance.
 */
#include "ops.h"

#include "../pool.h"

#include <math.h>
#include <string.h>

#define BOUND_UNIT_BIN "ulp"
#define BOUND_UNIT_ACT "ulp"
#define BOUND_UNIT_RED "2^-24 sum|x|"
#define BOUND_UNIT_CREATE "ulp"
#define GROUP_BIN "bin"
#define GROUP_RED "red"
#define GROUP_ACT "act"
#define GROUP_CREATE "create"

const struct tb_op_info tb_op_info[TB_OP_N] = {
#define TB_OP(GROUP, ID, name, kind, ref, flops, bound, modes, variants, summary)          \
	[TB_##ID] = {#name, GROUP_##GROUP, TB_OPK_##kind, #ref, flops, bound,              \
		     BOUND_UNIT_##GROUP, modes},
#include "ops.def"
};

const char *const tb_op_kind_name[TB_OPK_N] = {
	[TB_OPK_TENSOR] = "tensor", [TB_OPK_SCALAR] = "scalar", [TB_OPK_ALL] = "all",
	[TB_OPK_ROWS] = "rows",     [TB_OPK_COLS] = "cols",     [TB_OPK_MAP] = "map",
	[TB_OPK_FILL] = "fill",     [TB_OPK_COPY] = "copy",     [TB_OPK_RAND] = "rand",
};

const struct tb_op_info *tb_op_info_find(const char *family)
{
	for (size_t i = 0; i < TB_OP_N; i++)
		if (!strcmp(tb_op_info[i].name, family))
			return &tb_op_info[i];
	return NULL;
}

const struct tb_op_impl *tb_op_impl_of(const struct tb_case *c) { return c->k->impl; }

const struct tb_op_info *tb_op_info_of(const struct tb_case *c)
{
	return &tb_op_info[tb_op_impl_of(c)->op];
}

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
