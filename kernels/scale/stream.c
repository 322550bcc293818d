/*
 * scale/stream.c - out-of-place with non-temporal (streaming) stores: y
 * goes straight to memory without being read first (no read-for-ownership)
 * and without evicting useful lines.  Pays off for arrays beyond the
 * last-level cache; in cache it is slower (the result leaves the cache).
 * AVX2, 4 vectors per trip; ordinary stores until y is 32-byte aligned and
 * for the last 0-31 elements.
 */
#include "scale.h"

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdint.h>

__attribute__((target("avx2"))) static void out(const struct tb_case *c,
							  float *restrict y,
							  const float *restrict x, float a,
							  size_t n)
{
	(void)c;
	const __m256 va = _mm256_set1_ps(a);
	size_t i = 0;
	while (i < n && ((uintptr_t)(y + i) & 31)) {
		y[i] = a * x[i];
		i++;
	}
	for (; i + 32 <= n; i += 32) {
		__m256 p = _mm256_mul_ps(va, _mm256_loadu_ps(x + i));
		__m256 q = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 8));
		__m256 r = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 16));
		__m256 s = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 24));
		_mm256_stream_ps(y + i, p);
		_mm256_stream_ps(y + i + 8, q);
		_mm256_stream_ps(y + i + 16, r);
		_mm256_stream_ps(y + i + 24, s);
	}
	for (; i < n; i++)
		y[i] = a * x[i];
	_mm_sfence(); /* streaming stores are weakly ordered */
}

static bool supported(const char **why)
{
	if (__builtin_cpu_supports("avx2"))
		return true;
	*why = "this CPU has no AVX2 (streaming stores are done with AVX2)";
	return false;
}

static const struct tb_scale_impl impl = {.out = out};
#else
static bool supported(const char **why)
{
	*why = "streaming stores are implemented for x86-64 only";
	return false;
}
static const struct tb_scale_impl impl = {0};
#endif

const struct tb_kernel tb_k_scale_stream = TB_SCALE_KERNEL(
	"stream", "AVX2 with non-temporal stores (for arrays beyond the last-level cache)",
	&impl, supported, TB_MODE_OUTOFPLACE, false);
