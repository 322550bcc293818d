/*
 * scale/simd.h - the one AVX2 and the one AVX-512 loop of the scale family,
 * written once and instantiated by the variants (avx2, avx2-pf, stream,
 * avx512, avx512-pf, stream512) with constant options:
 *   pf   software prefetch of x, this many bytes ahead (0: none)
 *   nt   non-temporal stores (out of place only: y must not overlap x)
 * Shape: a masked head until y is vector-aligned (so streaming stores are
 * legal and no store splits a line), 4 vectors per trip, 1 vector per
 * trip, a masked tail.  Masked-off lanes are never accessed, so nothing is
 * read or written outside [0, n).  In place is y == x.
 */
#ifndef TB_SCALE_SIMD_H
#define TB_SCALE_SIMD_H

#if defined(__x86_64__)
#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TB_AVX2 __attribute__((target("avx2")))
#define TB_AVX512 __attribute__((target("avx512f")))
#define TB_INLINE static inline __attribute__((always_inline))

/* prefetch distance of the -pf variants: 32 lines, enough to cover L3 and
 * DRAM latency at the bandwidth one core draws (measured: 256 B to 4 KiB
 * on Zen 3, docs/performance.md) */
#define TB_SCALE_PF_BYTES 2048

/* floats until p is on a `vbytes` boundary, at most n */
static inline size_t tb_simd_head(const float *p, size_t vbytes, size_t n)
{
	size_t h = ((vbytes - ((uintptr_t)p & (vbytes - 1))) & (vbytes - 1)) / sizeof(float);
	return h < n ? h : n;
}

TB_AVX2 static inline __m256i tb_avx2_mask(size_t r)
{
	/* lanes 0..r-1 on (sign bit set), r < 8 */
	const __m256i idx = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
	return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)r), idx);
}

TB_AVX2 TB_INLINE void tb_avx2_masked(float *y, const float *x, __m256 va, size_t r)
{
	__m256i m = tb_avx2_mask(r);
	_mm256_maskstore_ps(y, m, _mm256_mul_ps(va, _mm256_maskload_ps(x, m)));
}

TB_AVX2 TB_INLINE void tb_avx2_scale(float *y, const float *x, float a, size_t n, size_t pf,
				     bool nt, bool peel)
{
	const __m256 va = _mm256_set1_ps(a);
	size_t i = peel ? tb_simd_head(y, 32, n) : 0;
	if (i)
		tb_avx2_masked(y, x, va, i);
	for (; i + 32 <= n; i += 32) {
		if (pf) {
			_mm_prefetch((const char *)(x + i) + pf, _MM_HINT_T0);
			_mm_prefetch((const char *)(x + i) + pf + 64, _MM_HINT_T0);
		}
		__m256 p = _mm256_mul_ps(va, _mm256_loadu_ps(x + i));
		__m256 q = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 8));
		__m256 r = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 16));
		__m256 s = _mm256_mul_ps(va, _mm256_loadu_ps(x + i + 24));
		if (nt) {
			_mm256_stream_ps(y + i, p);
			_mm256_stream_ps(y + i + 8, q);
			_mm256_stream_ps(y + i + 16, r);
			_mm256_stream_ps(y + i + 24, s);
		} else {
			_mm256_storeu_ps(y + i, p);
			_mm256_storeu_ps(y + i + 8, q);
			_mm256_storeu_ps(y + i + 16, r);
			_mm256_storeu_ps(y + i + 24, s);
		}
	}
	for (; i + 8 <= n; i += 8) {
		__m256 p = _mm256_mul_ps(va, _mm256_loadu_ps(x + i));
		if (nt)
			_mm256_stream_ps(y + i, p);
		else
			_mm256_storeu_ps(y + i, p);
	}
	if (i < n)
		tb_avx2_masked(y + i, x + i, va, n - i);
	if (nt)
		_mm_sfence(); /* streaming stores are weakly ordered */
}

