/*
 * create.c - the harness of tensor creation (ops.def's CREATE rows): fills
 * (zeros, ones: kind FILL, the value in the row's ref), from_vec
 * (copy of a host buffer) and rand (uniform [0, 1) from GSL's taus2, a fast
 * maximally equidistributed Tausworthe generator; mt19937 was 2x slower here).
 * One call = obtain the tensor's memory, fill it, release it: a fresh
 * 64-byte aligned allocation per call (scalar, SIMD, threaded variants), or
 * a buffer reused from a small pool (the pool variants), so the two show
 * what allocation and first touch cost; the threaded variants split the
 * fill of a fresh allocation over the persistent pool, as PyTorch's
 * parallel fill does.
 *
 * rand fills blocks of RAND_BLOCK elements; in block b, element i is the
 * next word of stream i % TB_RAND_LANES, stream l a gsl_rng_taus2 seeded
 * with block_seed(seed, b * TB_RAND_LANES + l); the float is the word's top
 * 24 bits times 2^-24.  Every variant, threaded or not, yields the same
 * tensor.  The scalar variant calls GSL (gsl_rng_get per element, the
 * reference); the others run the same recurrence 16 streams at a time
 * (vec_body.h) from GSL's seeding procedure redone here, so verifying them
 * bit for bit against the scalar variant also checks that seeding.
 * Verification is bit-exact: zeros are +0, ones 1, from_vec the source,
 * rand equal to the single-threaded GSL reference.
 */
#include "ops.h"
#include "taus2.h"

#include "../common.h"
#include "../pool.h"

#include <gsl/gsl_rng.h>
#include <stdlib.h>
#include <string.h>

#define RAND_BLOCK 16384
#define POOL_SLOTS 4

/* a FILL row's value is its ref */
static const float fill_value[TB_OP_N] = {
#define TB_OP_CREATE(ID, name, kind, ref, ...) [TB_##ID] = FILL_VALUE_##kind(ref),
#define FILL_VALUE_FILL(ref) (float)(ref)
#define FILL_VALUE_COPY(ref) 0
#define FILL_VALUE_RAND(ref) 0
#include "ops.def"
};

/* a minimal buffer pool: released buffers are kept for the next request */
struct bufpool {
	void *buf[POOL_SLOTS];
	size_t size[POOL_SLOTS];
};

struct create_state {
	float *src; /* from_vec's host buffer */
	struct bufpool pool;
};

static void *pool_get(struct bufpool *p, size_t bytes)
{
	for (int i = 0; i < POOL_SLOTS; i++)
		if (p->buf[i] && p->size[i] >= bytes) {
			void *b = p->buf[i];
			p->buf[i] = NULL;
			return b;
		}
	void *b = NULL;
	return posix_memalign(&b, TB_ALIGN, bytes) ? NULL : b;
}

static void pool_put(struct bufpool *p, void *b, size_t bytes)
{
	for (int i = 0; i < POOL_SLOTS; i++)
		if (!p->buf[i]) {
			p->buf[i] = b;
			p->size[i] = bytes;
			return;
		}
	free(b);
}

static void pool_clear(struct bufpool *p)
{
	for (int i = 0; i < POOL_SLOTS; i++) {
		free(p->buf[i]);
		p->buf[i] = NULL;
	}
}

static unsigned long block_seed(uint64_t seed, size_t b)
{
	return (unsigned long)(seed * 0x9E3779B97F4A7C15ull + b + 1);
}

struct rand_call {
	float *y;
	size_t n;
	uint64_t seed;
	const struct tb_ops_isa *isa; /* NULL: GSL's own generators (the reference) */
};

/* GSL's taus2_set (taus.c) for stream l: an LCG from the seed, each word
 * kept above the low bits its recurrence drops, then six warm-up steps */
static void taus2_seed(uint32_t st[3][TB_RAND_LANES], unsigned l, unsigned long seed)
{
	if (seed == 0)
		seed = 1;
	uint32_t s1 = (uint32_t)(69069ul * seed), s2, s3;
	if (s1 < 2)
		s1 += 2;
	s2 = 69069u * s1;
	if (s2 < 8)
		s2 += 8;
	s3 = 69069u * s2;
	if (s3 < 16)
		s3 += 16;
	for (int k = 0; k < 6; k++)
		TB_TAUS2_STEP(s1, s2, s3);
	st[0][l] = s1;
	st[1][l] = s2;
	st[2][l] = s3;
}

