/*
 * scale/sse.c - the shape of OpenBLAS's generic x86-64 sscal (scal_sse.S,
 * the kernel OpenBLAS 0.3.21 runs on CPUs it does not know, e.g. the newer
 * Xeons): scalar head until y is 16-byte aligned, then 8 SSE vectors (two
 * cache lines) per trip, software-pipelined: each vector of the next trip
 * is loaded right after the store of this trip's one, so the loads run two
 * lines ahead of the stores; no prefetch.  Baseline x86-64: runs anywhere.
 */
#include "scale.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>

#define V 8 /* vectors per trip */

static void sse_scale(float *y, const float *x, float a, size_t n)
{
	size_t i = 0;
	for (; i < n && ((uintptr_t)(y + i) & 15); i++)
		y[i] = a * x[i];
	const __m128 va = _mm_set1_ps(a);
	if (i + 4 * V <= n) {
		__m128 v[V];
		for (int k = 0; k < V; k++)
			v[k] = _mm_loadu_ps(x + i + 4 * k);
		for (; i + 8 * V <= n; i += 4 * V)
			for (int k = 0; k < V; k++) {
				_mm_store_ps(y + i + 4 * k, _mm_mul_ps(va, v[k]));
				v[k] = _mm_loadu_ps(x + i + 4 * V + 4 * k);
			}
		for (int k = 0; k < V; k++)
			_mm_store_ps(y + i + 4 * k, _mm_mul_ps(va, v[k]));
		i += 4 * V;
	}
	for (; i + 4 <= n; i += 4)
		_mm_store_ps(y + i, _mm_mul_ps(va, _mm_loadu_ps(x + i)));
	for (; i < n; i++)
		y[i] = a * x[i];
}

static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		float a, size_t n)
{
	(void)c;
	sse_scale(y, x, a, n);
}

static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	(void)c;
	sse_scale(x, x, a, n);
}

static const struct tb_scale_impl impl = {.out = out, .in = in};
#define SUPPORTED NULL
#else
static bool supported(const char **why)
{
	*why = "SSE is x86-64 only";
	return false;
}
static const struct tb_scale_impl impl = {0};
#define SUPPORTED supported
#endif

const struct tb_kernel tb_k_scale_sse = TB_SCALE_KERNEL(
	"sse", "SSE, 8 x 4 floats per trip, loads two lines ahead of stores (OpenBLAS's generic shape)",
	&impl, SUPPORTED, TB_SCALE_BOTH, false);
