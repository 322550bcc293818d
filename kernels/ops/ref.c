/*
 * ref.c - the scalar reference of every op: plain loops, compiled without
 * vectorisation or memset/memcpy idiom recognition (kernels/CMakeLists.txt).
 * Sums use the same error-bounded blocking as the vector code (64 float
 * additions per partial, partials in double).  Transcendental activations
 * call libm; gelu_erf and softmax evaluate in double and round once.
 */
#include "ops.h"
#include "poly.h"

#include <math.h>
#include <string.h>

#define BIN(name, names, OP)                                                     \
	static void r_##name(float *y, const float *a, const float *b, float s, size_t n) \
	{                                                                        \
		(void)s;                                                         \
		for (size_t i = 0; i < n; i++)                                   \
			y[i] = a[i] OP b[i];                                     \
	}                                                                        \
	static void r_##names(float *y, const float *a, const float *b, float s, size_t n) \
	{                                                                        \
		(void)b;                                                         \
		for (size_t i = 0; i < n; i++)                                   \
			y[i] = a[i] OP s;                                        \
	}
BIN(add, adds, +)
BIN(sub, subs, -)
BIN(mul, muls, *)
BIN(div, divs, /)

static double r_sum(const float *x, size_t n)
{
	double total = 0;
	for (size_t b = 0; b < n; b += 64) {
		float s = 0;
		for (size_t i = b; i < n && i < b + 64; i++)
			s += x[i];
		total += (double)s;
	}
	return total;
}

static float r_max(const float *x, size_t n)
{
	float m = x[0];
	for (size_t i = 1; i < n; i++)
		m = x[i] > m ? x[i] : m;
	return m;
}

static float r_min(const float *x, size_t n)
{
	float m = x[0];
	for (size_t i = 1; i < n; i++)
		m = x[i] < m ? x[i] : m;
	return m;
}

void tb_ref_red_cols(enum tb_red_fn op, float *out, const float *x, size_t rows, size_t cols,
		     size_t j0, size_t j1, double scale)
{
	for (size_t j = j0; j < j1; j++) {
		if (op == TB_RED_SUM) {
			double total = 0;
			for (size_t r0 = 0; r0 < rows; r0 += 64) {
				float s = 0;
				for (size_t r = r0; r < rows && r < r0 + 64; r++)
					s += x[r * cols + j];
				total += (double)s;
			}
			out[j] = (float)(total * scale);
			continue;
		}
		float m = x[j];
		for (size_t r = 1; r < rows; r++) {
			float v = x[r * cols + j];
			if (op == TB_RED_MAX ? v > m : v < m)
				m = v;
		}
		out[j] = m;
	}
}

#define r_cols tb_ref_red_cols /* the table's name for it */

static void r_relu(float *y, const float *x, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	for (size_t i = 0; i < n; i++)
		y[i] = x[i] < 0.0f ? 0.0f : x[i];
}

static float sigmoid1(float x)
{
	float e = expf(-fabsf(x));
	float s = 1.0f / (1.0f + e);
	return x < 0.0f ? e * s : s;
}

static void r_sigmoid(float *y, const float *x, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	for (size_t i = 0; i < n; i++)
		y[i] = sigmoid1(x[i]);
}

static void r_tanh(float *y, const float *x, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	for (size_t i = 0; i < n; i++)
		y[i] = tanhf(x[i]);
}

static void r_gelu(float *y, const float *x, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	for (size_t i = 0; i < n; i++) {
		float v = x[i];
		float s = sigmoid1(v * (TB_GELU_K1 + TB_GELU_K2 * (v * v)));
		y[i] = s == 0.0f ? -0.0f : v * s;
	}
}

static void r_gelu_erf(float *y, const float *x, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	for (size_t i = 0; i < n; i++) {
		double v = x[i];
		y[i] = isinf(v) && v < 0 ? -0.0f : (float)(v * 0.5 * erfc(-v * M_SQRT1_2));
	}
}

static void r_softmax(float *y, const float *x, size_t rows, size_t cols)
{
	for (size_t r = 0; r < rows; r++) {
		const float *xr = x + r * cols;
		float m = r_max(xr, cols);
		double total = 0;
		for (size_t j = 0; j < cols; j++)
			total += exp((double)xr[j] - m);
		for (size_t j = 0; j < cols; j++)
			y[r * cols + j] = (float)(exp((double)xr[j] - m) / total);
	}
}

static void r_fill(float *y, float v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = v;
}

static void r_copy(float *y, const float *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = x[i];
}

#define TB_OPS_FN(name) r_##name
const struct tb_ops_isa tb_ops_scalar = {
	.name = "scalar",
#include "ops_table.h"
};
