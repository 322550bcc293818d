/*
 * reduce.c - the harness of the reductions (ops.def's RED rows): sum,
 * mean, max, min over the whole tensor (kind ALL: sum, mean, ...), along
 * each row (ROWS, sum_rows: one result per row, NumPy axis=1) and along each
 * column (COLS, sum_cols: one per column, axis=0) of a rows x cols
 * row-major tensor.
 *
 * Verification against a double-precision reference: within the row's
 * bound times 2^-24 sum|x| of the exact sum (divided by n for a mean);
 * bound 0 (max, min) is exact.  ops.def states 128, i.e. 2^-17 sum|x|: the
 * blocked summation every variant uses guarantees 70 u sum|x|, u = 2^-24.
 */
#include "ops.h"

#include "../common.h"
#include "../pool.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAD 16
#define MAXPART 256

/* what a row's ref reduces with */
enum red_ref { RED_sum, RED_mean, RED_max, RED_min };
static const enum red_ref red_ref[TB_OP_N] = {
#define TB_OP_RED(ID, name, kind, ref, ...) [TB_##ID] = RED_##ref,
#include "ops.def"
};

struct red_state {
	float *xbuf, *x, *out;
	size_t rows, cols;
};

struct red_call {
	const struct tb_case *c;
	const struct tb_ops_isa *isa;
	const float *x;
	size_t rows, cols;
	float *out;
	double part[MAXPART];
	float mpart[MAXPART];
};

static void shape(const struct tb_case *c, size_t *rows, size_t *cols)
{
	*rows = c->rows && c->cols ? c->rows : 1;
	*cols = c->rows && c->cols ? c->cols : c->n;
}

static void red_part(void *arg, unsigned tid, unsigned nth)
{
	struct red_call *rc = arg;
	const struct tb_ops_isa *isa = rc->isa;
	size_t lo, hi, n = rc->rows * rc->cols;
	enum red_ref op = red_ref[tb_op_impl_of(rc->c)->op];
	switch (tb_op_info_of(rc->c)->kind) {
	case TB_OPK_ALL:
		tb_split(n, tid, nth, 16, &lo, &hi);
		if (hi <= lo) {
			rc->part[tid] = 0;
			rc->mpart[tid] = rc->x[0];
		} else if (op == RED_sum || op == RED_mean) {
			rc->part[tid] = isa->sum(rc->x + lo, hi - lo);
		} else {
			rc->mpart[tid] = (op == RED_max ? isa->max : isa->min)(rc->x + lo, hi - lo);
		}
		break;
	case TB_OPK_ROWS:
		tb_split(rc->rows, tid, nth, 1, &lo, &hi);
		for (size_t r = lo; r < hi; r++) {
			const float *row = rc->x + r * rc->cols;
			if (op == RED_sum || op == RED_mean)
				rc->out[r] = (float)(isa->sum(row, rc->cols) /
						     (op == RED_mean ? (double)rc->cols : 1.0));
			else
				rc->out[r] = (op == RED_max ? isa->max : isa->min)(row, rc->cols);
		}
		break;
	default: /* TB_OPK_COLS */
		tb_split(rc->cols, tid, nth, 16, &lo, &hi);
		if (hi > lo)
			isa->cols(op == RED_max ? TB_RED_MAX : op == RED_min ? TB_RED_MIN : TB_RED_SUM,
				  rc->out, rc->x, rc->rows, rc->cols, lo, hi,
				  op == RED_mean ? 1.0 / (double)rc->rows : 1.0);
		break;
	}
}

/* the variant's result: out[0] (whole), out[rows] or out[cols] */
static void red_do(const struct tb_case *c, struct red_call *rc)
{
	const struct tb_op_impl *im = tb_op_impl_of(c);
	enum red_ref op = red_ref[im->op];
	unsigned nth = c->pool && c->threads > 1 && (im->flags & TB_OPS_THREADED) ? c->threads : 1;
	tb_ops_parallel(c, red_part, rc);
	if (tb_op_info_of(c)->kind != TB_OPK_ALL)
		return;
	if (op == RED_sum || op == RED_mean) {
		double s = 0;
		for (unsigned t = 0; t < nth; t++)
			s += rc->part[t];
		rc->out[0] = (float)(op == RED_mean ? s / (double)(rc->rows * rc->cols) : s);
	} else {
		float m = rc->mpart[0];
		for (unsigned t = 1; t < nth; t++)
			m = op == RED_max ? (rc->mpart[t] > m ? rc->mpart[t] : m)
					  : (rc->mpart[t] < m ? rc->mpart[t] : m);
		rc->out[0] = m;
	}
}

size_t tb_red_memory(const struct tb_case *c)
{
	size_t per = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	size_t all = tb_mul_size(per, 3); /* input, output (at most n), verification */
	return all ? all : SIZE_MAX;
}

/* the input and the results (one per row or column) */
size_t tb_red_footprint(const struct tb_case *c)
{
	enum tb_op_kind axis = tb_op_info_of(c)->kind;
	size_t rows, cols;
	shape(c, &rows, &cols);
	size_t nout = axis == TB_OPK_ALL ? 1 : axis == TB_OPK_ROWS ? rows : cols;
	return tb_mul_size(c->n + nout, sizeof(float));
}

