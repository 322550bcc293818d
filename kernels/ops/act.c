/*
 * act.c - the harness of the activations (ops.def's ACT rows): element-wise
 * (kind MAP: relu, sigmoid, tanh, gelu (tanh approximation), gelu_erf
 * (x Phi(x))) and along each row (kind ROWS: softmax, numerically stable),
 * out-of-place.
 *
 * Verification: every output is compared with a double-precision reference
 * (exact_<ref> below) and its distance counted in float ULPs; the row's
 * stated bound (ops.def, also in docs/tensor-ops.md) must hold on the
 * case's input, on odd sizes and unaligned starts, and on a sweep of the
 * whole float range: +-0, denormals, +-inf, NaN, magnitudes up to FLT_MAX.
 * relu (bound 0) must be exact.
 */
#include "ops.h"
#include "poly.h"

#include "../common.h"
#include "../pool.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAD 16

struct act_state {
	float *xbuf, *ybuf, *x, *y;
	size_t rows, cols;
};

struct act_call {
	const struct tb_case *c;
	const struct tb_ops_isa *isa;
	float *y;
	const float *x;
	size_t rows, cols;
};

static void act_part(void *arg, unsigned tid, unsigned nth)
{
	const struct act_call *ac = arg;
	enum tb_op op = tb_op_impl_of(ac->c)->op;
	size_t lo, hi;
	if (tb_op_info[op].kind == TB_OPK_ROWS) {
		tb_split(ac->rows, tid, nth, 1, &lo, &hi);
		if (hi > lo)
			ac->isa->act[op](ac->y + lo * ac->cols, ac->x + lo * ac->cols, hi - lo, ac->cols);
	} else {
		tb_split(ac->rows * ac->cols, tid, nth, 16, &lo, &hi);
		if (hi > lo)
			ac->isa->act[op](ac->y + lo, ac->x + lo, 1, hi - lo);
	}
}

static void act_do(const struct tb_case *c, float *y, const float *x, size_t rows, size_t cols)
{
	struct act_call ac = {c, tb_op_isa_of(c), y, x, rows, cols};
	tb_ops_parallel(c, act_part, &ac);
}

static double sigmoid_d(double x)
{
	double e = exp(-fabs(x));
	return x < 0 ? e / (1 + e) : 1 / (1 + e);
}

/* the exact values, in double: exact_<ref> of a MAP row is y(x); of a
 * ROWS row, the unnormalised y(x - max of the row), divided by its row sum */
static double exact_relu(double x) { return x < 0 ? 0 : x; }
static double exact_sigmoid(double x) { return sigmoid_d(x); }
static double exact_tanh(double x) { return tanh(x); }
static double exact_gelu(double x)
{
	const double k1 = 2 * sqrt(2 / M_PI);
	if (isinf(x))
		return x < 0 ? -0.0 : x;
	return x * sigmoid_d(x * (k1 + k1 * 0.044715 * x * x));
}
static double exact_gelu_erf(double x)
{
	if (isinf(x))
		return x < 0 ? -0.0 : x;
	return x * 0.5 * erfc(-x * M_SQRT1_2);
}
static double exact_softmax(double d) { return exp(d); }

static double (*const exact[TB_OP_N])(double) = {
#define TB_OP_ACT(ID, name, kind, ref, ...) [TB_##ID] = exact_##ref,
#include "ops.def"
};

double tb_act_exact(enum tb_op op, double x)
{
	return tb_op_info[op].group[0] == 'a' && exact[op] ? exact[op](x) : NAN;
}

/* the exact value of output j of row xr (m, total: the row's max and sum
 * of exact(x - m) for a ROWS kind) */
static double want_of(enum tb_op op, const float *xr, size_t j, double m, double total)
{
	if (tb_op_info[op].kind == TB_OPK_ROWS)
		return exact[op]((double)xr[j] - m) / total;
	return exact[op](xr[j]);
}

/* max ULP error of y against the reference of x (rows x cols); the first
 * failing index in *at */
