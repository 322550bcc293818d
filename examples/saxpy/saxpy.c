/*
 * saxpy.c - an example tbench plugin: z = a*x + y over float32 vectors.
 *
 * Variants: scalar (the reference), avx2 (checked at run time with
 * supported()), threaded (the scalar loop split over tbench's worker pool)
 * and broken, a deliberately wrong variant (it drops the last element of
 * a tail) that tbench must report as failed-verify; it is enabled by the
 * environment variable SAXPY_BROKEN=1.
 *
 * Build against an installed tbench, then run it:
 *   cc -O2 $(pkg-config --cflags --libs tbench) -shared -fPIC saxpy.c -o saxpy.so
 *   tbench run --plugin ./saxpy.so saxpy
 */
#include <tbench/kernel.h>

#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAD 16 /* floats of slack past each buffer, for unaligned starts */

typedef void (*saxpy_fn)(float a, const float *x, const float *y, float *z, size_t n);

static void saxpy_scalar(float a, const float *x, const float *y, float *z, size_t n)
{
	for (size_t i = 0; i < n; i++)
		z[i] = a * x[i] + y[i];
}

#if defined(__x86_64__)
/* multiply then add (no FMA): bit-identical with the scalar reference */
__attribute__((target("avx2"))) static void saxpy_avx2(float a, const float *x, const float *y,
						       float *z, size_t n)
{
	__m256 va = _mm256_set1_ps(a);
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		_mm256_storeu_ps(z + i, _mm256_add_ps(_mm256_mul_ps(va, _mm256_loadu_ps(x + i)),
						      _mm256_loadu_ps(y + i)));
	for (; i < n; i++)
		z[i] = a * x[i] + y[i];
}

static bool avx2_supported(const char **why)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		return true;
	*why = "this CPU has no AVX2";
	return false;
}
#else
static void saxpy_avx2(float a, const float *x, const float *y, float *z, size_t n)
{
	saxpy_scalar(a, x, y, z, n);
}

static bool avx2_supported(const char **why)
{
	*why = "AVX2 is an x86-64 extension";
	return false;
}
#endif

/* the bug: blocks of 8 are right, the tail loses its last element */
static void saxpy_broken(float a, const float *x, const float *y, float *z, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		for (size_t j = 0; j < 8; j++)
			z[i + j] = a * x[i + j] + y[i + j];
	for (; i + 1 < n; i++)
		z[i] = a * x[i] + y[i];
}

static bool broken_supported(const char **why)
{
	const char *e = getenv("SAXPY_BROKEN");
	if (e && !strcmp(e, "1"))
		return true;
	*why = "a deliberately wrong variant: set SAXPY_BROKEN=1 to run it";
	return false;
}

struct bufs {
	float *x, *y, *z;
};

static saxpy_fn fn_of(const struct tb_kernel *k);

static int alloc3(struct bufs *b, size_t n, char *err, size_t len)
{
	size_t bytes = (n + PAD) * sizeof(float);
	b->x = tb_alloc(bytes, err, len);
	b->y = b->x ? tb_alloc(bytes, err, len) : NULL;
	b->z = b->y ? tb_alloc(bytes, err, len) : NULL;
	if (b->z)
		return 0;
	tb_free(b->x);
	tb_free(b->y);
	return -1;
}

static void free3(struct bufs *b)
{
	tb_free(b->x);
	tb_free(b->y);
	tb_free(b->z);
}

static int setup(struct tb_case *c, char *err, size_t len)
{
	struct bufs *b = calloc(1, sizeof(*b));
	if (!b)
		return tb_err(err, len, "saxpy: out of memory");
	if (alloc3(b, c->n + c->misalign, err, len)) {
		free(b);
		return -1;
	}
	tb_fill_uniform(b->x + c->misalign, c->n, c->seed, -1.0f, 1.0f);
	tb_fill_uniform(b->y + c->misalign, c->n, c->seed + 1000, -1.0f, 1.0f);
	c->state = b;
	return 0;
}

static void teardown(struct tb_case *c)
{
	free3(c->state);
	free(c->state);
	c->state = NULL;
}

static void run(struct tb_case *c, uint64_t iters)
{
	struct bufs *b = c->state;
	size_t o = c->misalign;
	saxpy_fn f = fn_of(c->k);
	for (uint64_t i = 0; i < iters; i++) {
		f(c->alpha, b->x + o, b->y + o, b->z + o, c->n);
		tb_escape(b->z);
	}
}

/* threaded: worker tid computes its part of [0, n), split on cache lines */
struct job {
	const struct tb_case *c;
};

static void part(void *arg, unsigned tid, unsigned nth)
{
	const struct tb_case *c = ((struct job *)arg)->c;
	struct bufs *b = c->state;
	size_t lo, hi, o = c->misalign;
	tb_split(c->n, tid, nth, 16, &lo, &hi);
	saxpy_scalar(c->alpha, b->x + o + lo, b->y + o + lo, b->z + o + lo, hi - lo);
}

