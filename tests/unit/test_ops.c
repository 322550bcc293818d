/*
 * test_ops.c - the tensor-op families: every supported variant of every
 * family passes verification on odd sizes, RxC shapes with odd rows and
 * columns, unaligned starts and (threaded) 1-3 threads; wrong kernels and
 * too-inaccurate approximations fail it; ULP distance is right.
 * Prints the measured worst ULP error of each activation variant.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/common.h"
#include "kernels/ops/ops.h"
#include "kernels/pool.h"

static bool is_op(const struct tb_kernel *k)
{
	return k->setup == tb_bin_setup || k->setup == tb_red_setup ||
	       k->setup == tb_act_setup || k->setup == tb_create_setup;
}

static void check_case(const struct tb_kernel *k, enum tb_mode m, size_t rows, size_t cols,
		       size_t off, unsigned threads, struct tb_pool *pool)
{
	char err[512] = "";
	struct tb_case c = {.k = k, .mode = m, .n = rows * cols, .rows = rows, .cols = cols,
			    .threads = threads, .seed = 11 + rows + cols, .alpha = 1.5f,
			    .misalign = off, .pool = pool};
	assert_int_equal(k->setup(&c, err, sizeof(err)), 0);
	if (k->verify(&c, err, sizeof(err)))
		fail_msg("%s/%s %s %zux%zu off=%zu threads=%u: %s", k->family, k->variant,
			 tb_mode_name(m), rows, cols, off, threads, err);
	k->run(&c, 3);
	k->teardown(&c);
}

static void all_variants_verify(void **state)
{
	(void)state;
	/* verify() itself covers sizes 1, 3, 15, 17, 1023, 1025, odd RxC shapes
	 * and offsets 0, 1, 3; these are the cases' own shapes */
	static const size_t shapes[][2] = {{1, 1}, {33, 31}};
	struct tb_pool *pools[4] = {0};
	char err[256];
	for (unsigned t = 2; t <= 3; t++)
		assert_non_null(pools[t] = tb_pool_create(t, false, 0, err, sizeof(err)));
	int checked = 0;
	for (size_t i = 0; i < tb_kernel_count(); i++) {
		const struct tb_kernel *k = tb_kernel_at(i);
		const char *why;
		if (!is_op(k) || !tb_kernel_supported(k, &why))
			continue;
		enum tb_mode modes[] = {TB_MODE_OUTOFPLACE, TB_MODE_INPLACE};
		for (int mi = 0; mi < (k->modes ? 2 : 1); mi++) {
			enum tb_mode m = k->modes ? modes[mi] : TB_MODE_NONE;
			if (k->modes && !(k->modes & m))
				continue;
			for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++)
				for (unsigned t = 1; t <= (k->threaded ? 3u : 1u); t++)
					check_case(k, m, shapes[s][0], shapes[s][1], s, t, pools[t]);
		}
		checked++;
	}
	for (unsigned t = 2; t <= 3; t++)
		tb_pool_destroy(pools[t]);
	assert_true(checked >= 29 * 3); /* every family: scalar + at least two more here */
}

/* a table of wrong ops: each differs from a correct one in one way */
static void bad_add(float *y, const float *a, const float *b, float s, size_t n)
{
	(void)s;
	for (size_t i = 0; i + 1 < n; i++) /* drops the last element */
		y[i] = a[i] + b[i];
}
static void bad_div(float *y, const float *a, const float *b, float s, size_t n)
{
	(void)s;
	for (size_t i = 0; i < n; i++) /* a * (1/b): not correctly rounded */
		y[i] = a[i] * (1.0f / b[i]);
}
static double bad_sum(const float *x, size_t n) { return tb_ops_scalar.sum(x, n - (n > 1)); }
static float bad_max(const float *x, size_t n) { return tb_ops_scalar.max(x, n > 2 ? n - 1 : n); }
static void bad_cols(enum tb_red_fn op, float *out, const float *x, size_t rows, size_t cols,
		     size_t j0, size_t j1, double scale)
{
	tb_ops_scalar.cols(op, out, x, rows > 1 ? rows - 1 : rows, cols, j0, j1, scale);
}
static void bad_divs(float *y, const float *a, const float *b, float s, size_t n)
{
	(void)b;
	float r = 1.0f / s; /* a * (1/s): not correctly rounded */
	for (size_t i = 0; i < n; i++)
		y[i] = a[i] * r;
}
/* fast sigmoid with a crude exponential (Schraudolph-like): ~1e-3 relative */
static void bad_sigmoid(float *y, const float *x, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	for (size_t i = 0; i < n; i++) {
		float t = -x[i] * 0.25f;
		float e = (1.0f + t + t * t * 0.5f);
		e = e * e;
		e = e * e;
		y[i] = 1.0f / (1.0f + e);
	}
}
/* tanh with a good polynomial near 0 but a clamped tail */
static void bad_tanh(float *y, const float *x, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	for (size_t i = 0; i < n; i++)
		y[i] = fabsf(x[i]) > 4.0f ? copysignf(1.0f, x[i]) : tanhf(x[i]);
}
/* relu that maps -0 and NaN like max(x, 0) would: NaN becomes 0 */
static void bad_relu(float *y, const float *x, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	for (size_t i = 0; i < n; i++)
		y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}