static double ulp_errors(enum tb_op op, const float *y, const float *x, size_t rows, size_t cols,
			 size_t *at)
{
	double worst = 0;
	*at = 0;
	for (size_t r = 0; r < rows; r++) {
		const float *xr = x + r * cols;
		double m = 0, total = 0;
		if (tb_op_info[op].kind == TB_OPK_ROWS) {
			m = xr[0];
			for (size_t j = 1; j < cols; j++)
				m = xr[j] > m ? xr[j] : m;
			for (size_t j = 0; j < cols; j++)
				total += exact[op]((double)xr[j] - m);
		}
		for (size_t j = 0; j < cols; j++) {
			double want = want_of(op, xr, j, m, total);
			double e = tb_ulp_error(y[r * cols + j], want);
			if (!(e <= worst)) {
				worst = e;
				*at = r * cols + j;
			}
		}
	}
	return worst;
}

static int check(struct tb_case *c, const float *x, size_t rows, size_t cols, const char *what,
		 double bound, double *worst, char *why, size_t len)
{
	enum tb_op op = tb_op_impl_of(c)->op;
	size_t n = rows * cols;
	float *yb = tb_alloc((n + 3 + PAD) * sizeof(float), why, len);
	if (!yb)
		return TB_VERIFY_NOMEM;
	int rc = 0;
	for (size_t off = 0; off < 4 && !rc; off += 3) {
		float *y = yb + off;
		for (size_t i = n; i < n + PAD; i++)
			y[i] = 12345.0f;
		act_do(c, y, x, rows, cols);
		size_t at;
		double e = ulp_errors(op, y, x, rows, cols, &at);
		if (!(e <= *worst))
			*worst = e;
		if (e > bound)
			rc = tb_err(why, len, "%s %zux%zu offset=%zu: f(%.9g) is %.9g, %.3g ulp from exact %.9g (bound %g ulp)",
				    what, rows, cols, off, (double)x[at], (double)y[at], e,
				    tb_op_info[op].kind == TB_OPK_ROWS ? NAN : exact[op](x[at]), bound);
		for (size_t i = n; i < n + PAD && !rc; i++)
			if (y[i] != 12345.0f)
				rc = tb_err(why, len, "%s %zux%zu: wrote past the end", what, rows, cols);
	}
	tb_free(yb);
	return rc;
}

/* inputs over the whole float range: specials, a log sweep of both signs
 * from 2^-30 to FLT_MAX, and dense uniform values where the op bends */
static size_t sweep(float *x, size_t cap, uint64_t seed)
{
	static const float special[] = {
		0.0f, -0.0f, INFINITY, -INFINITY, NAN, FLT_MIN, -FLT_MIN, 1e-45f, -1e-45f,
		FLT_MAX, -FLT_MAX, 1e30f, -1e30f, 88.72f, -88.72f, 104.0f, -104.0f, 0.625f,
		-0.625f, 1.0f, -1.0f, 9.0f, -9.0f, 20.0f, -20.0f, 13.0f, -13.0f, 1.4142135f,
		-1.4142135f, 2.828427f, -2.828427f,
	};
	size_t n = 0;
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		x[n++] = special[i];
	for (double e = -30; e <= 128 && n + 2 <= cap / 2; e += 0.0625) {
		float v = (float)ldexp(1.0, (int)floor(e)) * (float)exp2(e - floor(e));
		x[n++] = v;
		x[n++] = -v;
	}
	size_t rest = cap - n;
	tb_fill_uniform(x + n, rest / 2, seed, -16.0f, 16.0f);
	tb_fill_uniform(x + n + rest / 2, rest - rest / 2, seed + 1, -1.5f, 1.5f);
	return cap;
}

