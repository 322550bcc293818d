/*
 * binary/binary.c - the harness of the element-wise binary families:
 * add/sub/mul/div (tensor (+) tensor) and adds/subs/muls/divs (tensor (+)
 * scalar, the scalar being --alpha), out-of-place (y = a (+) b) and
 * in-place (a = a (+) b).  In-place calls alternate b and its inverse (-b
 * or 1/b) so repeated calls keep a bounded.  Verification: add, sub and mul
 * are bit-exact with the scalar reference; div is within 2^-24 relative of
 * the double quotient (correctly rounded, as IEEE division is).
 */
#include "../ops.h"

#include "../../common.h"
#include "../../pool.h"
#include "../../verify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAD 16
#define DIV_REL_BOUND 0x1p-24

struct bin_state {
	float *buf[4];
	float *a, *b, *binv, *y;
	float s, sinv;
};

struct bin_call {
	const struct tb_ops_isa *isa;
	int op;
	bool sop;
	float *y;
	const float *a, *b;
	float s;
	size_t n;
};

static void bin_part(void *arg, unsigned tid, unsigned nth)
{
	const struct bin_call *bc = arg;
	size_t lo, hi;
	tb_split(bc->n, tid, nth, 16, &lo, &hi);
	if (hi <= lo)
		return;
	if (bc->sop)
		bc->isa->bins[bc->op](bc->y + lo, bc->a + lo, bc->s, hi - lo);
	else
		bc->isa->bin[bc->op](bc->y + lo, bc->a + lo, bc->b + lo, hi - lo);
}

static void bin_do(const struct tb_case *c, const struct tb_ops_isa *isa, float *y,
		   const float *a, const float *b, float s, size_t n)
{
	const struct tb_op_impl *im = tb_op_impl_of(c);
	struct bin_call bc = {isa, im->op, im->scalar_operand, y, a, b, s, n};
	tb_ops_parallel(c, bin_part, &bc);
}

static void fill_operands(float *a, float *b, size_t n, uint64_t seed)
{
	tb_fill_uniform(a, n, seed, -1.0f, 1.0f);
	tb_fill_uniform(b, n, seed ^ 0x5bd1e995u, 0.5f, 2.0f); /* never near 0 */
}

static float inverse(int op, float v) { return op == TB_ADD || op == TB_SUB ? -v : 1.0f / v; }

size_t tb_bin_memory(const struct tb_case *c)
{
	size_t per = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	size_t all = tb_mul_size(per, 8); /* 4 working buffers + 4 while verifying */
	return all ? all : SIZE_MAX;
}

/* the tensor operands and, out of place, the result */
size_t tb_bin_footprint(const struct tb_case *c)
{
	size_t arrays = (tb_op_impl_of(c)->scalar_operand ? 1 : 2) + (c->mode != TB_MODE_INPLACE);
	return tb_mul_size(c->n, arrays * sizeof(float));
}

int tb_bin_setup(struct tb_case *c, char *err, size_t errlen)
{
	const struct tb_op_impl *im = tb_op_impl_of(c);
	size_t bytes = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	if (!bytes)
		return tb_err(err, errlen, "size %zu overflows", c->n);
	struct bin_state *s = calloc(1, sizeof(*s));
	if (!s)
		return tb_err(err, errlen, "out of memory");
	for (int i = 0; i < 4; i++) {
		s->buf[i] = tb_alloc(bytes, err, errlen);
		if (!s->buf[i]) {
			for (int j = 0; j < i; j++)
				tb_free(s->buf[j]);
			free(s);
			return -1;
		}
	}
	s->a = s->buf[0] + c->misalign;
	s->b = s->buf[1] + c->misalign;
	s->binv = s->buf[2] + c->misalign;
	s->y = s->buf[3] + c->misalign;
	fill_operands(s->a, s->b, c->n, c->seed);
	for (size_t i = 0; i < c->n; i++)
		s->binv[i] = inverse(im->op, s->b[i]);
	s->s = c->alpha;
	s->sinv = inverse(im->op, c->alpha);
	c->state = s;
	return 0;
}

