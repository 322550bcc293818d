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
	/* optional: called by tb_scale_setup once the buffers are filled; the
	 * kernel a dispatching variant (best, threaded) will run, kept with
	 * the case (tb_scale_chosen) */
	const struct tb_kernel *(*plan)(struct tb_case *c, float *y, float *x);
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

/* What plan() chose for this case after setup; NULL before (or without
 * plan): the variant then falls back to tb_scale_pick. */
const struct tb_kernel *tb_scale_chosen(const struct tb_case *c);

/* Out of place beyond this many bytes of x + y, only streaming-store
 * kernels are candidates: the last-level cache size from sysfs. */
size_t tb_scale_nt_threshold(void);

/* Runs kernel k once on (y, x) for the planner: directly (best) or split
 * over the case's pool (threaded). */
typedef void (*tb_scale_call_fn)(const struct tb_case *c, const struct tb_kernel *k, float *y,
				 float *x, float a);

/* The fastest supported candidate for c's mode and size, timed here on the
 * case's own buffers (interleaved rounds, the fastest of each; outside any timed
 * region), ties to the earlier one in the list (tb_scale_candidates).
 * Remembered per (call, mode, n, threads) for the rest of the process. */
const struct tb_kernel *tb_scale_plan(struct tb_case *c, float *y, float *x,
				      tb_scale_call_fn call);

/* The candidates for (mode, n), in preference order, into out (room for
 * TB_SCALE_MAX_CANDIDATES); how many.  Out of place by the bytes of x + y:
 * up to L2 ordinary stores, beyond the LLC streaming stores, between both. */
#define TB_SCALE_MAX_CANDIDATES 8
size_t tb_scale_candidates(enum tb_mode mode, size_t n, const struct tb_kernel **out);

/* Without timing: the first supported candidate for (mode, n) */
const struct tb_kernel *tb_scale_pick(enum tb_mode mode, size_t n);

/* "runs <variant>" into buf: the describe() of dispatching variants */
void tb_scale_describe(const struct tb_case *c, char *buf, size_t len);

/* Run one call of the variant on caller-owned buffers (tests, verification). */
void tb_scale_call(const struct tb_case *c, float *y, const float *x, float a, size_t n);

#define TB_SCALE_KERNEL(variant_, summary_, impl_, supported_, modes_, threaded_) \
	{                                                                       \
		.abi = TB_KERNEL_ABI, .family = "scale", .variant = variant_,   \
		.summary = summary_,                                            \
		.modes = modes_, .threaded = threaded_, .impl = impl_,          \
		.supported = supported_, .setup = tb_scale_setup,               \
		.run = tb_scale_run, .verify = tb_scale_verify,                 \
		.teardown = tb_scale_teardown, .work = tb_scale_work,           \
		.memory = tb_scale_memory, .describe = tb_scale_describe,       \
		.footprint = tb_scale_footprint,                                \
	}

#define TB_SCALE_BOTH (TB_MODE_OUTOFPLACE | TB_MODE_INPLACE)

#endif
