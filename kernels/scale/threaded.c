/*
 * scale/threaded.c - the best single-thread kernel of this machine split
 * over the case's persistent pool (kernels/pool.h): threads are created
 * once by the caller, each call hands every worker a cache-line aligned
 * part (tb_scale_part), and the buffers were first-touched by the same
 * workers in tb_scale_setup.  Which kernel: AVX-512, else AVX2, else the
 * compiler's; out-of-place beyond the last-level cache, the streaming-store
 * kernel.
 */
#define _GNU_SOURCE
#include "scale.h"

#include "../pool.h"

#include <pthread.h>
#include <unistd.h>

extern const struct tb_kernel tb_k_scale_avx512, tb_k_scale_avx2, tb_k_scale_autovec,
	tb_k_scale_stream;

static size_t llc_bytes = 32u << 20;
static pthread_once_t llc_once = PTHREAD_ONCE_INIT;

static void read_llc(void)
{
	long v = -1;
#ifdef _SC_LEVEL3_CACHE_SIZE
	v = sysconf(_SC_LEVEL3_CACHE_SIZE);
	if (v <= 0)
		v = sysconf(_SC_LEVEL2_CACHE_SIZE);
#endif
	if (v > 0)
		llc_bytes = (size_t)v;
}

/* The single-thread kernel this variant splits; its impl. */
static const struct tb_kernel *best(enum tb_mode mode, size_t n)
{
	pthread_once(&llc_once, read_llc);
	if (mode == TB_MODE_OUTOFPLACE && n * 2 * sizeof(float) > llc_bytes &&
	    tb_kernel_supported(&tb_k_scale_stream, NULL))
		return &tb_k_scale_stream;
	if (tb_kernel_supported(&tb_k_scale_avx512, NULL))
		return &tb_k_scale_avx512;
	if (tb_kernel_supported(&tb_k_scale_avx2, NULL))
		return &tb_k_scale_avx2;
	return &tb_k_scale_autovec;
}

struct job {
	const struct tb_scale_impl *im;
	const struct tb_case *c;
	float *y;
	const float *x;
	float a;
	size_t n;
};

static void out_part(void *arg, unsigned tid, unsigned nth)
{
	const struct job *j = arg;
	size_t b, e;
	tb_scale_part(j->y, j->n, tid, nth, &b, &e);
	if (b < e)
		j->im->out(j->c, j->y + b, j->x + b, j->a, e - b);
}

static void in_part(void *arg, unsigned tid, unsigned nth)
{
	const struct job *j = arg;
	size_t b, e;
	tb_scale_part(j->y, j->n, tid, nth, &b, &e);
	if (b < e)
		j->im->in(j->c, j->y + b, j->a, e - b);
}

static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		float a, size_t n)
{
	struct job j = {best(TB_MODE_OUTOFPLACE, n)->impl, c, y, x, a, n};
	tb_pool_run(c->pool, out_part, &j);
}

static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	struct job j = {best(TB_MODE_INPLACE, n)->impl, c, x, x, a, n};
	tb_pool_run(c->pool, in_part, &j);
}

static const struct tb_scale_impl impl = {.out = out, .in = in};

const struct tb_kernel tb_k_scale_threaded = TB_SCALE_KERNEL(
	"threaded", "best single-thread kernel split over --threads workers (persistent pool)",
	&impl, NULL, TB_SCALE_BOTH, true);