/* softmax without subtracting the maximum: overflows on large inputs */
static void bad_softmax(float *y, const float *x, size_t rows, size_t cols)
{
	for (size_t r = 0; r < rows; r++) {
		float s = 0;
		for (size_t j = 0; j < cols; j++)
			s += expf(x[r * cols + j]);
		for (size_t j = 0; j < cols; j++)
			y[r * cols + j] = expf(x[r * cols + j]) / s;
	}
}
static void bad_fill(float *y, float v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = i == n / 2 ? v + 1.0f : v;
}

static struct tb_ops_isa bad_isa;

static void expect_fail(const struct tb_kernel *k, enum tb_mode m, const char *needle)
{
	char err[512] = "";
	struct tb_case c = {.k = k, .mode = m, .n = 1000, .rows = 20, .cols = 50, .threads = 1,
			    .seed = 3, .alpha = 1.5f};
	assert_int_equal(k->setup(&c, err, sizeof(err)), 0);
	int rc = k->verify(&c, err, sizeof(err));
	k->teardown(&c);
	if (rc != -1)
		fail_msg("%s/%s: a wrong kernel passed verification", k->family, k->variant);
	if (!strstr(err, needle))
		fail_msg("%s/%s: message '%s' lacks '%s'", k->family, k->variant, err, needle);
}

#define BAD(grp, ID, fam, modes) TB_OPS_KERNEL(grp, ID, fam, "bad", modes, "wrong", &bad_isa, NULL, false, 0)
static const struct tb_kernel k_add = BAD(bin, ADD, "add", TB_BOTH);
static const struct tb_kernel k_div = BAD(bin, DIV, "div", TB_BOTH);
static const struct tb_kernel k_divs = BAD(bin, DIVS, "divs", TB_BOTH);
static const struct tb_kernel k_sum = BAD(red, SUM, "sum", TB_MODE_NONE);
static const struct tb_kernel k_mean_rows = BAD(red, MEAN_ROWS, "mean_rows", TB_MODE_NONE);
static const struct tb_kernel k_max = BAD(red, MAX, "max", TB_MODE_NONE);
static const struct tb_kernel k_sum_cols = BAD(red, SUM_COLS, "sum_cols", TB_MODE_NONE);
static const struct tb_kernel k_sigmoid = BAD(act, SIGMOID, "sigmoid", TB_MODE_OUTOFPLACE);
static const struct tb_kernel k_tanh = BAD(act, TANH, "tanh", TB_MODE_OUTOFPLACE);
static const struct tb_kernel k_relu = BAD(act, RELU, "relu", TB_MODE_OUTOFPLACE);
static const struct tb_kernel k_softmax = BAD(act, SOFTMAX, "softmax", TB_MODE_OUTOFPLACE);
static const struct tb_kernel k_ones = BAD(create, ONES, "ones", TB_MODE_NONE);

static void wrong_kernels_fail(void **state)
{
	(void)state;
	bad_isa = tb_ops_scalar;
	bad_isa.bin[TB_ADD] = bad_add;
	bad_isa.bin[TB_DIV] = bad_div;
	bad_isa.bin[TB_DIVS] = bad_divs;
	bad_isa.sum = bad_sum;
	bad_isa.max = bad_max;
	bad_isa.cols = bad_cols;
	bad_isa.act[TB_SIGMOID] = bad_sigmoid;
	bad_isa.act[TB_TANH] = bad_tanh;
	bad_isa.act[TB_RELU] = bad_relu;
	bad_isa.act[TB_SOFTMAX] = bad_softmax;
	bad_isa.fill = bad_fill;
	expect_fail(&k_add, TB_MODE_OUTOFPLACE, "must be exact");
	expect_fail(&k_add, TB_MODE_INPLACE, "must be exact");
	expect_fail(&k_div, TB_MODE_OUTOFPLACE, "bound 0.5 ulp");
	expect_fail(&k_divs, TB_MODE_INPLACE, "bound 0.5 ulp");
	expect_fail(&k_sum, TB_MODE_NONE, "bound");
	expect_fail(&k_mean_rows, TB_MODE_NONE, "bound");
	expect_fail(&k_max, TB_MODE_NONE, "exact");
	expect_fail(&k_sum_cols, TB_MODE_NONE, "bound");
	expect_fail(&k_sigmoid, TB_MODE_OUTOFPLACE, "ulp");
	expect_fail(&k_tanh, TB_MODE_OUTOFPLACE, "ulp");
	expect_fail(&k_relu, TB_MODE_OUTOFPLACE, "nan");
	expect_fail(&k_softmax, TB_MODE_OUTOFPLACE, "ulp");
	expect_fail(&k_ones, TB_MODE_NONE, "element");
}

