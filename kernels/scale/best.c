/*
 * scale/best.c - one thread, the fastest loop of this machine for this
 * case: tb_scale_plan (plan.c) times the candidates (avx512, avx512-pf,
 * avx2, avx2-pf, sse, autovec; out of place beyond the last-level cache
 * stream512 and stream, between L2 and it all of them) on the case's
 * buffers at set-up and the case runs
 * the winner.  Each candidate is a variant of its own, verified and shown
 * on its own row; the note says which one `best` ran.
 */
#include "scale.h"

static const struct tb_kernel *kernel_of(const struct tb_case *c, size_t n)
{
	const struct tb_kernel *k = tb_scale_chosen(c);
	return k ? k : tb_scale_pick(c->mode, n);
}

static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		float a, size_t n)
{
	const struct tb_scale_impl *im = kernel_of(c, n)->impl;
	im->out(c, y, x, a, n);
}

static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	const struct tb_scale_impl *im = kernel_of(c, n)->impl;
	im->in(c, x, a, n);
}

static void call_one(const struct tb_case *c, const struct tb_kernel *k, float *y, float *x,
		     float a)
{
	const struct tb_scale_impl *im = k->impl;
	if (c->mode == TB_MODE_INPLACE)
		im->in(c, x, a, c->n);
	else
		im->out(c, y, x, a, c->n);
}

static const struct tb_kernel *plan(struct tb_case *c, float *y, float *x)
{
	return tb_scale_plan(c, y, x, call_one);
}

static const struct tb_scale_impl impl = {.out = out, .in = in, .plan = plan};

const struct tb_kernel tb_k_scale_best = TB_SCALE_KERNEL(
	"best", "the fastest loop here for the case, timed at set-up (the note says which)",
	&impl, NULL, TB_SCALE_BOTH, false);
