/*
 * ops.h - the tensor-style op families (element-wise binary, reductions,
 * activations, creation), float32.
 *
 * Every op is one row of ops.def; this header turns the rows into the op
 * enum and the metadata table.  Each op is written once per instruction set
 * behind one table, struct tb_ops_isa: ref.c is the scalar reference,
 * isa_avx2.c / isa_avx512.c / isa_neon.c compile the same vector source
 * (vec_body.h) for each ISA; ops_table.h fills every table from ops.def.
 * A variant is (table, threaded?, pooled?): the harnesses binary.c,
 * reduce.c, act.c and create.c do setup, the timed loop, verification and
 * work per call for every family of their group, and generate their
 * variants' descriptors from ops.def.
 */
#ifndef TB_OPS_H
#define TB_OPS_H

#include "../kernel.h"

#define TB_BOTH (TB_MODE_OUTOFPLACE | TB_MODE_INPLACE)

/* TB_ADD, TB_SUB, ... TB_RAND: one per ops.def row */
enum tb_op {
#define TB_OP(GROUP, ID, ...) TB_##ID,
#include "ops.def"
	TB_OP_N
};

/* an ops.def row's kind column */
enum tb_op_kind {
	TB_OPK_TENSOR, TB_OPK_SCALAR,           /* BIN: the second operand */
	TB_OPK_ALL, TB_OPK_ROWS, TB_OPK_COLS,   /* RED: what one result reduces; ACT: ROWS */
	TB_OPK_MAP,                             /* ACT: element-wise */
	TB_OPK_FILL, TB_OPK_COPY, TB_OPK_RAND,  /* CREATE */
	TB_OPK_N
};

/* an ops.def row, as data (`tbench list --json` prints it) */
struct tb_op_info {
	const char *name;  /* the family */
	const char *group; /* "bin", "red", "act", "create" */
	enum tb_op_kind kind;
	const char *ref;   /* the reference's name (ops.def) */
	double flops;      /* per element */
	double bound;      /* stated error bound, in bound_unit (0: bit-exact) */
	const char *bound_unit; /* "ulp", or "2^-24 sum|x|" for reductions */
	unsigned modes;
};

extern const struct tb_op_info tb_op_info[TB_OP_N];
extern const char *const tb_op_kind_name[TB_OPK_N]; /* "tensor", "scalar", ... */
/* the row of a family, NULL if it is not an op family */
const struct tb_op_info *tb_op_info_find(const char *family);

/* One instruction set's implementation of every op, keyed by op (filled
 * from ops.def by ops_table.h).  y may equal a / x (in-place) everywhere. */
#define TB_RAND_LANES 16 /* rand: independent taus2 streams interleaved per block */

enum tb_red_fn { TB_RED_SUM, TB_RED_MAX, TB_RED_MIN }; /* what cols() computes */

struct tb_ops_isa {
	const char *name;
	/* BIN rows: TENSOR kinds read b, SCALAR kinds read s */
	void (*bin[TB_OP_N])(float *y, const float *a, const float *b, float s, size_t n);
	/* ACT rows: MAP kinds treat x as rows * cols elements */
	void (*act[TB_OP_N])(float *y, const float *x, size_t rows, size_t cols);
	/* blocked: at most 70 float additions deep per partial, partials summed
	 * in double, so |error| <= 70 u sum|x| (u = 2^-24) */
	double (*sum)(const float *x, size_t n);
	float (*max)(const float *x, size_t n);
	float (*min)(const float *x, size_t n);
	/* out[j] for columns j in [j0, j1) of a rows x cols row-major matrix;
	 * TB_RED_SUM (times scale), TB_RED_MAX or TB_RED_MIN */
	void (*cols)(enum tb_red_fn fn, float *out, const float *x, size_t rows,
		     size_t cols, size_t j0, size_t j1, double scale);
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
	enum tb_op op;
	const struct tb_ops_isa *isa; /* NULL: tb_ops_best() */
	unsigned flags;
};

const struct tb_op_impl *tb_op_impl_of(const struct tb_case *c);
const struct tb_op_info *tb_op_info_of(const struct tb_case *c);
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
/* the double-precision value an ACT row's variants are checked against
 * (element-wise; for a ROWS kind, its function before normalising) */
