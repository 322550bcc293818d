/*
 * scale/autovec.c - the reference loop left to the compiler: -O3 for this
 * file (kernels/CMakeLists.txt) and one clone per ISA level
 * (target_clones), picked at load time by the CPU's features.  It shows
 * what the compiler does alone.
 */
#include "scale.h"

#if defined(__x86_64__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

CLONES static void out_loop(float *restrict y, const float *restrict x, float a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = a * x[i];
}

CLONES static void in_loop(float *restrict x, float a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		x[i] *= a;
}

static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		float a, size_t n)
{
	(void)c;
	out_loop(y, x, a, n);
}

static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	(void)c;
	in_loop(x, a, n);
}

static const struct tb_scale_impl impl = {.out = out, .in = in};

const struct tb_kernel tb_k_scale_autovec = TB_SCALE_KERNEL(
	"autovec", "the plain loop at -O3, compiler-vectorised, one clone per ISA level",
	&impl, NULL, TB_SCALE_BOTH, false);
