/*
 * scale/scale_common.c - what every vector-scale variant shares: buffers,
 * the timed loop, verification against the scalar reference, work per call.
 */
#include "scale.h"

#include "../common.h"
#include "../pool.h"
#include "../verify.h"

#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PAD 16 /* floats of slack after each buffer (misaligned starts) */

struct scale_state {
	float *xbuf, *ybuf;
	float *x, *y;
	const struct tb_kernel *chosen; /* plan()'s choice, or NULL */
};

static const struct tb_scale_impl *impl_of(const struct tb_case *c)
{
	return c->k->impl;
}

void tb_scale_call(const struct tb_case *c, float *y, const float *x, float a, size_t n)
{
	const struct tb_scale_impl *im = impl_of(c);
	if (c->mode == TB_MODE_INPLACE) {
		if (y != x)
			memcpy(y, x, n * sizeof(float));
		im->in(c, y, a, n);
	} else {
		im->out(c, y, x, a, n);
	}
}

size_t tb_scale_memory(const struct tb_case *c)
{
	/* two working buffers, plus three copies while verifying */
	size_t per = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	size_t all = tb_mul_size(per, 5);
	return all ? all : SIZE_MAX;
}

size_t tb_scale_footprint(const struct tb_case *c)
{
	return tb_mul_size(c->n, c->mode == TB_MODE_INPLACE ? sizeof(float) : 2 * sizeof(float));
}

void tb_scale_part(const float *p, size_t n, unsigned tid, unsigned nth, size_t *b,
		   size_t *e)
{
	const size_t line = TB_ALIGN / sizeof(float);
	/* elements before p's first line boundary go to worker 0 */
	size_t head = ((TB_ALIGN - ((uintptr_t)p & (TB_ALIGN - 1))) & (TB_ALIGN - 1)) / sizeof(float);
	if (head > n)
		head = n;
	tb_split(n - head, tid, nth, line, b, e);
	*b += head;
	*e += head;
	if (tid == 0)
		*b = 0;
}

struct touch_job {
	float *buf[2];
	size_t n; /* floats in each buffer */
};

static void touch_part(void *arg, unsigned tid, unsigned nth)
{
	struct touch_job *j = arg;
	for (int k = 0; k < 2; k++) {
		size_t b, e;
		if (!j->buf[k])
			continue;
		tb_scale_part(j->buf[k], j->n, tid, nth, &b, &e);
		if (b < e)
			memset(j->buf[k] + b, 0, (e - b) * sizeof(float));
	}
}

int tb_scale_setup(struct tb_case *c, char *err, size_t errlen)
{
	size_t bytes = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	if (!bytes)
		return tb_err(err, errlen, "size %zu overflows", c->n);
	const struct tb_scale_impl *im = impl_of(c);
	if (im->prepare)
		im->prepare(c);
	/* with workers, each touches first the part it will work on, so its
	 * pages are placed on its memory node */
	const bool spread = c->pool && tb_pool_size(c->pool) > 1;
	struct scale_state *s = calloc(1, sizeof(*s));
	if (!s)
		return tb_err(err, errlen, "out of memory");
	s->xbuf = tb_alloc_pages(bytes, !spread, err, errlen);
	if (!s->xbuf)
		goto fail;
	if (c->mode != TB_MODE_INPLACE) {
		s->ybuf = tb_alloc_pages(bytes, !spread, err, errlen);
		if (!s->ybuf)
			goto fail;
	}
	if (spread) {
		struct touch_job j = {{s->xbuf, s->ybuf}, bytes / sizeof(float)};
		tb_pool_run(c->pool, touch_part, &j);
	}
	s->x = s->xbuf + c->misalign;
	s->y = s->ybuf ? s->ybuf + c->misalign : s->x;
	tb_fill_uniform(s->x, c->n, c->seed, -1.0f, 1.0f);
	c->state = s;
	if (im->plan) {
		s->chosen = im->plan(c, s->y, s->x);
		/* the planner's in-place calls rounded x: start from the seed again */
		tb_fill_uniform(s->x, c->n, c->seed, -1.0f, 1.0f);
	}
	return 0;
fail:
	tb_free(s->xbuf);
	free(s);
	return -1;
}

