/*
 * scale/avx2.c - AVX2 intrinsics, 4 vectors (32 floats) per trip, then one
 * vector per trip, then a masked tail (vmaskmov never touches the lanes
 * it leaves out, so the tail cannot read or write past the end).
 * Target attributes per function: the rest of tbench stays baseline x86-64.
 */
#include "scale.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>

#define TGT __attribute__((target("avx2")))

TGT static inline __m256i tail_mask(size_t r)
{
	/* lanes 0..r-1 on (sign bit set), r < 8 */
	const __m256i idx = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
	return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)r), idx);
}

TGT static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		    float a, size_t n)
{
	(void)c;
	const __m256 va = _mm256_set1_ps(a);
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		__m256 p = _mm256_mul_ps(va, _mm256_loadu_ps(x + i));
		__m256 q = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 8));
		__m256 r = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 16));
		__m256 s = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 24));
		_mm256_storeu_ps(y + i, p);
		_mm256_storeu_ps(y + i + 8, q);
		_mm256_storeu_ps(y + i + 16, r);
		_mm256_storeu_ps(y + i + 24, s);
	}
	for (; i + 8 <= n; i += 8)
		_mm256_storeu_ps(y + i, _mm256_mul_ps(va, _mm256_loadu_ps(x + i)));
	if (i < n) {
		__m256i m = tail_mask(n - i);
		_mm256_maskstore_ps(y + i, m, _mm256_mul_ps(va, _mm256_maskload_ps(x + i, m)));
	}
}

TGT static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	(void)c;
	const __m256 va = _mm256_set1_ps(a);
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		__m256 p = _mm256_mul_ps(va, _mm256_loadu_ps(x + i));
		__m256 q = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 8));
		__m256 r = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 16));
		__m256 s = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 24));
		_mm256_storeu_ps(x + i, p);
		_mm256_storeu_ps(x + i + 8, q);
		_mm256_storeu_ps(x + i + 16, r);
		_mm256_storeu_ps(x + i + 24, s);
	}
	for (; i + 8 <= n; i += 8)
		_mm256_storeu_ps(x + i, _mm256_mul_ps(va, _mm256_loadu_ps(x + i)));
	if (i < n) {
		__m256i m = tail_mask(n - i);
		_mm256_maskstore_ps(x + i, m, _mm256_mul_ps(va, _mm256_maskload_ps(x + i, m)));
	}
}

static bool supported(const char **why)
{
	if (__builtin_cpu_supports("avx2"))
		return true;
	*why = "this CPU has no AVX2";
	return false;
}

static const struct tb_scale_impl impl = {.out = out, .in = in};
#else
static bool supported(const char **why)
{
	*why = "AVX2 is x86-64 only";
	return false;
}
static const struct tb_scale_impl impl = {0};
#endif

const struct tb_kernel tb_k_scale_avx2 = TB_SCALE_KERNEL(
	"avx2", "AVX2 intrinsics, 4 x 8 floats per trip, masked tail", &impl, supported,
	TB_SCALE_BOTH, false);
