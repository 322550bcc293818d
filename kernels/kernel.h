/*
 * kernel.h - the kernel descriptor: what every benchmark workload exports.
 *
 * One variant of a workload is one `const struct tb_kernel` in its own file,
 * listed once in kernels/kernels.def.  kernels/ is pure computation: it links
 * against nothing else of tbench (so it cross-builds for AArch64 on its own)
 * and never prints.  Functions return 0 or a negative error and fill `err`.
 */
#ifndef TB_KERNEL_H
#define TB_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Modes a kernel supports (bit set).  A kernel with modes == 0 has no mode
 * (null, reductions, the emulator): its mode is shown as "-". */
enum tb_mode {
	TB_MODE_NONE = 0,
	TB_MODE_OUTOFPLACE = 1u << 0, /* y = f(x) */
	TB_MODE_INPLACE = 1u << 1,    /* x = f(x) */
};

const char *tb_mode_name(enum tb_mode m); /* "outofplace", "inplace", "-" */

struct tb_pool; /* persistent worker pool, kernels/pool.h */

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
 * and never move, so a refusal can always name the kernel.  2: tb_case lost
 * work_factor (the engine applies `run --work-factor` itself).  3: footprint
 * (the working set the size tiers L1/L2/L3/DRAM are resolved from). */
#define TB_KERNEL_ABI 3

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
	 * how the size tiers L1/L2/L3/DRAM pick n.  NULL = n is not a size in
	 * memory (calls, steps, iterations) and tiers do not apply */
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

/* Registry (kernels/registry.c, generated from kernels/kernels.def).  On
 * first use every descriptor is checked with tb_kernel_check(); one that
 * fails is refused (left out), and tb_registry_error() says why. */
size_t tb_kernel_count(void);
const struct tb_kernel *tb_kernel_at(size_t i);
const struct tb_kernel *tb_kernel_find(const char *family, const char *variant);
size_t tb_family_count(void);
const struct tb_family *tb_family_at(size_t i);
const struct tb_family *tb_family_find(const char *name);
/* 0 if this tbench can use k: .abi is TB_KERNEL_ABI, names and summary set,
 * run, verify and work present, setup and teardown both or neither; else -1
 * with err saying which (a wrong abi names both numbers) */
int tb_kernel_check(const struct tb_kernel *k, char *err, size_t errlen);
/* copies the descriptors of in[0..n) that pass tb_kernel_check() to out, in
 * order, and returns how many; err gets the first refusal ("" if none) */
size_t tb_kernel_accept(const struct tb_kernel *const *in, size_t n,
			const struct tb_kernel **out, char *err, size_t errlen);
/* "" when every listed descriptor passed tb_kernel_check(), else the
 * message of the first one refused */
const char *tb_registry_error(void);
/* supported() with NULL meaning "yes"; *why set to "" when supported */
bool tb_kernel_supported(const struct tb_kernel *k, const char **why);

/* Keeps the compiler from deleting a result (asm volatile barrier). */
static inline void tb_escape(const void *p)
{
	__asm__ volatile("" : : "g"(p) : "memory");
}

#endif