const struct tb_kernel *tb_scale_chosen(const struct tb_case *c)
{
	const struct scale_state *s = c->state;
	return s ? s->chosen : NULL;
}

void tb_scale_describe(const struct tb_case *c, char *buf, size_t len)
{
	const struct tb_kernel *k = tb_scale_chosen(c);
	if (len)
		buf[0] = 0;
	if (k)
		snprintf(buf, len, "runs %s", k->variant);
}

void tb_scale_teardown(struct tb_case *c)
{
	struct scale_state *s = c->state;
	if (!s)
		return;
	tb_free(s->xbuf);
	tb_free(s->ybuf);
	free(s);
	c->state = NULL;
}

void tb_scale_run(struct tb_case *c, uint64_t iters)
{
	struct scale_state *s = c->state;
	const struct tb_scale_impl *im = impl_of(c);
	const size_t n = c->n;
	if (c->mode == TB_MODE_INPLACE) {
		/* alternate a and 1/a so repeated calls keep x bounded (no
		 * overflow, no denormals); every call does the same work */
		const float a[2] = {c->alpha, 1.0f / c->alpha};
		for (uint64_t i = 0; i < iters; i++) {
			im->in(c, s->x, a[i & 1], n);
			tb_escape(s->x);
		}
	} else {
		for (uint64_t i = 0; i < iters; i++) {
			im->out(c, s->y, s->x, c->alpha, n);
			tb_escape(s->y);
		}
	}
}

/* Compare the variant with the reference on n elements starting misalign
 * floats past a 64-byte boundary. */
static int check_one(struct tb_case *c, size_t n, size_t misalign,
		     uint64_t seed, char *why, size_t len)
{
	size_t bytes = tb_mul_size(n + misalign + PAD, sizeof(float));
	float *xb = tb_alloc(bytes, why, len);
	float *rb = tb_alloc(bytes, why, len);
	float *vb = tb_alloc(bytes, why, len);
	int rc = TB_VERIFY_NOMEM;
	if (!xb || !rb || !vb)
		goto out;
	rc = -1;
	float *x = xb + misalign, *r = rb + misalign, *v = vb + misalign;
	tb_fill_uniform(x, n, seed, -1.0f, 1.0f);
	/* canaries after the end catch tail overruns */
	for (size_t i = n; i < n + PAD; i++)
		r[i] = v[i] = x[i] = 12345.0f;
	if (c->mode == TB_MODE_INPLACE) {
		memcpy(r, x, n * sizeof(float));
		tb_scale_ref_in(r, c->alpha, n);
	} else {
		tb_scale_ref_out(r, x, c->alpha, n);
	}
	tb_scale_call(c, v, x, c->alpha, n);
	size_t d = tb_first_bit_diff(r, v, n + PAD);
	if (d < n) {
		tb_err(why, len, "n=%zu offset=%zu: element %zu is %.9g, reference %.9g",
		       n, misalign, d, (double)v[d], (double)r[d]);
		goto out;
	}
	if (d < n + PAD) {
		tb_err(why, len, "n=%zu offset=%zu: wrote past the end (element %zu)",
		       n, misalign, d);
		goto out;
	}
	rc = 0;
out:
	tb_free(xb);
	tb_free(rb);
	tb_free(vb);
	return rc;
}

int tb_scale_verify(struct tb_case *c, char *why, size_t len)
{
	return tb_verify_sweep(c, check_one, why, len);
}

struct tb_work tb_scale_work(const struct tb_case *c)
{
	double n = (double)c->n;
	return (struct tb_work){
		.bytes = 8.0 * n, /* 4 read + 4 written per element, either mode */
		.flops = n,
		.items = n,
		.item_unit = "elem",
	};
}
