/*
 * tbench/kernel.h - the public kernel API: the descriptor a benchmark
 * variant fills, the table a plugin exports, and what a kernel may call
 * (aligned allocation, seeded input, verification, the worker pool).
 *
 * tbench's own kernels (kernels/) use this very header.  A plugin is a
 * shared object that exports `const struct tb_plugin tbench_plugin`, built
 * with `cc $(pkg-config --cflags --libs tbench) -shared -fPIC`; tbench
 * dlopen()s it (`tbench run --plugin PATH.so`) and resolves the tb_*
 * functions below against the tbench executable.  docs/plugins.md.
 */
#ifndef TBENCH_KERNEL_H
#define TBENCH_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Modes a kernel supports (bit set).  A kernel with modes == 0 has no mode
 * (null, reductions, the emulator): its mode is shown as "-". */
enum tb_mode {
	TB_MODE_NONE = 0,
	TB_MODE_OUTOFPLACE = 1u << 0, /* y = f(x) */
	TB_MODE_INPLACE = 1u << 1,    /* x = f(x) */
};

const char *tb_mode_name(enum tb_mode m); /* "outofplace", "inplace", "-" */

struct tb_pool; /* persistent worker pool: tb_pool_run() below */

/* One benchmark case: a kernel at a size, mode and thread count. */
struct tb_case {
	const struct tb_kernel *k;
	enum tb_mode mode;
	size_t n;          /* elements (or loop iterations for emu) */
	size_t rows, cols; /* 2-D shape: "RxC" gives rows x cols; plain n gives 1 x n */
	unsigned threads;  /* worker threads (1 = the calling thread only) */
	uint64_t seed;     /* seed of the input generator (recorded) */
	float alpha;       /* scale factor / scalar operand, never 1 */
	size_t misalign;   /* start offset in elements (tests: unaligned starts) */
	struct tb_pool *pool; /* owned by the caller; NULL when threads == 1 */
	void *state;          /* owned by the kernel between setup and teardown */
};

/* Work done by one call of run() with iters == 1 (likwid-style metadata). */
struct tb_work {
	double bytes;          /* bytes read + written */
	double flops;          /* floating-point operations */
	double items;          /* items processed (elements, instructions, ...) */
	const char *item_unit; /* "elem", "insn", "op", ... */
};

/* verify(): the reference buffers could not be allocated */
#define TB_VERIFY_NOMEM (-2)

/* The descriptor's layout version: a descriptor carries .abi = TB_KERNEL_ABI
 * and the registry refuses one built for another (bump on any change to
 * struct tb_kernel, tb_case or tb_work).  abi, family and variant come first
 * and never move, so a refusal can always name the kernel.  It covers
 * struct tb_family, struct tb_plugin and the functions below too.  2: tb_case
 * lost work_factor (the engine applies `run --work-factor` itself).  3: the
 * public plugin API (include/tbench/kernel.h, struct tb_plugin).  4:
 * footprint (the working set the size tiers L1/L2/L3/DRAM are resolved
 * from). */
#define TB_KERNEL_ABI 4

struct tb_kernel {
	unsigned abi;        /* TB_KERNEL_ABI of the header it was built with */
	const char *family;  /* "scale", "null", "emu", "add", ... */
	const char *variant; /* "scalar", "avx2", "blas", "threaded", ... */
	const char *summary; /* one line for `tbench list` */
	unsigned modes;      /* enum tb_mode bits this variant supports */
	bool threaded;       /* uses c->threads workers of c->pool */
	const void *impl;    /* family-specific ops (e.g. struct tb_scale_impl) */

	/* true if this machine can run it; else *why says why not. NULL = always */
	bool (*supported)(const char **why);
	/* allocate (64-byte aligned), first-touch and fill inputs from c->seed */
	int (*setup)(struct tb_case *c, char *err, size_t errlen);
	/* the timed part: iters back-to-back calls */
	void (*run)(struct tb_case *c, uint64_t iters);
	/* compare against the family's reference on this case's size and on
	 * odd sizes / unaligned starts; 0 ok, -1 with *why filled, or
	 * TB_VERIFY_NOMEM when the comparison's buffers cannot be allocated
	 * (the case is then setup-failed, not failed-verify) */
	int (*verify)(struct tb_case *c, char *why, size_t len);
	void (*teardown)(struct tb_case *c);
	struct tb_work (*work)(const struct tb_case *c);
	/* bytes setup() will allocate (checked before allocating); NULL = tiny */
	size_t (*memory)(const struct tb_case *c);
	/* optional remark on a set-up case for the result's note, e.g. which
	 * kernel a dispatching variant runs; may leave buf empty */
	void (*describe)(const struct tb_case *c, char *buf, size_t len);
	/* bytes one call works on (its working set, what a cache must hold):
	 * how the size tiers L1/L2/L3/DRAM (`-s L2`) pick n.  NULL = n is not
	 * a size in memory (calls, steps, iterations) and tiers do not apply */
	size_t (*footprint)(const struct tb_case *c);
};