TB_AVX512 TB_INLINE void tb_avx512_masked(float *y, const float *x, __m512 va, size_t r)
{
	__mmask16 m = (__mmask16)((1u << r) - 1);
	_mm512_mask_storeu_ps(y, m, _mm512_mul_ps(va, _mm512_maskz_loadu_ps(m, x)));
}

TB_AVX512 TB_INLINE void tb_avx512_scale(float *y, const float *x, float a, size_t n,
					 size_t pf, bool nt, bool peel)
{
	const __m512 va = _mm512_set1_ps(a);
	size_t i = peel ? tb_simd_head(y, 64, n) : 0;
	if (i)
		tb_avx512_masked(y, x, va, i);
	for (; i + 64 <= n; i += 64) {
		if (pf)
			for (size_t l = 0; l < 4; l++)
				_mm_prefetch((const char *)(x + i) + pf + 64 * l, _MM_HINT_T0);
		__m512 p = _mm512_mul_ps(va, _mm512_loadu_ps(x + i));
		__m512 q = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 16));
		__m512 r = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 32));
		__m512 s = _mm512_mul_ps(va, _mm512_loadu_ps(x + i + 48));
		if (nt) {
			_mm512_stream_ps(y + i, p);
			_mm512_stream_ps(y + i + 16, q);
			_mm512_stream_ps(y + i + 32, r);
			_mm512_stream_ps(y + i + 48, s);
		} else {
			_mm512_storeu_ps(y + i, p);
			_mm512_storeu_ps(y + i + 16, q);
			_mm512_storeu_ps(y + i + 32, r);
			_mm512_storeu_ps(y + i + 48, s);
		}
	}
	for (; i + 16 <= n; i += 16) {
		__m512 p = _mm512_mul_ps(va, _mm512_loadu_ps(x + i));
		if (nt)
			_mm512_stream_ps(y + i, p);
		else
			_mm512_storeu_ps(y + i, p);
	}
	if (i < n)
		tb_avx512_masked(y + i, x + i, va, n - i);
	if (nt)
		_mm_sfence();
}

#endif /* __x86_64__ */

/* Defines `impl` and `supported` of an x86 variant whose loop is
 * LOOP(y, x, a, n, pf, nt, peel) (above), needing CPU feature FEAT; on other
 * architectures the variant is unsupported with ARCHWHY.  modes_ says
 * which of out/in exist (nt variants are out of place only). */
#if defined(__x86_64__)
#define TB_SCALE_SIMD_VARIANT(LOOP, TGT, FEAT, WHY, ARCHWHY, PF, NT, PEEL, HAS_IN)           \
	TGT static void simd_out(const struct tb_case *c, float *restrict y,                 \
				 const float *restrict x, float a, size_t n)                 \
	{                                                                                   \
		(void)c;                                                                    \
		LOOP(y, x, a, n, PF, NT, PEEL);                                             \
	}                                                                                   \
	TGT static void simd_in(const struct tb_case *c, float *x, float a, size_t n)       \
	{                                                                                   \
		(void)c;                                                                    \
		LOOP(x, x, a, n, PF, false, PEEL);                                          \
	}                                                                                   \
	static bool supported(const char **why)                                             \
	{                                                                                   \
		if (__builtin_cpu_supports(FEAT))                                           \
			return true;                                                        \
		*why = WHY;                                                                 \
		return false;                                                               \
	}                                                                                   \
	static const struct tb_scale_impl impl = {.out = simd_out,                          \
						  .in = (HAS_IN) ? simd_in : NULL}
#else
#define TB_SCALE_SIMD_VARIANT(LOOP, TGT, FEAT, WHY, ARCHWHY, PF, NT, PEEL, HAS_IN)           \
	static bool supported(const char **why)                                             \
	{                                                                                   \
		*why = ARCHWHY;                                                             \
		return false;                                                               \
	}                                                                                   \
	static const struct tb_scale_impl impl = {0}
#endif

#endif
