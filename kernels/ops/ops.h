/*
 * ops.h - the tensor-style op families (element-wise binary, reductions,
 * activations, creation), float32.
 *
 * Every op is written once per instruction set behind one table, struct
 * tb_ops_isa: ref.c is the scalar reference, isa_avx2.c / isa_avx512.c /
 * isa_neon.c compile the same vector source (vec_body.h) for each ISA.
 * A variant is (table, threaded?, pooled?): the harnesses in binary/,
 * reduce/, act/ and create/ do setup, the timed loop, verification and work
 * per call for every variant of every family, parameterised by the op.
 * Descriptors are one line each, through the TB_*_KERNEL macros below.
 */
#ifndef TB_OPS_H
#define TB_OPS_H

#include "../kernel.h"

enum tb_bin_op { TB_ADD, TB_SUB, TB_MUL, TB_DIV, TB_BIN_N };
enum tb_red_op { TB_SUM, TB_MEAN, TB_MAX, TB_MIN, TB_RED_N };
enum tb_axis { TB_AXIS_ALL, TB_AXIS_ROWS, TB_AXIS_COLS };
enum tb_act_op { TB_RELU, TB_SIGMOID, TB_TANH, TB_GELU, TB_GELU_ERF, TB_SOFTMAX, TB_ACT_N };
enum tb_create_op { TB_ZEROS, TB_ONES, TB_FROM_VEC, TB_RAND };

/* One instruction set's implementation of every op.  y may equal a / x
 * (in-place) everywhere. */
#define TB_RAND_LANES 16 /* rand: independent taus2 streams interleaved per block */

struct tb_ops_isa {
	const char *name;
	void (*bin[TB_BIN_N])(float *y, const float *a, const float *b, size_t n);
	void (*bins[TB_BIN_N])(float *y, const float *a, float s, size_t n);
	/* blocked: at most 64 float additions per partial, partials summed in
	 * double, so |error| <= 66 u sum|x| (u = 2^-24) */
	double (*sum)(const float *x, size_t n);
	float (*max)(const float *x, size_t n);
	float (*min)(const float *x, size_t n);
	/* out[j] for columns j in [j0, j1) of a rows x cols row-major matrix;
	 * op is TB_SUM (times scale), TB_MAX or TB_MIN */
	void (*cols)(enum tb_red_op op, float *out, const float *x, size_t rows,
		     size_t cols, size_t j0, size_t j1, double scale);
	void (*act[TB_SOFTMAX])(float *y, const float *x, size_t n);
	void (*softmax)(float *y, const float *x, size_t rows, size_t cols);
	void (*fill)(float *y, float v, size_t n);
	void (*copy)(float *y, const float *x, size_t n);
	/* rand: y[i] = (next word of stream i % TB_RAND_LANES >> 8) * 2^-24,
	 * st[k][l] = word s(k+1) of stream l's GSL taus2 state (updated) */
	void (*taus2)(float *y, size_t n, uint32_t st[3][TB_RAND_LANES]);
};

extern const struct tb_ops_isa tb_ops_scalar, tb_ops_avx2, tb_ops_avx512, tb_ops_neon;
bool tb_ops_avx2_supported(const char **why);
bool tb_ops_avx512_supported(const char **why);
bool tb_ops_neon_supported(const char **why);
/* the widest table this CPU runs (what `threaded` and `pool` use) */
const struct tb_ops_isa *tb_ops_best(void);

enum { TB_OPS_THREADED = 1u << 0, TB_OPS_POOLED = 1u << 1 };

/* What a descriptor's impl points to. */
struct tb_op_impl {
	int op;                       /* tb_bin_op, tb_red_op, tb_act_op, tb_create_op */
	bool scalar_operand;          /* binary: tensor (+) scalar */
	enum tb_axis axis;            /* reductions */
	const struct tb_ops_isa *isa; /* NULL: tb_ops_best() */
	unsigned flags;
};

const struct tb_op_impl *tb_op_impl_of(const struct tb_case *c);
const struct tb_ops_isa *tb_op_isa_of(const struct tb_case *c);

/* Run fn on every worker of c's pool (or on the caller alone). */
void tb_ops_parallel(const struct tb_case *c, void (*fn)(void *, unsigned, unsigned), void *arg);

/* ULP distance of float v from the exact value r (double); NaN must match
 * NaN and infinities must match exactly (else returns INFINITY). */
double tb_ulp_error(float v, double r);

/* Harnesses (one set per group). */
int tb_bin_setup(struct tb_case *c, char *err, size_t errlen);
void tb_bin_run(struct tb_case *c, uint64_t iters);
int tb_bin_verify(struct tb_case *c, char *why, size_t len);
void tb_bin_teardown(struct tb_case *c);
struct tb_work tb_bin_work(const struct tb_case *c);
size_t tb_bin_memory(const struct tb_case *c);
size_t tb_bin_footprint(const struct tb_case *c);