int tb_act_worst(struct tb_case *c, double bound, double *worst, char *why, size_t len)
{
	bool rowwise = tb_op_info_of(c)->kind == TB_OPK_ROWS;
	struct act_state *s = c->state;
	enum { NS = 6001 };
	float *xb = tb_alloc((NS + 3) * sizeof(float), why, len);
	if (!xb)
		return TB_VERIFY_NOMEM;
	int rc = -1;
	*worst = 0;
	/* the case's own input first */
	if (s && (rc = check(c, s->x, s->rows, s->cols, "input", bound, worst, why, len)))
		goto out;
	for (size_t off = 0; off < 4; off += 3) {
		float *x = xb + off;
		sweep(x, NS, c->seed);
		if (rowwise) {
			static const size_t shapes[][2] = {
				{1, 1}, {1, 3}, {3, 17}, {15, 17}, {17, 15}, {1, 1023}, {5, 1025},
				{40, 150}, {6000, 1}, {2, 3000},
			};
			for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
				tb_fill_uniform(x, NS, c->seed + i, -8.0f, 8.0f);
				if ((rc = check(c, x, shapes[i][0], shapes[i][1], "uniform", bound, worst, why, len)))
					goto out;
			}
			/* large magnitudes, -inf, NaN and +inf entries, one per row */
			sweep(x, NS, c->seed);
			if ((rc = check(c, x, 3, 2000, "sweep", bound, worst, why, len)))
				goto out;
			for (size_t i = 0; i < 1000; i++)
				x[i] = i % 7 == 0 ? -INFINITY : (float)(i % 50) * 2.5f - 60.0f;
			if ((rc = check(c, x, 10, 100, "wide", bound, worst, why, len)))
				goto out;
			/* max in [0, 64] (no shift needed) with exponentials down in
			 * the denormals and below */
			for (size_t i = 0; i < 2000; i++)
				x[i] = (i < 1000 ? 63.9f : 0.5f) - (float)(i % 1000) * 0.19f;
			if (check(c, x, 2, 1000, "deep", bound, worst, why, len))
				goto out;
		} else {
			static const size_t odd[] = {1, 3, 15, 17, 1023, 1025, NS};
			for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
				if ((rc = check(c, x + (NS - odd[i]), 1, odd[i], "sweep", bound, worst, why, len)))
					goto out;
		}
	}
	rc = 0;
out:
	tb_free(xb);
	return rc;
}

int tb_act_verify(struct tb_case *c, char *why, size_t len)
{
	double worst = 0;
	return tb_act_worst(c, tb_op_info_of(c)->bound, &worst, why, len);
}

size_t tb_act_memory(const struct tb_case *c)
{
	size_t per = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	size_t all = tb_mul_size(per, 3);
	return all ? all : SIZE_MAX;
}

/* input and result (activations run out of place) */
size_t tb_act_footprint(const struct tb_case *c)
{
	return tb_mul_size(c->n, 2 * sizeof(float));
}

int tb_act_setup(struct tb_case *c, char *err, size_t errlen)
{
	size_t bytes = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	if (!bytes)
		return tb_err(err, errlen, "size %zu overflows", c->n);
	struct act_state *s = calloc(1, sizeof(*s));
	if (!s)
		return tb_err(err, errlen, "out of memory");
	s->rows = c->rows && c->cols ? c->rows : 1;
	s->cols = c->rows && c->cols ? c->cols : c->n;
	s->xbuf = tb_alloc(bytes, err, errlen);
	s->ybuf = tb_alloc(bytes, err, errlen);
	if (!s->xbuf || !s->ybuf) {
		tb_free(s->xbuf);
		tb_free(s->ybuf);
		free(s);
		return -1;
	}
	s->x = s->xbuf + c->misalign;
	s->y = s->ybuf + c->misalign;
	tb_fill_uniform(s->x, c->n, c->seed, -8.0f, 8.0f);
	c->state = s;
	return 0;
}

void tb_act_teardown(struct tb_case *c)
{
	struct act_state *s = c->state;
	if (!s)
		return;
	tb_free(s->xbuf);
	tb_free(s->ybuf);
	free(s);
	c->state = NULL;
}

void tb_act_run(struct tb_case *c, uint64_t iters)
{
	struct act_state *s = c->state;
	for (uint64_t i = 0; i < iters; i++) {
		act_do(c, s->y, s->x, s->rows, s->cols);
		tb_escape(s->y);
	}
}

struct tb_work tb_act_work(const struct tb_case *c)
{
	double n = (double)c->n;
	return (struct tb_work){.bytes = 8.0 * n, .flops = tb_op_info_of(c)->flops * n,
				.items = n, .item_unit = "elem"};
}

#define TB_OP_ACT(ID, name, kind, ref, flops, bound, modes, variants, summary)                 \
	TB_OPS_DEFINE_KERNELS(act, ID, name, modes, variants)
#include "ops.def"