static void run_threaded(struct tb_case *c, uint64_t iters)
{
	struct job j = {c};
	struct bufs *b = c->state;
	for (uint64_t i = 0; i < iters; i++) {
		if (c->pool)
			tb_pool_run(c->pool, part, &j);
		else
			part(&j, 0, 1);
		tb_escape(b->z);
	}
}

/* one comparison with the scalar reference: n elements, off floats past a
 * 64-byte boundary; the threaded variant runs through the case's own pool */
static int check(struct tb_case *c, size_t n, size_t off, uint64_t seed, char *why, size_t len)
{
	struct bufs got, want;
	if (alloc3(&got, n + off, why, len))
		return TB_VERIFY_NOMEM;
	if (alloc3(&want, n + off, why, len)) {
		free3(&got);
		return TB_VERIFY_NOMEM;
	}
	tb_fill_uniform(got.x + off, n, seed, -1.0f, 1.0f);
	tb_fill_uniform(got.y + off, n, seed + 1000, -1.0f, 1.0f);
	memcpy(want.x, got.x, (n + off) * sizeof(float));
	memcpy(want.y, got.y, (n + off) * sizeof(float));
	saxpy_scalar(c->alpha, want.x + off, want.y + off, want.z + off, n);
	if (c->k->run == run_threaded) {
		struct tb_case tc = *c;
		struct bufs tb = {got.x, got.y, got.z};
		tc.n = n;
		tc.misalign = off;
		tc.state = &tb;
		run_threaded(&tc, 1);
	} else {
		fn_of(c->k)(c->alpha, got.x + off, got.y + off, got.z + off, n);
	}
	char what[96];
	snprintf(what, sizeof(what), "saxpy/%s at n %zu, offset %zu", c->k->variant, n, off);
	int rc = tb_compare_ulp(what, got.z + off, want.z + off, n, 0, why, len);
	free3(&got);
	free3(&want);
	return rc;
}

static int verify(struct tb_case *c, char *why, size_t len)
{
	return tb_verify_sweep(c, check, why, len);
}

static struct tb_work work(const struct tb_case *c)
{
	double n = (double)c->n;
	return (struct tb_work){.bytes = 12 * n, .flops = 2 * n, .items = n, .item_unit = "elem"};
}

static size_t memory(const struct tb_case *c)
{
	return 3 * (c->n + c->misalign + PAD) * sizeof(float);
}

/* x, y and z: what a cache must hold for `-s L2` to mean "in L2" */
static size_t footprint(const struct tb_case *c)
{
	return 3 * c->n * sizeof(float);
}

#define SAXPY(var, sum, fn_supported, fn_run)                                                  \
	{                                                                                       \
		.abi = TB_KERNEL_ABI, .family = "saxpy", .variant = var, .summary = sum,         \
		.modes = TB_MODE_OUTOFPLACE, .threaded = fn_run == run_threaded,                 \
		.supported = fn_supported, .setup = setup, .run = fn_run, .verify = verify,      \
		.teardown = teardown, .work = work, .memory = memory,                            \
		.footprint = footprint,                                                          \
	}

static const struct tb_kernel k_scalar = SAXPY("scalar", "z = a*x + y, one element at a time (the reference)", NULL, run);
static const struct tb_kernel k_avx2 = SAXPY("avx2", "z = a*x + y, 8 floats per AVX2 multiply and add", avx2_supported, run);
static const struct tb_kernel k_threaded = SAXPY("threaded", "the scalar loop split over tbench's worker pool", NULL, run_threaded);
static const struct tb_kernel k_broken = SAXPY("broken", "deliberately wrong: drops a tail element (SAXPY_BROKEN=1)", broken_supported, run);

static saxpy_fn fn_of(const struct tb_kernel *k)
{
	return k == &k_avx2 ? saxpy_avx2 : k == &k_broken ? saxpy_broken : saxpy_scalar;
}

static const struct tb_family families[] = {{
	.name = "saxpy",
	.summary = "float32 z = a*x + y (an example plugin, examples/saxpy)",
	.default_sizes = "1000,100000,1000000",
	.reference = "scalar",
	.size_unit = "elements",
	.suite_sizes = "100000",
}};

static const struct tb_kernel *const kernels[] = {&k_scalar, &k_avx2, &k_threaded, &k_broken};

const struct tb_plugin tbench_plugin = {
	.abi = TB_KERNEL_ABI,
	.name = "saxpy-example",
	.families = families,
	.nfamilies = 1,
	.kernels = kernels,
	.nkernels = sizeof(kernels) / sizeof(kernels[0]),
};