int tb_red_setup(struct tb_case *c, char *err, size_t errlen);
void tb_red_run(struct tb_case *c, uint64_t iters);
int tb_red_verify(struct tb_case *c, char *why, size_t len);
void tb_red_teardown(struct tb_case *c);
struct tb_work tb_red_work(const struct tb_case *c);
size_t tb_red_memory(const struct tb_case *c);
size_t tb_red_footprint(const struct tb_case *c);

int tb_act_setup(struct tb_case *c, char *err, size_t errlen);
void tb_act_run(struct tb_case *c, uint64_t iters);
int tb_act_verify(struct tb_case *c, char *why, size_t len);
void tb_act_teardown(struct tb_case *c);
struct tb_work tb_act_work(const struct tb_case *c);
size_t tb_act_memory(const struct tb_case *c);
size_t tb_act_footprint(const struct tb_case *c);
/* the stated maximum ULP error of an activation (act/act.c) */
double tb_act_max_ulp(enum tb_act_op op);
/* run the verification's inputs with a given bound; *worst = max ULP seen */
int tb_act_worst(struct tb_case *c, double bound, double *worst, char *why, size_t len);

int tb_create_setup(struct tb_case *c, char *err, size_t errlen);
void tb_create_run(struct tb_case *c, uint64_t iters);
int tb_create_verify(struct tb_case *c, char *why, size_t len);
void tb_create_teardown(struct tb_case *c);
struct tb_work tb_create_work(const struct tb_case *c);
size_t tb_create_memory(const struct tb_case *c);
size_t tb_create_footprint(const struct tb_case *c);

/* Variant kinds: summary, table, supported(), threaded, flags. */
#define TB_KIND_SCALAR "scalar loop, vectorisation disabled (the reference)", &tb_ops_scalar, NULL, false, 0
#define TB_KIND_AVX2 "AVX2 + FMA, 8 lanes (runtime-checked)", &tb_ops_avx2, tb_ops_avx2_supported, false, 0
#define TB_KIND_AVX512 "AVX-512, 16 lanes (runtime-checked)", &tb_ops_avx512, tb_ops_avx512_supported, false, 0
#define TB_KIND_NEON "AArch64 NEON, 4 lanes", &tb_ops_neon, tb_ops_neon_supported, false, 0
#define TB_KIND_THREADED "widest SIMD here, split over the persistent pool", NULL, NULL, true, TB_OPS_THREADED
#define TB_KIND_POOL "widest SIMD fill into a buffer reused from a pool", NULL, NULL, false, TB_OPS_POOLED

#define TB_OPS_KERNEL_(grp, fam, var, modes_, op_, sop, axis_, summary_, isa_, sup, thr, flags_) \
	{                                                                          \
		.family = fam, .variant = var, .summary = summary_, .modes = modes_, \
		.threaded = thr,                                                   \
		.impl = &(const struct tb_op_impl){.op = op_, .scalar_operand = sop, \
						   .axis = axis_, .isa = isa_, .flags = flags_}, \
		.supported = sup, .setup = tb_##grp##_setup, .run = tb_##grp##_run, \
		.verify = tb_##grp##_verify, .teardown = tb_##grp##_teardown,      \
		.work = tb_##grp##_work, .memory = tb_##grp##_memory,              \
		.footprint = tb_##grp##_footprint,                                 \
	}
#define TB_OPS_KERNEL(...) TB_OPS_KERNEL_(__VA_ARGS__)

#define TB_BOTH (TB_MODE_OUTOFPLACE | TB_MODE_INPLACE)
/* tensor (+) tensor, tensor (+) scalar; kind is one of TB_KIND_* above */
#define TB_BIN_KERNEL(fam, var, op, ...) TB_OPS_KERNEL(bin, fam, var, TB_BOTH, op, false, 0, __VA_ARGS__)
#define TB_BINS_KERNEL(fam, var, op, ...) TB_OPS_KERNEL(bin, fam, var, TB_BOTH, op, true, 0, __VA_ARGS__)
#define TB_RED_KERNEL(fam, var, op, axis, ...) TB_OPS_KERNEL(red, fam, var, 0, op, false, axis, __VA_ARGS__)
#define TB_ACT_KERNEL(fam, var, op, ...) TB_OPS_KERNEL(act, fam, var, TB_MODE_OUTOFPLACE, op, false, 0, __VA_ARGS__)
#define TB_CREATE_KERNEL(fam, var, op, ...) TB_OPS_KERNEL(create, fam, var, 0, op, false, 0, __VA_ARGS__)

#endif