/* A family groups variants and says how to read `n`. */
struct tb_family {
	const char *name;
	const char *summary;
	const char *default_sizes; /* e.g. "100x100,500x500,1000x1000" */
	const char *reference;     /* variant every other one is checked against */
	const char *size_unit;     /* what n counts: "elements", "iterations" */
	const char *suite_sizes;   /* sizes used by the default suite (`tbench run`) */
};

/* The one table a plugin exports, under the name TB_PLUGIN_SYMBOL.  abi
 * comes first and never moves, so a plugin built for another layout is
 * refused with both numbers.  Every kernel's family must be one of the
 * plugin's families; every family needs its reference variant. */
struct tb_plugin {
	unsigned abi;                          /* TB_KERNEL_ABI */
	const char *name;                      /* short name: "saxpy-example" */
	const struct tb_family *families;      /* nfamilies families */
	size_t nfamilies;
	const struct tb_kernel *const *kernels; /* nkernels descriptors */
	size_t nkernels;
};

#define TB_PLUGIN_SYMBOL "tbench_plugin"

/* ---- what a kernel (built-in or plugin) may call ---- */

#define TB_ALIGN 64 /* cache line: every buffer from tb_alloc() starts on one */

/* 64-byte aligned, zero-filled (first touch by the caller's thread); NULL
 * with err filled when bytes is 0, overflows or cannot be allocated.  Free
 * with tb_free(). */
void *tb_alloc(size_t bytes, char *err, size_t errlen);
void tb_free(void *p);

/* x[i] uniform in [lo, hi), from a GSL mt19937 seeded with seed (the case's
 * c->seed is recorded with the results, so inputs can be reproduced) */
void tb_fill_uniform(float *x, size_t n, uint64_t seed, float lo, float hi);

/* snprintf into err (if non-NULL) and return -1 */
int tb_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* index of the first float that differs bit-for-bit, or n if none */
size_t tb_first_bit_diff(const float *a, const float *b, size_t n);

/* Distance in units in the last place between two floats (0 when equal,
 * +0 and -0 are equal; UINT32_MAX when either is NaN and not both) */
uint32_t tb_ulp_diff(float a, float b);

/* 0 when every got[i] is within max_ulp ULPs of want[i]; else -1 with why
 * naming the first index beyond it, both values and the distance.  what
 * names the kernel in the message.  max_ulp 0 is a bit-exact comparison. */
int tb_compare_ulp(const char *what, const float *got, const float *want, size_t n,
		   uint32_t max_ulp, char *why, size_t len);

/* One comparison of a verify() sweep: n elements starting off floats past a
 * 64-byte boundary, inputs from seed; 0, or -1 with why filled (or
 * TB_VERIFY_NOMEM). */
typedef int (*tb_check_fn)(struct tb_case *c, size_t n, size_t off, uint64_t seed, char *why,
			   size_t len);

/* check(c->n, c->misalign, c->seed), then odd sizes 1 ... 1025 at offsets
 * 0, 1 and 3 floats, so vector bodies, tails and unaligned starts are all
 * compared; stops at the first failure and returns its code */
int tb_verify_sweep(struct tb_case *c, tb_check_fn check, char *why, size_t len);

/* The worker pool of a threaded variant (.threaded = true): c->pool has
 * c->threads workers, created outside the timed region.  tb_pool_run()
 * calls fn on every worker (the caller is worker 0) and returns when all
 * are done. */
typedef void (*tb_pool_fn)(void *arg, unsigned tid, unsigned nthreads);
unsigned tb_pool_size(const struct tb_pool *p);
void tb_pool_run(struct tb_pool *p, tb_pool_fn fn, void *arg);
/* Split [0, n) into nthreads parts whose boundaries fall on multiples of
 * align elements; part tid is [*b, *e). */
void tb_split(size_t n, unsigned tid, unsigned nthreads, size_t align,
	      size_t *b, size_t *e);

/* Keeps the compiler from deleting a result (asm volatile barrier). */
static inline void tb_escape(const void *p)
{
	__asm__ volatile("" : : "g"(p) : "memory");
}

#ifdef __cplusplus
}
#endif

#endif