int tb_red_setup(struct tb_case *c, char *err, size_t errlen)
{
	if (c->threads > MAXPART)
		return tb_err(err, errlen, "at most %d threads", MAXPART);
	size_t bytes = tb_mul_size(c->n + c->misalign + PAD, sizeof(float));
	if (!bytes)
		return tb_err(err, errlen, "size %zu overflows", c->n);
	struct red_state *s = calloc(1, sizeof(*s));
	if (!s)
		return tb_err(err, errlen, "out of memory");
	shape(c, &s->rows, &s->cols);
	s->xbuf = tb_alloc(bytes, err, errlen);
	s->out = tb_alloc((s->rows > s->cols ? s->rows : s->cols) * sizeof(float), err, errlen);
	if (!s->xbuf || !s->out) {
		tb_free(s->xbuf);
		tb_free(s->out);
		free(s);
		return -1;
	}
	s->x = s->xbuf + c->misalign;
	tb_fill_uniform(s->x, c->n, c->seed, -1.0f, 1.0f);
	c->state = s;
	return 0;
}

void tb_red_teardown(struct tb_case *c)
{
	struct red_state *s = c->state;
	if (!s)
		return;
	tb_free(s->xbuf);
	tb_free(s->out);
	free(s);
	c->state = NULL;
}

void tb_red_run(struct tb_case *c, uint64_t iters)
{
	struct red_state *s = c->state;
	struct red_call rc = {.c = c, .isa = tb_op_isa_of(c), .x = s->x, .rows = s->rows,
			      .cols = s->cols, .out = s->out};
	for (uint64_t i = 0; i < iters; i++) {
		red_do(c, &rc);
		tb_escape(s->out);
	}
}

/* check the variant on a rows x cols input starting off floats past a
 * cache line */
static int check_one(struct tb_case *c, size_t rows, size_t cols, size_t off, uint64_t seed,
		     char *why, size_t len)
{
	const struct tb_op_info *oi = tb_op_info_of(c);
	enum red_ref op = red_ref[tb_op_impl_of(c)->op];
	enum tb_op_kind axis = oi->kind;
	size_t n = rows * cols, nout = axis == TB_OPK_ALL ? 1 : axis == TB_OPK_ROWS ? rows : cols;
	float *xb = tb_alloc((n + off + PAD) * sizeof(float), why, len);
	float *out = tb_alloc((nout + PAD) * sizeof(float), why, len);
	int rc = TB_VERIFY_NOMEM;
	if (!xb || !out)
		goto done;
	rc = -1;
	float *x = xb + off;
	tb_fill_uniform(x, n, seed, -1.0f, 1.0f);
	for (size_t i = nout; i < nout + PAD; i++)
		out[i] = 12345.0f;
	struct red_call call = {.c = c, .isa = tb_op_isa_of(c), .x = x, .rows = rows, .cols = cols, .out = out};
	red_do(c, &call);
	for (size_t k = 0; k < nout; k++) {
		/* the line this output reduces: start, count, stride */
		size_t start = axis == TB_OPK_ROWS ? k * cols : axis == TB_OPK_COLS ? k : 0;
		size_t cnt = axis == TB_OPK_ALL ? n : axis == TB_OPK_ROWS ? cols : rows;
		size_t stride = axis == TB_OPK_COLS ? cols : 1;
		double s = 0, sa = 0, m = x[start];
		for (size_t i = 0; i < cnt; i++) {
			double v = x[start + i * stride];
			s += v;
			sa += fabs(v);
			if (op == RED_max ? v > m : v < m)
				m = v;
		}
		/* the row's bound is in units of 2^-24 sum|x| (0: exact) */
		double want = op == RED_sum ? s : op == RED_mean ? s / (double)cnt : m;
		double tol = oi->bound * 0x1p-24 * (op == RED_mean ? sa / (double)cnt : sa);
		if (!(fabs((double)out[k] - want) <= tol)) {
			tb_err(why, len, "%zux%zu offset=%zu: result %zu is %.9g, exact %.9g (bound %.3g)",
			       rows, cols, off, k, (double)out[k], want, tol);
			goto done;
		}
	}
	for (size_t i = nout; i < nout + PAD; i++)
		if (out[i] != 12345.0f) {
			tb_err(why, len, "%zux%zu offset=%zu: wrote past the end of the result", rows, cols, off);
			goto done;
		}
	rc = 0;
done:
	tb_free(xb);
	tb_free(out);
	return rc;
}

int tb_red_verify(struct tb_case *c, char *why, size_t len)
{
	static const size_t shapes[][2] = {
		{1, 1}, {1, 3}, {3, 1}, {1, 17}, {15, 17}, {17, 15}, {3, 1025}, {1023, 3},
		{1, 1023}, {1025, 1}, {65, 63}, {63, 65}, {7, 300}, {130, 9}, {2, 5000},
	};
	static const size_t offs[] = {0, 1, 3};
	size_t rows, cols;
	if (c->threads > MAXPART)
		return tb_err(why, len, "at most %d threads", MAXPART);
	shape(c, &rows, &cols);
	if (check_one(c, rows, cols, c->misalign, c->seed, why, len))
		return -1;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		for (size_t j = 0; j < sizeof(offs) / sizeof(offs[0]); j++)
			if (check_one(c, shapes[i][0], shapes[i][1], offs[j], c->seed + i, why, len))
				return -1;
	return 0;
}

struct tb_work tb_red_work(const struct tb_case *c)
{
	double n = (double)c->n;
	return (struct tb_work){.bytes = 4.0 * n, .flops = tb_op_info_of(c)->flops * n, .items = n,
				.item_unit = "elem"};
}

#define TB_OP_RED(ID, name, kind, ref, flops, bound, modes, variants, summary)                 \
	TB_OPS_DEFINE_KERNELS(red, ID, name, modes, variants)
#include "ops.def"
