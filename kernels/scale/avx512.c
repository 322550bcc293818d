/*
 * scale/avx512.c - AVX-512F intrinsics, 4 vectors (64 floats) per trip,
 * then one vector per trip, then one masked load/store for the last 0-15
 * elements (masked-off lanes are never accessed, so no overrun).
 */
#include "scale.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define TGT __attribute__((target("avx512f")))

TGT static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		    float a, size_t n)
{
	(void)c;
	const __m512 va = _mm512_set1_ps(a);
	size_t i = 0;
	for (; i + 64 <= n; i += 64) {
		__m512 p = _mm512_mul_ps(va, _mm512_loadu_ps(x + i));
		__m512 q = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 16));
		__m512 r = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 32));
		__m512 s = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 48));
		_mm512_storeu_ps(y + i, p);
		_mm512_storeu_ps(y + i + 16, q);
		_mm512_storeu_ps(y + i + 32, r);
		_mm512_storeu_ps(y + i + 48, s);
	}
	for (; i + 16 <= n; i += 16)
		_mm512_storeu_ps(y + i, _mm512_mul_ps(va, _mm512_loadu_ps(x + i)));
	if (i < n) {
		__mmask16 m = (__mmask16)((1u << (n - i)) - 1);
		_mm512_mask_storeu_ps(y + i, m, _mm512_mul_ps(va, _mm512_maskz_loadu_ps(m, x + i)));
	}
}

TGT static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	(void)c;
	const __m512 va = _mm512_set1_ps(a);
	size_t i = 0;
	for (; i + 64 <= n; i += 64) {
		__m512 p = _mm512_mul_ps(va, _mm512_loadu_ps(x + i));
		__m512 q = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 16));
		__m512 r = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 32));
		__m512 s = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 48));
		_mm512_storeu_ps(x + i, p);
		_mm512_storeu_ps(x + i + 16, q);
		_mm512_storeu_ps(x + i + 32, r);
		_mm512_storeu_ps(x + i + 48, s);
	}
	for (; i + 16 <= n; i += 16)
		_mm512_storeu_ps(x + i, _mm512_mul_ps(va, _mm512_loadu_ps(x + i)));
	if (i < n) {
		__mmask16 m = (__mmask16)((1u << (n - i)) - 1);
		_mm512_mask_storeu_ps(x + i, m, _mm512_mul_ps(va, _mm512_maskz_loadu_ps(m, x + i)));
	}
}

static bool supported(const char **why)
{
	if (__builtin_cpu_supports("avx512f"))
		return true;
	*why = "this CPU has no AVX-512F";
	return false;
}

static const struct tb_scale_impl impl = {.out = out, .in = in};
#else
static bool supported(const char **why)
{
	*why = "AVX-512 is x86-64 only";
	return false;
}
static const struct tb_scale_impl impl = {0};
#endif

const struct tb_kernel tb_k_scale_avx512 = TB_SCALE_KERNEL(
	"avx512", "AVX-512F intrinsics, 4 x 16 floats per trip, masked tail", &impl, supported,
	TB_SCALE_BOTH, false);
