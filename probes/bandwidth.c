/*
 * bandwidth.c - STREAM-style copy bandwidth, ordinary and non-temporal
 * stores (see bandwidth.h).
 */
#include "bandwidth.h"

#include "clock.h"
#include "../kernels/common.h"
#include "describe.h"
#include "../kernels/kernel.h"
#include "../kernels/pool.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define ROUNDS 11

#if defined(__x86_64__)
/* Explicit vectors, not a C loop: the compiler would turn that into a
 * memcpy call, and glibc's memcpy switches to streaming stores itself for
 * large copies. */
__attribute__((target("avx512f"))) static void copy_avx512(float *restrict y,
							  const float *restrict x, size_t n)
{
	size_t i = 0;
	for (; i + 64 <= n; i += 64) {
		__m512 a = _mm512_loadu_ps(x + i), b = _mm512_loadu_ps(x + i + 16);
		__m512 c = _mm512_loadu_ps(x + i + 32), d = _mm512_loadu_ps(x + i + 48);
		_mm512_storeu_ps(y + i, a);
		_mm512_storeu_ps(y + i + 16, b);
		_mm512_storeu_ps(y + i + 32, c);
		_mm512_storeu_ps(y + i + 48, d);
	}
	for (; i < n; i++)
		y[i] = x[i];
}

__attribute__((target("avx2"))) static void copy_avx2(float *restrict y,
						      const float *restrict x, size_t n)
{
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		__m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
		__m256 c = _mm256_loadu_ps(x + i + 16), d = _mm256_loadu_ps(x + i + 24);
		_mm256_storeu_ps(y + i, a);
		_mm256_storeu_ps(y + i + 8, b);
		_mm256_storeu_ps(y + i + 16, c);
		_mm256_storeu_ps(y + i + 24, d);
	}
	for (; i < n; i++)
		y[i] = x[i];
}
#endif

void tb_copy_plain(float *restrict y, const float *restrict x, size_t n)
{
#if defined(__x86_64__)
	if (__builtin_cpu_supports("avx512f"))
		return copy_avx512(y, x, n);
	if (__builtin_cpu_supports("avx2"))
		return copy_avx2(y, x, n);
#endif
	for (size_t i = 0; i < n; i++) {
		y[i] = x[i];
		__asm__ volatile("" ::: "memory"); /* no memcpy call */
	}
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void copy_nt_avx2(float *restrict y,
							  const float *restrict x, size_t n)
{
	size_t i = 0;
	/* ordinary stores until y is 32-byte aligned (streaming stores need it) */
	while (i < n && ((uintptr_t)(y + i) & 31))
		y[i] = x[i], i++;
	for (; i + 32 <= n; i += 32) {
		__m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
		__m256 c = _mm256_loadu_ps(x + i + 16), d = _mm256_loadu_ps(x + i + 24);
		_mm256_stream_ps(y + i, a);
		_mm256_stream_ps(y + i + 8, b);
		_mm256_stream_ps(y + i + 16, c);
		_mm256_stream_ps(y + i + 24, d);
	}
	for (; i < n; i++)
		y[i] = x[i];
	_mm_sfence();
}
#endif

int tb_copy_nt(float *restrict y, const float *restrict x, size_t n)
{
#if defined(__x86_64__)
	if (__builtin_cpu_supports("avx2")) {
		copy_nt_avx2(y, x, n);
		return 1;
	}
#endif
	(void)y, (void)x, (void)n;
	return 0;
}

struct bw_job {
	float *x, *y;
	size_t n;
	int nt; /* 0 plain, 1 non-temporal, -1 first touch */
};

static void part(void *arg, unsigned tid, unsigned nth)
{
	struct bw_job *j = arg;
	size_t b, e;
	tb_split(j->n, tid, nth, TB_ALIGN / sizeof(float), &b, &e);
	if (b >= e)
		return;
	if (j->nt < 0) {
		memset(j->y + b, 0, (e - b) * sizeof(float));
		for (size_t i = b; i < e; i++)
			j->x[i] = (float)(i & 1023);
	} else if (j->nt) {
		tb_copy_nt(j->y + b, j->x + b, e - b);
	} else {
		tb_copy_plain(j->y + b, j->x + b, e - b);
	}
	tb_escape(j->y + b);
}

/* best GB/s of ROUNDS rounds, each of enough calls to last round_ns (a
 * limit is what the machine can do, so the best round, as STREAM reports) */
static double time_copy(struct tb_pool *pool, struct bw_job *j, double round_ns)
{
	uint64_t iters = 1;
	for (;;) { /* calibrate (also warms up) */
		uint64_t t0 = tb_now_ns();
		for (uint64_t i = 0; i < iters; i++)
			tb_pool_run(pool, part, j);
		if ((double)(tb_now_ns() - t0) >= round_ns || iters >= (1ull << 30))
			break;
		iters *= 2;
	}
	double g[ROUNDS];
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t0 = tb_now_ns();
		for (uint64_t i = 0; i < iters; i++)
			tb_pool_run(pool, part, j);
		double dt = (double)(tb_now_ns() - t0);
		g[r] = dt > 0 ? 2.0 * (double)j->n * sizeof(float) * (double)iters / dt : 0;
	}
	tb_sort_doubles(g, ROUNDS);
	return g[ROUNDS - 1];
}

int tb_bandwidth_measure(size_t bytes, struct tb_pool *pool, double min_ns,
			 struct tb_bandwidth *bw, char *err, size_t errlen)
{
	size_t n = bytes / sizeof(float);
	if (n == 0)
		return tb_err(err, errlen, "bandwidth probe: %zu bytes is too small to copy", bytes);
	size_t sz = n * sizeof(float);
	void *x = NULL, *y = NULL;
	/* not tb_alloc: pages must be touched first by the threads that copy them */
	if (posix_memalign(&x, TB_ALIGN, sz) || posix_memalign(&y, TB_ALIGN, sz)) {
		free(x);
		return tb_err(err, errlen, "bandwidth probe: cannot allocate 2 x %zu bytes", sz);
	}
	struct bw_job j = {.x = x, .y = y, .n = n, .nt = -1};
	tb_pool_run(pool, part, &j);
	double round_ns = (min_ns > 0 ? min_ns : 20e6) / (2 * ROUNDS);
	if (round_ns < 2e5)
		round_ns = 2e5;
	j.nt = 0;
	bw->copy_gbps = time_copy(pool, &j, round_ns);
	bw->nt_gbps = NAN;
	if (tb_copy_nt(y, x, 1)) {
		j.nt = 1;
		bw->nt_gbps = time_copy(pool, &j, round_ns);
	}
	bw->best_gbps = isnan(bw->nt_gbps) || bw->copy_gbps > bw->nt_gbps ? bw->copy_gbps
									  : bw->nt_gbps;
	free(x);
	free(y);
	return 0;
}