static void rand_block_gsl(gsl_rng *r[TB_RAND_LANES], const struct rand_call *rc, size_t b,
			   size_t end)
{
	for (unsigned l = 0; l < TB_RAND_LANES; l++)
		gsl_rng_set(r[l], block_seed(rc->seed, b * TB_RAND_LANES + l));
	for (size_t i = b * RAND_BLOCK; i < end; i++)
		rc->y[i] = (float)(gsl_rng_get(r[i % TB_RAND_LANES]) >> 8) * 0x1p-24f;
}

static void rand_part(void *arg, unsigned tid, unsigned nth)
{
	const struct rand_call *rc = arg;
	size_t nblocks = (rc->n + RAND_BLOCK - 1) / RAND_BLOCK, lo, hi;
	tb_split(nblocks, tid, nth, 1, &lo, &hi);
	if (hi <= lo)
		return;
	gsl_rng *r[TB_RAND_LANES] = {0};
	for (unsigned l = 0; l < TB_RAND_LANES && !rc->isa; l++)
		if (!(r[l] = gsl_rng_alloc(gsl_rng_taus2)))
			goto out; /* leaves the blocks unfilled: verification catches it */
	for (size_t b = lo; b < hi; b++) {
		size_t end = (b + 1) * RAND_BLOCK < rc->n ? (b + 1) * RAND_BLOCK : rc->n;
		if (!rc->isa) {
			rand_block_gsl(r, rc, b, end);
			continue;
		}
		uint32_t st[3][TB_RAND_LANES];
		for (unsigned l = 0; l < TB_RAND_LANES; l++)
			taus2_seed(st, l, block_seed(rc->seed, b * TB_RAND_LANES + l));
		rc->isa->taus2(rc->y + b * RAND_BLOCK, end - b * RAND_BLOCK, st);
	}
out:
	for (unsigned l = 0; l < TB_RAND_LANES; l++)
		if (r[l])
			gsl_rng_free(r[l]);
}

struct fill_call {
	const struct tb_ops_isa *isa;
	enum tb_op_kind kind;
	float v, *y;
	const float *src;
	size_t n;
};

static void fill_part(void *arg, unsigned tid, unsigned nth)
{
	const struct fill_call *fc = arg;
	size_t lo, hi;
	tb_split(fc->n, tid, nth, 16, &lo, &hi);
	if (hi <= lo)
		return;
	if (fc->kind == TB_OPK_FILL)
		fc->isa->fill(fc->y + lo, fc->v, hi - lo);
	else
		fc->isa->copy(fc->y + lo, fc->src + lo, hi - lo);
}

/* one creation into y (n floats), split over the pool for a threaded variant */
static void fill(const struct tb_case *c, float *y, const float *src, size_t n)
{
	const struct tb_ops_isa *isa = tb_op_isa_of(c);
	enum tb_op_kind kind = tb_op_info_of(c)->kind;
	if (kind == TB_OPK_RAND) {
		struct rand_call rc = {y, n, c->seed, isa == &tb_ops_scalar ? NULL : isa};
		tb_ops_parallel(c, rand_part, &rc);
		return;
	}
	struct fill_call fc = {isa, kind, fill_value[tb_op_impl_of(c)->op], y, src, n};
	tb_ops_parallel(c, fill_part, &fc);
}

static float *obtain(struct create_state *s, const struct tb_case *c, size_t bytes)
{
	if (tb_op_impl_of(c)->flags & TB_OPS_POOLED)
		return pool_get(&s->pool, bytes);
	void *b = NULL;
	return posix_memalign(&b, TB_ALIGN, bytes) ? NULL : b;
}

static void release(struct create_state *s, const struct tb_case *c, float *y, size_t bytes)
{
	if (tb_op_impl_of(c)->flags & TB_OPS_POOLED)
		pool_put(&s->pool, y, bytes);
	else
		free(y);
}

size_t tb_create_memory(const struct tb_case *c)
{
	size_t all = tb_mul_size(c->n + 16, 3 * sizeof(float));
	return all ? all : SIZE_MAX;
}

