/*
 * scale/scalar.c - the reference: a plain loop, compiled with vectorisation
 * disabled (see kernels/CMakeLists.txt), that every other variant must match
 * bit for bit.
 */
#include "scale.h"

void tb_scale_ref_out(float *restrict y, const float *restrict x, float a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = a * x[i];
}

void tb_scale_ref_in(float *x, float a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		x[i] *= a;
}

static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		float a, size_t n)
{
	(void)c;
	tb_scale_ref_out(y, x, a, n);
}

static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	(void)c;
	tb_scale_ref_in(x, a, n);
}

static const struct tb_scale_impl impl = {.out = out, .in = in};

const struct tb_kernel tb_k_scale_scalar = TB_SCALE_KERNEL(
	"scalar", "plain scalar loop, vectorisation disabled (the reference)",
	&impl, NULL, TB_SCALE_BOTH, false);