static void ulp_distance(void **state)
{
	(void)state;
	assert_true(tb_ulp_error(1.0f, 1.0) == 0);
	assert_true(tb_ulp_error(nextafterf(1.0f, 2.0f), 1.0) == 1);
	assert_true(tb_ulp_error(0x1p-149f, 0.0) == 1); /* one denormal step */
	assert_true(tb_ulp_error(NAN, NAN) == 0);
	assert_true(isinf(tb_ulp_error(1.0f, NAN)));
	assert_true(isinf(tb_ulp_error(NAN, 1.0)));
	assert_true(isinf(tb_ulp_error(INFINITY, 3e38)));
	assert_true(tb_ulp_error(-INFINITY, -INFINITY) == 0);
	assert_true(fabs(tb_ulp_error(1.5f, 1.5 + 0x1p-24) - 0.5) < 1e-12);
}

static void report_activation_ulps(void **state)
{
	(void)state;
	for (size_t i = 0; i < tb_kernel_count(); i++) {
		const struct tb_kernel *k = tb_kernel_at(i);
		const char *why;
		char err[512] = "";
		if (k->setup != tb_act_setup || !tb_kernel_supported(k, &why))
			continue;
		struct tb_case c = {.k = k, .mode = TB_MODE_OUTOFPLACE, .n = 4096, .rows = 1,
				    .cols = 4096, .threads = 1, .seed = 5};
		double worst;
		assert_int_equal(tb_act_worst(&c, INFINITY, &worst, err, sizeof(err)), 0);
		printf("max-ulp %-10s %-9s %8.2f (stated %g)\n", k->family, k->variant, worst,
		       tb_op_info_of(&c)->bound);
		assert_true(worst <= tb_op_info_of(&c)->bound);
	}
}

/* every K-th float bit pattern (K = $TB_ULP_STEP, default 65521: 65 Ki
 * values; 61 takes seconds per variant and is what docs/tensor-ops.md
 * quotes) through each element-wise activation variant */
static void float_range_sweep(void **state)
{
	(void)state;
	const char *env = getenv("TB_ULP_STEP");
	uint64_t step = env && atoi(env) > 0 ? (uint64_t)atoi(env) : 65521;
	enum { B = 4096 };
	static float x[B], y[B];
	for (size_t i = 0; i < tb_kernel_count(); i++) {
		const struct tb_kernel *k = tb_kernel_at(i);
		const char *why;
		if (k->setup != tb_act_setup || !tb_kernel_supported(k, &why))
			continue;
		struct tb_case c = {.k = k, .mode = TB_MODE_OUTOFPLACE, .threads = 1};
		const struct tb_op_info *oi = tb_op_info_of(&c);
		if (oi->kind != TB_OPK_MAP)
			continue;
		double worst = 0;
		float at = 0;
		for (uint64_t u = 0; u < 0x100000000ull;) {
			int m = 0;
			for (; m < B && u < 0x100000000ull; m++, u += step) {
				uint32_t b = (uint32_t)u;
				memcpy(&x[m], &b, sizeof(b));
			}
			tb_op_isa_of(&c)->act[tb_op_impl_of(&c)->op](y, x, 1, (size_t)m);
			for (int j = 0; j < m; j++) {
				double e = tb_ulp_error(y[j], tb_act_exact(tb_op_impl_of(&c)->op, x[j]));
				if (!(e <= worst)) {
					worst = e;
					at = x[j];
				}
			}
		}
		printf("float-range %-10s %-9s every %" PRIu64 "th float: worst %.2f ulp at %.9g (stated %g)\n",
		       k->family, k->variant, step, worst, (double)at, oi->bound);
		assert_true(worst <= oi->bound);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ulp_distance),
		cmocka_unit_test(report_activation_ulps),
		cmocka_unit_test(float_range_sweep),
		cmocka_unit_test(wrong_kernels_fail),
		cmocka_unit_test(all_variants_verify),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