/* the tensor made (from_vec also reads its source) */
size_t tb_create_footprint(const struct tb_case *c)
{
	return tb_mul_size(c->n, (tb_op_info_of(c)->kind == TB_OPK_COPY ? 2 : 1) * sizeof(float));
}

int tb_create_setup(struct tb_case *c, char *err, size_t errlen)
{
	if (!tb_mul_size(c->n, sizeof(float)))
		return tb_err(err, errlen, "size %zu overflows", c->n);
	struct create_state *s = calloc(1, sizeof(*s));
	if (!s)
		return tb_err(err, errlen, "out of memory");
	if (tb_op_info_of(c)->kind == TB_OPK_COPY) {
		s->src = tb_alloc(c->n * sizeof(float), err, errlen);
		if (!s->src) {
			free(s);
			return -1;
		}
		tb_fill_uniform(s->src, c->n, c->seed, -1.0f, 1.0f);
	}
	c->state = s;
	return 0;
}

void tb_create_teardown(struct tb_case *c)
{
	struct create_state *s = c->state;
	if (!s)
		return;
	pool_clear(&s->pool);
	tb_free(s->src);
	free(s);
	c->state = NULL;
}

void tb_create_run(struct tb_case *c, uint64_t iters)
{
	struct create_state *s = c->state;
	size_t bytes = c->n * sizeof(float);
	for (uint64_t i = 0; i < iters; i++) {
		float *y = obtain(s, c, bytes);
		if (!y)
			continue;
		fill(c, y, s->src, c->n);
		tb_escape(y);
		release(s, c, y, bytes);
	}
}

int tb_create_verify(struct tb_case *c, char *why, size_t len)
{
	static const size_t sizes[] = {1, 3, 15, 17, 1023, 1025, RAND_BLOCK + 5, 3 * RAND_BLOCK - 1};
	enum tb_op_kind kind = tb_op_info_of(c)->kind;
	struct create_state tmp = {0};
	struct create_state *s = c->state ? c->state : &tmp;
	int rc = 0;
	for (size_t k = 0; k <= sizeof(sizes) / sizeof(sizes[0]) && !rc; k++) {
		size_t n = k < sizeof(sizes) / sizeof(sizes[0]) ? sizes[k] : c->n;
		size_t bytes = n * sizeof(float);
		float *src = tb_alloc(bytes, why, len), *want = tb_alloc(bytes, why, len);
		float *y = src && want ? obtain(s, c, bytes) : NULL;
		if (!y) {
			tb_err(why, len, "n=%zu: cannot allocate", n);
			rc = TB_VERIFY_NOMEM;
		} else {
			tb_fill_uniform(src, n, c->seed + k, -1.0f, 1.0f);
			for (size_t i = 0; i < n; i++)
				y[i] = 777.0f; /* a pooled buffer must be overwritten */
			fill(c, y, src, n);
			if (kind == TB_OPK_RAND) {
				struct rand_call r = {want, n, c->seed, NULL};
				rand_part(&r, 0, 1);
			} else if (kind == TB_OPK_COPY) {
				memcpy(want, src, bytes);
			} else {
				for (size_t i = 0; i < n; i++)
					want[i] = fill_value[tb_op_impl_of(c)->op];
			}
			size_t d = tb_first_bit_diff(y, want, n);
			if (d < n)
				rc = tb_err(why, len, "n=%zu: element %zu is %.9g, expected %.9g", n, d,
					    (double)y[d], (double)want[d]);
			release(s, c, y, bytes);
		}
		tb_free(src);
		tb_free(want);
	}
	pool_clear(&tmp.pool);
	return rc;
}

struct tb_work tb_create_work(const struct tb_case *c)
{
	double n = (double)c->n;
	const struct tb_op_info *oi = tb_op_info_of(c);
	return (struct tb_work){.bytes = (oi->kind == TB_OPK_COPY ? 8.0 : 4.0) * n,
				.flops = oi->flops * n, .items = n, .item_unit = "elem"};
}

#define TB_OP_CREATE(ID, name, kind, ref, flops, bound, modes, variants, summary)              \
	TB_OPS_DEFINE_KERNELS(create, ID, name, modes, variants)
#include "ops.def"
