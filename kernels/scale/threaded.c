/*
 * scale/threaded.c - the best single-thread kernel of this machine split
 * over the case's persistent pool (kernels/pool.h): threads are created
 * once by the caller, each call hands every worker a cache-line aligned
 * part (tb_scale_part), and the buffers were first-touched by the same
 * workers in tb_scale_setup.  Which kernel: the one tb_scale_plan (plan.c)
 * finds fastest when split this way, at set-up (out of place beyond the
 * last-level cache, a streaming-store one); the note says which.
 */
#include "scale.h"

#include "../pool.h"

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

static const struct tb_kernel *kernel_of(const struct tb_case *c, enum tb_mode mode, size_t n)
{
	const struct tb_kernel *k = tb_scale_chosen(c);
	return k ? k : tb_scale_pick(mode, n);
}

static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		float a, size_t n)
{
	struct job j = {kernel_of(c, TB_MODE_OUTOFPLACE, n)->impl, c, y, x, a, n};
	tb_pool_run(c->pool, out_part, &j);
}

static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	struct job j = {kernel_of(c, TB_MODE_INPLACE, n)->impl, c, x, x, a, n};
	tb_pool_run(c->pool, in_part, &j);
}

static void call_split(const struct tb_case *c, const struct tb_kernel *k, float *y, float *x,
		       float a)
{
	struct job j = {k->impl, c, y, x, a, c->n};
	tb_pool_run(c->pool, c->mode == TB_MODE_INPLACE ? in_part : out_part, &j);
}

static const struct tb_kernel *plan(struct tb_case *c, float *y, float *x)
{
	return tb_scale_plan(c, y, x, call_split);
}

static const struct tb_scale_impl impl = {.out = out, .in = in, .plan = plan};

const struct tb_kernel tb_k_scale_threaded = TB_SCALE_KERNEL(
	"threaded", "the fastest loop here split over --threads workers (persistent pool; the note says which)",
	&impl, NULL, TB_SCALE_BOTH, true);
