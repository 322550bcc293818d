/*
 * binary.c - the harness of the element-wise binary families (ops.def's
 * BIN rows): tensor (+) tensor (add, sub, mul, div) and tensor (+) scalar
 * (adds, ..., the scalar being --alpha), out-of-place (y = a (+) b) and
 * in-place (a = a (+) b).  In-place calls alternate b and its inverse (-b
 * or 1/b) so repeated calls keep a bounded.  Verification: a row with bound
 * 0 is bit-exact with the scalar reference (add, sub, mul); otherwise every
 * element is within the row's bound in ulp of the exact value (div: 0.5,
 * correctly rounded, as IEEE division is).
 */
#include "ops.h"

#include "../common.h"
#include "../pool.h"
#include "../verify.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAD 16

/* the exact result of each ref (double rounding of +-*\/ from double to
 * float is innocuous: 53 >= 2 * 24 + 2), and the operand that undoes it */
static double exact_add(double a, double b) { return a + b; }
static double exact_sub(double a, double b) { return a - b; }
static double exact_mul(double a, double b) { return a * b; }
static double exact_div(double a, double b) { return a / b; }
static float inverse_add(float v) { return -v; }
static float inverse_sub(float v) { return -v; }
static float inverse_mul(float v) { return 1.0f / v; }
static float inverse_div(float v) { return 1.0f / v; }

static double (*const exact[TB_OP_N])(double, double) = {
#define TB_OP_BIN(ID, name, kind, ref, ...) [TB_##ID] = exact_##ref,
#include "ops.def"
};
static float (*const inverse[TB_OP_N])(float) = {
#define TB_OP_BIN(ID, name, kind, ref, ...) [TB_##ID] = inverse_##ref,
#include "ops.def"
};

struct bin_state {
	float *buf[4];
	float *a, *b, *binv, *y;
	float s, sinv;
};

struct bin_call {
	const struct tb_ops_isa *isa;
	enum tb_op op;
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
	bc->isa->bin[bc->op](bc->y + lo, bc->a + lo, bc->b ? bc->b + lo : NULL, bc->s, hi - lo);
}

static void bin_do(const struct tb_case *c, const struct tb_ops_isa *isa, float *y,
		   const float *a, const float *b, float s, size_t n)
{
	struct bin_call bc = {isa, tb_op_impl_of(c)->op, y, a, b, s, n};
	tb_ops_parallel(c, bin_part, &bc);
}

static void fill_operands(float *a, float *b, size_t n, uint64_t seed)
{
	tb_fill_uniform(a, n, seed, -1.0f, 1.0f);
	tb_fill_uniform(b, n, seed ^ 0x5bd1e995u, 0.5f, 2.0f); /* never near 0 */
}

size_t tb_bin_memory(const struct tb_case *c)
{
	size_t per = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	size_t all = tb_mul_size(per, 8); /* 4 working buffers + 4 while verifying */
	return all ? all : SIZE_MAX;
}

/* the tensor operands and, out of place, the result */
size_t tb_bin_footprint(const struct tb_case *c)
{
	size_t arrays = (tb_op_info_of(c)->kind == TB_OPK_SCALAR ? 1 : 2) + (c->mode != TB_MODE_INPLACE);
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
		s->binv[i] = inverse[im->op](s->b[i]);
	s->s = c->alpha;
	s->sinv = inverse[im->op](c->alpha);
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
	const struct tb_op_info *oi = tb_op_info_of(c);
	enum tb_op op = tb_op_impl_of(c)->op;
	for (size_t i = 0; i < n; i++) {
		double want = exact[op](a[i], oi->kind == TB_OPK_SCALAR ? (double)c->alpha : (double)b[i]);
		double e = oi->bound ? tb_ulp_error(v[i], want) : 0;
		if (!oi->bound && memcmp(&v[i], &r[i], sizeof(float)))
			return tb_err(why, len, "n=%zu offset=%zu: element %zu is %.9g, reference %.9g (must be exact)",
				      n, off, i, (double)v[i], (double)r[i]);
		if (oi->bound && !(e <= oi->bound))
			return tb_err(why, len, "n=%zu offset=%zu: element %zu is %.9g, %.3g ulp from exact %.9g (bound %g ulp)",
				      n, off, i, (double)v[i], e, want, oi->bound);
	}
	for (size_t i = n; i < n + PAD; i++)
		if (v[i] != 12345.0f)
			return tb_err(why, len, "n=%zu offset=%zu: wrote past the end (element %zu)", n, off, i);
	return 0;
}

static int check_one(struct tb_case *c, size_t n, size_t off, uint64_t seed, char *why, size_t len)
{
	const struct tb_op_impl *im = tb_op_impl_of(c);
	bool sop = tb_op_info_of(c)->kind == TB_OPK_SCALAR;
	size_t bytes = tb_mul_size(n + off + PAD, sizeof(float));
	float *bufs[4] = {0};
	int rc = TB_VERIFY_NOMEM;
	for (int i = 0; i < 4; i++)
		if (!(bufs[i] = tb_alloc(bytes, why, len)))
			goto out;
	float *a = bufs[0] + off, *b = bufs[1] + off, *r = bufs[2] + off, *v = bufs[3] + off;
	fill_operands(a, b, n, seed);
	for (size_t i = n; i < n + PAD; i++)
		r[i] = v[i] = 12345.0f;
	tb_ops_scalar.bin[im->op](r, a, sop ? NULL : b, c->alpha, n);
	if (c->mode == TB_MODE_INPLACE) {
		memcpy(v, a, n * sizeof(float));
		bin_do(c, tb_op_isa_of(c), v, v, sop ? NULL : b, c->alpha, n);
	} else {
		bin_do(c, tb_op_isa_of(c), v, a, sop ? NULL : b, c->alpha, n);
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
	const struct tb_op_info *oi = tb_op_info_of(c);
	double n = (double)c->n;
	return (struct tb_work){
		.bytes = (oi->kind == TB_OPK_SCALAR ? 8.0 : 12.0) * n,
		.flops = oi->flops * n,
		.items = n,
		.item_unit = "elem",
	};
}

#define TB_OP_BIN(ID, name, kind, ref, flops, bound, modes, variants, summary)                 \
	TB_OPS_DEFINE_KERNELS(bin, ID, name, modes, variants)
#include "ops.def"