void tb_bin_teardown(struct tb_case *c)
{
	struct bin_state *s = c->state;
	if (!s)
		return;
	for (int i = 0; i < 4; i++)
		tb_free(s->buf[i]);
	free(s);
	c->state = NULL;
}

void tb_bin_run(struct tb_case *c, uint64_t iters)
{
	struct bin_state *s = c->state;
	const struct tb_ops_isa *isa = tb_op_isa_of(c);
	if (c->mode == TB_MODE_INPLACE) {
		for (uint64_t i = 0; i < iters; i++) {
			bin_do(c, isa, s->a, s->a, i & 1 ? s->binv : s->b, i & 1 ? s->sinv : s->s, c->n);
			tb_escape(s->a);
		}
	} else {
		for (uint64_t i = 0; i < iters; i++) {
			bin_do(c, isa, s->y, s->a, s->b, s->s, c->n);
			tb_escape(s->y);
		}
	}
}

static int compare(const struct tb_case *c, const float *v, const float *r, const float *a,
		   const float *b, size_t n, size_t off, char *why, size_t len)
{
	const struct tb_op_impl *im = tb_op_impl_of(c);
	for (size_t i = 0; i < n; i++) {
		bool ok;
		if (im->op == TB_DIV) {
			double q = (double)a[i] / (im->scalar_operand ? (double)c->alpha : (double)b[i]);
			ok = fabs((double)v[i] - q) <= DIV_REL_BOUND * fabs(q);
		} else {
			ok = !memcmp(&v[i], &r[i], sizeof(float));
		}
		if (!ok)
			return tb_err(why, len, "n=%zu offset=%zu: element %zu is %.9g, reference %.9g%s",
				      n, off, i, (double)v[i], (double)r[i],
				      im->op == TB_DIV ? " (bound 2^-24 relative)" : " (must be exact)");
	}
	for (size_t i = n; i < n + PAD; i++)
		if (v[i] != 12345.0f)
			return tb_err(why, len, "n=%zu offset=%zu: wrote past the end (element %zu)", n, off, i);
	return 0;
}

static int check_one(struct tb_case *c, size_t n, size_t off, uint64_t seed, char *why, size_t len)
{
	const struct tb_op_impl *im = tb_op_impl_of(c);
	size_t bytes = tb_mul_size(n + off + PAD, sizeof(float));
	float *bufs[4] = {0};
	int rc = -1;
	for (int i = 0; i < 4; i++)
		if (!(bufs[i] = tb_alloc(bytes, why, len)))
			goto out;
	float *a = bufs[0] + off, *b = bufs[1] + off, *r = bufs[2] + off, *v = bufs[3] + off;
	fill_operands(a, b, n, seed);
	for (size_t i = n; i < n + PAD; i++)
		r[i] = v[i] = 12345.0f;
	if (im->scalar_operand)
		tb_ops_scalar.bins[im->op](r, a, c->alpha, n);
	else
		tb_ops_scalar.bin[im->op](r, a, b, n);
	if (c->mode == TB_MODE_INPLACE) {
		memcpy(v, a, n * sizeof(float));
		bin_do(c, tb_op_isa_of(c), v, v, b, c->alpha, n);
	} else {
		bin_do(c, tb_op_isa_of(c), v, a, b, c->alpha, n);
	}
	rc = compare(c, v, r, a, b, n, off, why, len);
out:
	for (int i = 0; i < 4; i++)
		tb_free(bufs[i]);
	return rc;
}

int tb_bin_verify(struct tb_case *c, char *why, size_t len)
{
	return tb_verify_sweep(c, check_one, why, len);
}

struct tb_work tb_bin_work(const struct tb_case *c)
{
	double n = (double)c->n;
	return (struct tb_work){
		.bytes = (tb_op_impl_of(c)->scalar_operand ? 8.0 : 12.0) * n,
		.flops = n,
		.items = n,
		.item_unit = "elem",
	};
}