double tb_act_exact(enum tb_op op, double x);
/* run the verification's inputs with a given bound; *worst = max ULP seen */
int tb_act_worst(struct tb_case *c, double bound, double *worst, char *why, size_t len);

int tb_create_setup(struct tb_case *c, char *err, size_t errlen);
void tb_create_run(struct tb_case *c, uint64_t iters);
int tb_create_verify(struct tb_case *c, char *why, size_t len);
void tb_create_teardown(struct tb_case *c);
struct tb_work tb_create_work(const struct tb_case *c);
size_t tb_create_memory(const struct tb_case *c);
size_t tb_create_footprint(const struct tb_case *c);

/* Variant kinds (ops.def's variant sets): summary, table, supported(),
 * threaded, flags. */
#define TB_OPV_SCALAR "scalar loop, vectorisation disabled (the reference)", &tb_ops_scalar, NULL, false, 0
#define TB_OPV_AVX2 "AVX2 + FMA, 8 lanes (runtime-checked)", &tb_ops_avx2, tb_ops_avx2_supported, false, 0
#define TB_OPV_AVX512 "AVX-512, 16 lanes (runtime-checked)", &tb_ops_avx512, tb_ops_avx512_supported, false, 0
#define TB_OPV_NEON "AArch64 NEON, 4 lanes", &tb_ops_neon, tb_ops_neon_supported, false, 0
#define TB_OPV_THREADED "widest SIMD here, split over the persistent pool", NULL, NULL, true, TB_OPS_THREADED
#define TB_OPV_POOL "widest SIMD fill into a buffer reused from a pool", NULL, NULL, false, TB_OPS_POOLED
#define TB_OPV_CREATE_THREADED                                                               \
	"widest SIMD fill split over the persistent pool, fresh allocation", NULL, NULL, true,  \
		TB_OPS_THREADED
#define TB_OPV_RAND_SCALAR                                                                   \
	"GSL gsl_rng_get per element, 16 taus2 streams per 16Ki block, fresh allocation (the reference)", \
		&tb_ops_scalar, NULL, false, 0
#define TB_OPV_RAND_POOL                                                                     \
	"GSL's taus2 recurrence on the widest SIMD here, into a buffer reused from a pool", NULL, \
		NULL, false, TB_OPS_POOLED
#define TB_OPV_RAND_THREADED                                                                 \
	"GSL's taus2 recurrence on the widest SIMD here, blocks split over the persistent pool, fresh allocation", \
		NULL, NULL, true, TB_OPS_THREADED

/* One descriptor: grp is the harness (bin, red, act, create). */
#define TB_OPS_KERNEL_(grp, ID, fam, var, modes_, summary_, isa_, sup, thr, flags_)         \
	{                                                                                    \
		.abi = TB_KERNEL_ABI, .family = fam, .variant = var, .summary = summary_,    \
		.modes = modes_, .threaded = thr,                                            \
		.impl = &(const struct tb_op_impl){.op = TB_##ID, .isa = isa_, .flags = flags_}, \
		.supported = sup, .setup = tb_##grp##_setup, .run = tb_##grp##_run,          \
		.verify = tb_##grp##_verify, .teardown = tb_##grp##_teardown,                \
		.work = tb_##grp##_work, .memory = tb_##grp##_memory,                        \
		.footprint = tb_##grp##_footprint,                                           \
	}
#define TB_OPS_KERNEL(...) TB_OPS_KERNEL_(__VA_ARGS__)

/* every variant of one ops.def row: a harness ends with
 *   #define TB_OP_BIN(ID, name, kind, ref, flops, bound, modes, variants, summary) \
 *           TB_OPS_DEFINE_KERNELS(bin, ID, name, modes, variants)
 *   #include "ops.def"
 * which defines tb_k_<name>_<variant> (kernels.def lists the same names) */
#define TB_OPS_DEFINE_ONE(var, kind, grp, ID, name, modes)                                 \
	const struct tb_kernel tb_k_##name##_##var = TB_OPS_KERNEL(grp, ID, #name, #var, modes, kind);
#define TB_OPS_DEFINE_KERNELS(grp, ID, name, modes, variants)                              \
	TB_OPS_VARIANTS_##variants(TB_OPS_DEFINE_ONE, grp, ID, name, modes)

#endif
