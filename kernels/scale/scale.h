/*
 * scale.h - the vector-scale family: y = a*x (out-of-place), x *= a
 * (in-place), float32.  A variant supplies a struct tb_scale_impl and uses
 * TB_SCALE_KERNEL; buffers, timing loop and verification are shared here.
 */
#ifndef TB_SCALE_H
#define TB_SCALE_H

#include "../kernel.h"

struct tb_scale_impl {
	/* y[i] = a * x[i]; c gives the pool and threads (most variants ignore it) */
	void (*out)(const struct tb_case *c, float *restrict y,
		    const float *restrict x, float a, size_t n);
	/* x[i] *= a */
	void (*in)(const struct tb_case *c, float *x, float a, size_t n);
	/* optional: called by tb_scale_setup before allocating (BLAS threads) */
	void (*prepare)(const struct tb_case *c);
};

/* The reference (scale/scalar.c, compiled without vectorisation). */
void tb_scale_ref_out(float *restrict y, const float *restrict x, float a, size_t n);
void tb_scale_ref_in(float *x, float a, size_t n);

int tb_scale_setup(struct tb_case *c, char *err, size_t errlen);
void tb_scale_run(struct tb_case *c, uint64_t iters);
int tb_scale_verify(struct tb_case *c, char *why, size_t len);
void tb_scale_teardown(struct tb_case *c);
struct tb_work tb_scale_work(const struct tb_case *c);
size_t tb_scale_memory(const struct tb_case *c);
size_t tb_scale_footprint(const struct tb_case *c);

/* The part [*b, *e) of n elements that worker tid of nth handles: the
 * boundaries fall on 64-byte lines of p (the array the part writes), so
 * no two workers write into the same cache line.  Threaded variants and
 * the first touch in tb_scale_setup use the same split. */
void tb_scale_part(const float *p, size_t n, unsigned tid, unsigned nth, size_t *b,
		   size_t *e);

/* Run one call of the variant on caller-owned buffers (tests, verification). */
void tb_scale_call(const struct tb_case *c, float *y, const float *x, float a, size_t n);

#define TB_SCALE_KERNEL(variant_, summary_, impl_, supported_, modes_, threaded_) \
	{                                                                       \
		.family = "scale", .variant = variant_, .summary = summary_,    \
		.modes = modes_, .threaded = threaded_, .impl = impl_,          \
		.supported = supported_, .setup = tb_scale_setup,               \
		.run = tb_scale_run, .verify = tb_scale_verify,                 \
		.teardown = tb_scale_teardown, .work = tb_scale_work,           \
		.memory = tb_scale_memory, .footprint = tb_scale_footprint,     \
	}

#define TB_SCALE_BOTH (TB_MODE_OUTOFPLACE | TB_MODE_INPLACE)

#endif
