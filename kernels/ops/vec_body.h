/*
 * vec_body.h - every op's loop, written once with GCC vector extensions and
 * compiled once per instruction set: isa_avx2.c, isa_avx512.c and
 * isa_neon.c define TB_VW (lanes) and TB_ISA (the table's name), put their
 * target pragma first and include this file, which defines
 * `const struct tb_ops_isa tb_ops_<TB_ISA>` from ops.def (ops_table.h).
 * Tails use the same vector code on a padded copy, so a tail element gets
 * exactly what a body element would.
 */
#include "ops.h"
#include "poly.h"
#include "taus2.h"

#include <stdint.h>
#include <string.h>

#define VW TB_VW
typedef float vf __attribute__((vector_size(VW * 4)));
typedef int32_t vi __attribute__((vector_size(VW * 4)));

static inline vf ld(const float *p) { vf v; memcpy(&v, p, sizeof(v)); return v; }
static inline void st(float *p, vf v) { memcpy(p, &v, sizeof(v)); }
static inline vf splat(float s) { return s - (vf){0}; } /* keeps -0 */
static inline vf sel(vi m, vf a, vf b) { return (vf)((m & (vi)a) | (~m & (vi)b)); }
static inline vi sel_i(vi m, vi a, vi b) { return (m & a) | (~m & b); }
#ifndef TB_VMAX /* a > b ? a : b (x86's maxps) */
#define TB_VMAX(a, b) sel((a) > (b), a, b)
#endif
#ifndef TB_VANY /* an ISA may give a faster test */
static inline int tb_vany(vi m)
{
	int any = 0;
	for (int i = 0; i < VW; i++)
		any |= m[i] != 0;
	return any;
}
#define TB_VANY(m) tb_vany(m)
#endif
static inline vf vabs(vf x) { return (vf)((vi)x & 0x7fffffff); }
static inline float hsum(vf v) { float s = 0; for (int i = 0; i < VW; i++) s += v[i]; return s; }

/* ---- element-wise binary ---- */
#define BIN(name, names, OP)                                                     \
	static void v_##name(float *y, const float *a, const float *b, float s, size_t n) \
	{                                                                        \
		(void)s;                                                         \
		size_t i = 0;                                                    \
		for (; i + 2 * VW <= n; i += 2 * VW) {                           \
			vf a0 = ld(a + i), a1 = ld(a + i + VW);                  \
			vf b0 = ld(b + i), b1 = ld(b + i + VW);                  \
			st(y + i, a0 OP b0);                                     \
			st(y + i + VW, a1 OP b1);                                \
		}                                                                \
		for (; i + VW <= n; i += VW)                                     \
			st(y + i, ld(a + i) OP ld(b + i));                       \
		if (i < n) {                                                     \
			float ta[VW] = {0}, tb[VW], ty[VW];                      \
			for (int k = 0; k < VW; k++) tb[k] = 1.0f;               \
			memcpy(ta, a + i, (n - i) * 4);                          \
			memcpy(tb, b + i, (n - i) * 4);                          \
			st(ty, ld(ta) OP ld(tb));                                \
			memcpy(y + i, ty, (n - i) * 4);                          \
		}                                                                \
	}                                                                        \
	static void v_##names(float *y, const float *a, const float *b, float s, size_t n) \
	{                                                                        \
		(void)b;                                                         \
		const vf vs = splat(s);                                          \
		size_t i = 0;                                                    \
		for (; i + 2 * VW <= n; i += 2 * VW) {                           \
			vf a0 = ld(a + i), a1 = ld(a + i + VW);                  \
			st(y + i, a0 OP vs);                                     \
			st(y + i + VW, a1 OP vs);                                \
		}                                                                \
		for (; i + VW <= n; i += VW)                                     \
			st(y + i, ld(a + i) OP vs);                              \
		if (i < n) {                                                     \
			float ta[VW] = {0}, ty[VW];                              \
			memcpy(ta, a + i, (n - i) * 4);                          \
			st(ty, ld(ta) OP vs);                                    \
			memcpy(y + i, ty, (n - i) * 4);                          \
		}                                                                \
	}
BIN(add, adds, +)
BIN(sub, subs, -)
BIN(mul, muls, *)
BIN(div, divs, /)

/* ---- reductions ---- */
/* a butterfly of OP over the lanes: every lane ends with OP of all */
#if VW == 16
#define TB_BFLY(v, OP)                                                                      \
	(v = OP(v, __builtin_shuffle(v, (vi){8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7})), \
	 v = OP(v, __builtin_shuffle(v, (vi){4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11})), \
	 v = OP(v, __builtin_shuffle(v, (vi){2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13})), \
	 v = OP(v, __builtin_shuffle(v, (vi){1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14})))
#elif VW == 8
#define TB_BFLY(v, OP)                                                                      \
	(v = OP(v, __builtin_shuffle(v, (vi){4, 5, 6, 7, 0, 1, 2, 3})),                      \
	 v = OP(v, __builtin_shuffle(v, (vi){2, 3, 0, 1, 6, 7, 4, 5})),                      \
	 v = OP(v, __builtin_shuffle(v, (vi){1, 0, 3, 2, 5, 4, 7, 6})))
#else
#define TB_BFLY(v, OP)                                                                      \
	(v = OP(v, __builtin_shuffle(v, (vi){2, 3, 0, 1})), v = OP(v, __builtin_shuffle(v, (vi){1, 0, 3, 2})))
#endif
static inline vf vadd2(vf a, vf b) { return a + b; }

/* lanes k >= VW - rem set: the new elements of an overlapping last vector */
static inline vi fresh_lanes(size_t rem)
{
	vi m;
	for (int k = 0; k < VW; k++)
		m[k] = k >= (int)(VW - rem) ? -1 : 0;
	return m;
}

#define BLK (64 * 4 * VW) /* 4 accumulators x VW lanes x 64 additions each */

/* blocks of BLK: each lane's partial is at most 64 + 2 float additions deep,
 * the lanes are added in float (3-4 more), blocks in double: |error| <=
 * 70 u sum|x| */
static double v_sum(const float *x, size_t n)
{
	double total = 0;
	for (size_t b = 0; b < n; b += BLK) {
		size_t m = n - b < BLK ? n - b : BLK, i = 0;
		const float *p = x + b;
		vf s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
		for (; i + 4 * VW <= m; i += 4 * VW) {
			s0 += ld(p + i);
			s1 += ld(p + i + VW);
			s2 += ld(p + i + 2 * VW);
			s3 += ld(p + i + 3 * VW);
		}
		for (; i + VW <= m; i += VW)
			s0 += ld(p + i);
		if (i < m && m >= VW) {
			s1 += (vf)((vi)ld(p + m - VW) & fresh_lanes(m - i));
		} else if (i < m) {
			float t[VW] = {0};
			memcpy(t, p + i, (m - i) * 4);
			s1 += ld(t);
		}
		vf s = (s0 + s1) + (s2 + s3);
		TB_BFLY(s, vadd2);
		total += (double)s[0];
	}
	return total;
}

#ifndef TB_VMIN /* a < b ? a : b (x86's minps) */
#define TB_VMIN(a, b) sel((a) < (b), a, b)
#endif

/* four accumulators (started at x[0], as the reference: a NaN there wins,
 * one elsewhere never does), the tail as an overlapping last vector */
#define MINMAX(name, CMP, VOP)                                                   \
	static float name(const float *x, size_t n)                              \
	{                                                                        \
		float r = x[0];                                                  \
		if (n < VW) {                                                    \
			for (size_t i = 1; i < n; i++)                           \
				r = x[i] CMP r ? x[i] : r;                       \
			return r;                                                \
		}                                                                \
		vf m0 = splat(r), m1 = m0, m2 = m0, m3 = m0;                     \
		size_t i = 0;                                                    \
		for (; i + 4 * VW <= n; i += 4 * VW) {                           \
			m0 = VOP(ld(x + i), m0);                                 \
			m1 = VOP(ld(x + i + VW), m1);                            \
			m2 = VOP(ld(x + i + 2 * VW), m2);                        \
			m3 = VOP(ld(x + i + 3 * VW), m3);                        \
		}                                                                \
		for (; i + VW <= n; i += VW)                                     \
			m0 = VOP(ld(x + i), m0);                                 \
		m0 = VOP(ld(x + n - VW), m0);                                    \
		m0 = VOP(VOP(m1, m0), VOP(m3, m2));                              \
		TB_BFLY(m0, VOP);                                                \
		return m0[0];                                                    \
	}
static inline vf vmax2(vf a, vf b) { return TB_VMAX(a, b); }
static inline vf vmin2(vf a, vf b) { return TB_VMIN(a, b); }
MINMAX(v_max, >, vmax2)
MINMAX(v_min, <, vmin2)

/* columns [j, j + W VW) of a rows x cols matrix, accumulated in registers
 * down the rows; sums in blocks of 64 rows added in double */
static inline __attribute__((always_inline)) void cols_strip(enum tb_red_fn fn, int W, float *out,
							     const float *x, size_t rows, size_t cols,
							     size_t j, double scale)
{
	vf acc[8];
	if (fn == TB_RED_SUM) {
		double dacc[8 * VW] = {0};
		for (size_t r0 = 0; r0 < rows; r0 += 64) {
			size_t r1 = rows - r0 < 64 ? rows : r0 + 64;
			for (int k = 0; k < W; k++)
				acc[k] = (vf){0};
			for (size_t r = r0; r < r1; r++)
				for (int k = 0; k < W; k++)
					acc[k] += ld(x + r * cols + j + k * VW);
			for (int k = 0; k < W; k++)
				for (int l = 0; l < VW; l++)
					dacc[k * VW + l] += (double)acc[k][l];
		}
		for (int i = 0; i < W * VW; i++)
			out[j + i] = (float)(dacc[i] * scale);
		return;
	}
	for (int k = 0; k < W; k++)
		acc[k] = ld(x + j + k * VW);
	for (size_t r = 1; r < rows; r++)
		for (int k = 0; k < W; k++)
			acc[k] = fn == TB_RED_MAX ? TB_VMAX(ld(x + r * cols + j + k * VW), acc[k])
						  : TB_VMIN(ld(x + r * cols + j + k * VW), acc[k]);
	for (int k = 0; k < W; k++)
		st(out + j + k * VW, acc[k]);
}

static void v_cols(enum tb_red_fn fn, float *out, const float *x, size_t rows,
		   size_t cols, size_t j0, size_t j1, double scale)
{
	size_t j = j0;
	for (; j + 8 * VW <= j1; j += 8 * VW)
		cols_strip(fn, 8, out, x, rows, cols, j, scale);
	for (; j + VW <= j1; j += VW)
		cols_strip(fn, 1, out, x, rows, cols, j, scale);
	for (; j < j1; j++) { /* the last columns, one at a time (as the reference) */
		if (fn == TB_RED_SUM) {
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
			if (fn == TB_RED_MAX ? v > m : v < m)
				m = v;
		}
		out[j] = m;
	}
}

/* ---- activations ---- */
static inline vf horner(const float *c, int deg, vf t)
{
	vf r = splat(c[deg]);
	for (int k = deg - 1; k >= 0; k--)
		r = r * t + c[k];
	return r;
}

/* e^x, about 1.5 ulp; denormal results rounded once; NaN stays NaN */
static inline vf v_exp(vf x)
{
	x = sel(x > 88.8f, splat(88.8f), x);
	x = sel(x < -104.0f, splat(-104.0f), x);
	vf t = x * 1.44269504f + 12582912.0f; /* round to nearest integer */
	vf n = t - 12582912.0f;
	vi ni = (vi)t - 0x4B400000;
	vf r = x - n * TB_LN2_HI;
	r = r - n * TB_LN2_LO;
	vf p = horner(tb_poly_exp, TB_POLY_EXP_DEG, r);
	vi n1 = ni >> 1, n2 = ni - n1; /* 2^n as two normal factors */
	return (p * (vf)((n1 + 127) << 23)) * (vf)((n2 + 127) << 23);
}

/* e^x for x in [-87, 64]: no clamps, 2^n added to the exponent bits */
static inline vf v_exp_mid(vf x)
{
	vf t = x * 1.44269504f + 12582912.0f;
	vf n = t - 12582912.0f;
	vi ni = (vi)t - 0x4B400000;
	vf r = x - n * TB_LN2_HI;
	r = r - n * TB_LN2_LO;
	return (vf)((vi)horner(tb_poly_exp, TB_POLY_EXP_DEG, r) + (ni << 23));
}

static inline vf f_relu(vf x) { return sel(x < 0.0f, splat(0.0f), x); }

/* e^-|x| through the unclamped exponential unless a lane has |x| > 87 or NaN */
static inline vf f_sigmoid(vf x)
{
	vf a = vabs(x);
	vf e = TB_VANY((vi)a > 0x42ae0000) ? v_exp(-a) : v_exp_mid(-a);
	vf s = 1.0f / (1.0f + e);
	return sel(x < 0.0f, e * s, s);
}

/* e^x for x in [0, 20] (or NaN): no clamps, 2^n is one normal factor */
static inline vf v_exp_0_20(vf x)
{
	vf t = x * 1.44269504f + 12582912.0f; /* round to nearest integer */
	vf n = t - 12582912.0f;
	vi ni = (vi)t - 0x4B400000;
	vf r = x - n * TB_LN2_HI;
	r = r - n * TB_LN2_LO;
	return horner(tb_poly_exp, TB_POLY_EXP_DEG, r) * (vf)((ni + 127) << 23);
}

static inline vf f_tanh(vf x)
{
	vf a = vabs(x);
	vf small = x * horner(tb_poly_tanh, TB_POLY_TANH_DEG, x * x);
	/* beyond |x| = 10, 1 - 2/(e^2x + 1) rounds to 1 in float */
	vf a2 = a + a;
	vf e = v_exp_0_20(sel(a2 > 20.0f, splat(20.0f), a2));
	vf big = 1.0f - 2.0f / (e + 1.0f);
	big = (vf)((vi)big | ((vi)x & (int32_t)0x80000000));
	return sel(a < TB_TANH_SMALL, small, big);
}

static inline vf f_gelu(vf x)
{
	vf z = x * (TB_GELU_K1 + TB_GELU_K2 * (x * x));
	vf s = f_sigmoid(z);
	return sel(s == 0.0f, splat(-0.0f), x * s);
}

/* gelu_erf: x Phi(x) = relu(x) - q, q = a Phi(-a), a = |x|, with
 * Phi(-a) = erfc(a/sqrt2) / 2 = t G(t) e^(-a^2/2), t = 1/(1 + p a): one
 * division, a degree-8 polynomial and an exponential whose argument is
 * exact (a^2 = s + e by an FMA, e fed into the reduced argument r' = a^2 -
 * 2n ln2, and e^(-r'/2) a polynomial in r').  The fast path (every lane
 * finite, |x| <= 13) applies 2^n by adding n to the exponent bits; the
 * other clamps a at 15 (beyond, the result is -0 or x), keeps NaN, and
 * splits 2^n so that results down to the denormals round once (in the
 * final fused multiply-add). */
static inline vf gelu_erf_parts(vf ac, vf *k, vf *pr, vi *ni)
{
	vf t = 1.0f / (TB_GELU_ERF_P * ac + 1.0f);
	vf g = horner(tb_poly_gelu_erf, TB_POLY_GELU_ERF_DEG, t);  /* G / 2 */
	vf s = ac * ac, e = TB_VFMA(ac, ac, -s);                    /* a^2 = s + e */
	vf tt = s * (-0.5f * 1.44269504f) + 12582912.0f;            /* n = rint(-s/2 log2 e) */
	vf n = tt - 12582912.0f;
	*ni = (vi)tt - 0x4B400000;
	vf r = (s + n * (2.0f * TB_LN2_HI)) + (e + n * (2.0f * TB_LN2_LO));
	*pr = horner(tb_poly_exp_half, TB_POLY_EXP_HALF_DEG, r);   /* e^(-r/2) */
	*k = (ac * t) * g;
	return t;
}

static inline vf gelu_erf_fast(vf x)
{
	vf k, pr;
	vi ni;
	gelu_erf_parts(vabs(x), &k, &pr, &ni);
	vf p = (vf)((vi)pr + (ni << 23)); /* pr 2^n, n >= -122: exact */
	vf relu = (vf)((vi)x & ~(((vi)x >> 31) & 0x7fffffff)); /* x < 0: -0 */
	return relu - k * p;
}

static inline vf gelu_erf_any(vf x)
{
	vf a = vabs(x), k, pr;
	vf ac = sel(a > 15.0f, splat(15.0f), a); /* NaN stays NaN */
	vi ni;
	gelu_erf_parts(ac, &k, &pr, &ni);
	vi n1 = sel_i(ni < -120, (vi){0} - 120, ni), n2 = ni - n1;
	vf p = (vf)((vi)pr + (n1 << 23));         /* pr 2^n1: normal */
	k = k * (vf)((n2 + 127) << 23);           /* times 2^n2, n2 in [-43, 0] */
	vf relu = (vf)((vi)x & ~((vi)(x < 0.0f) & 0x7fffffff));
	return relu - k * p;
}

static inline vf f_gelu_erf(vf x)
{
	if (TB_VANY((vi)vabs(x) > 0x41500000)) /* some lane |x| > 13, inf or NaN */
		return gelu_erf_any(x);
	return gelu_erf_fast(x);
}

#define MAP(name, f)                                                             \
	static void name(float *y, const float *x, size_t rows, size_t cols)     \
	{                                                                        \
		size_t i = 0, n = rows * cols;                                                    \
		for (; i + 2 * VW <= n; i += 2 * VW) {                           \
			vf a = f(ld(x + i)), b = f(ld(x + i + VW));              \
			st(y + i, a);                                            \
			st(y + i + VW, b);                                       \
		}                                                                \
		for (; i + VW <= n; i += VW)                                     \
			st(y + i, f(ld(x + i)));                                 \
		if (i < n) {                                                     \
			float t[VW] = {0};                                       \
			memcpy(t, x + i, (n - i) * 4);                           \
			st(t, f(ld(t)));                                         \
			memcpy(y + i, t, (n - i) * 4);                           \
		}                                                                \
	}
MAP(v_relu, f_relu)
MAP(v_sigmoid, f_sigmoid)
MAP(v_tanh, f_tanh)
MAP(v_gelu, f_gelu)
MAP(v_gelu_erf, f_gelu_erf)

/* softmax's e^(x - m): a row whose max is in [0, 64] needs no shift (e^x
 * cannot overflow, and an element whose e^x is denormal has an output no
 * larger), so x is used exactly, through the unclamped exponential when
 * every lane is in [-87, 64]; otherwise x - m, with its rounding error
 * (two-sum) fed back in */
static inline vf softmax_exp(vf x, vf m, int shift)
{
	if (!shift)
		return TB_VANY(~(vi)(x >= -87.0f)) ? v_exp(x) : v_exp_mid(x);
	vf d = x - m, bb = d - x;
	vf err = (x - (d - bb)) + (-m - bb);
	err = sel(d - d == 0.0f, err, splat(0.0f));
	vf e = v_exp(d);
	return e + e * err;
}

#define KAHAN(s, comp, e)                                                        \
	do {                                                                     \
		vf yv_ = (e) - comp, t_ = s + yv_;                               \
		comp = (t_ - s) - yv_;                                           \
		s = t_;                                                          \
	} while (0)

/* one row of cols >= VW: max, exponentials (stored) with a compensated sum
 * (flushed to double every 64 vectors), then each divided by the sum
 * (Markstein: the product by the reciprocal corrected by one FMA); the
 * tail is the last VW elements, overlapping the body */
static void softmax_row(float *yr, const float *xr, size_t cols)
{
	size_t cv = cols / VW * VW, i = 0;
	vf m0 = ld(xr), m1 = m0, m2 = m0, m3 = m0;
	for (; i + 4 * VW <= cols; i += 4 * VW) {
		m0 = TB_VMAX(ld(xr + i), m0);
		m1 = TB_VMAX(ld(xr + i + VW), m1);
		m2 = TB_VMAX(ld(xr + i + 2 * VW), m2);
		m3 = TB_VMAX(ld(xr + i + 3 * VW), m3);
	}
	for (; i + VW <= cols; i += VW)
		m0 = TB_VMAX(ld(xr + i), m0);
	m0 = TB_VMAX(TB_VMAX(ld(xr + cols - VW), m0), TB_VMAX(m1, TB_VMAX(m2, m3)));
	TB_BFLY(m0, vmax2);
	float mx = m0[0];
	int shift = !(mx >= 0.0f && mx <= 64.0f);
	vf m = splat(mx), s = {0}, comp = {0};
	double total = 0;
	size_t cnt = 0;
	for (i = 0; i < cv; i += VW) {
		vf e = softmax_exp(ld(xr + i), m, shift);
		st(yr + i, e);
		KAHAN(s, comp, e);
		if (++cnt == 64) {
			vf l = s - comp;
			for (int k = 0; k < VW; k++)
				total += (double)l[k];
			s = comp = (vf){0};
			cnt = 0;
		}
	}
	if (cv < cols) {
		vf e = softmax_exp(ld(xr + cols - VW), m, shift);
		st(yr + cols - VW, e);
		KAHAN(s, comp, (vf)((vi)e & fresh_lanes(cols - cv)));
	}
	vf l = s - comp;
	for (int k = 0; k < VW; k++)
		total += (double)l[k];
	const vf S = splat((float)total), R = splat(1.0f / (float)total);
	vf last = ld(yr + cols - VW);
	for (i = 0; i < cv; i += VW) {
		vf e = ld(yr + i), q = e * R;
		st(yr + i, TB_VFMA(TB_VFMA(-q, S, e), R, q));
	}
	if (cv < cols) {
		vf q = last * R;
		st(yr + cols - VW, TB_VFMA(TB_VFMA(-q, S, last), R, q));
	}
}

/* row-wise, numerically stable: y = e^(x - max) / sum e^(x - max); a row
 * shorter than VW runs padded with -inf (e^-inf = 0) */
static void v_softmax(float *y, const float *x, size_t rows, size_t cols)
{
	for (size_t r = 0; r < rows; r++) {
		if (cols >= VW) {
			softmax_row(y + r * cols, x + r * cols, cols);
			continue;
		}
		float xb[VW], yb[VW];
		for (int k = 0; k < VW; k++)
			xb[k] = -__builtin_inff();
		memcpy(xb, x + r * cols, cols * 4);
		softmax_row(yb, xb, VW);
		memcpy(y + r * cols, yb, cols * 4);
	}
}

/* ---- creation ---- */
static void v_fill(float *y, float v, size_t n)
{
	const vf vv = splat(v);
	size_t i = 0;
	for (; i + 4 * VW <= n; i += 4 * VW) {
		st(y + i, vv);
		st(y + i + VW, vv);
		st(y + i + 2 * VW, vv);
		st(y + i + 3 * VW, vv);
	}
	for (; i < n; i++)
		y[i] = v;
}

static void v_copy(float *y, const float *x, size_t n)
{
	size_t i = 0;
	for (; i + 4 * VW <= n; i += 4 * VW) {
		vf a = ld(x + i), b = ld(x + i + VW), c = ld(x + i + 2 * VW), d = ld(x + i + 3 * VW);
		st(y + i, a);
		st(y + i + VW, b);
		st(y + i + 2 * VW, c);
		st(y + i + 3 * VW, d);
	}
	for (; i < n; i++)
		y[i] = x[i];
}

/* ---- rand: TB_RAND_LANES GSL taus2 streams side by side, as
 * TB_RAND_LANES / VW native vectors ---- */
typedef uint32_t vu __attribute__((vector_size(VW * 4)));
#define RV (TB_RAND_LANES / VW)
static inline __attribute__((always_inline)) void taus2_step(vu *s1, vu *s2, vu *s3, float *out)
{
	for (int k = 0; k < RV; k++) {
		TB_TAUS2_STEP(s1[k], s2[k], s3[k]);
		vf f = __builtin_convertvector((vi)((s1[k] ^ s2[k] ^ s3[k]) >> 8), vf) * 0x1p-24f;
		st(out + k * VW, f);
	}
}

static void v_taus2(float *y, size_t n, uint32_t state[3][TB_RAND_LANES])
{
	vu s1[RV], s2[RV], s3[RV];
	memcpy(s1, state[0], sizeof(s1));
	memcpy(s2, state[1], sizeof(s2));
	memcpy(s3, state[2], sizeof(s3));
	size_t i = 0;
	for (; i + TB_RAND_LANES <= n; i += TB_RAND_LANES)
		taus2_step(s1, s2, s3, y + i);
	if (i < n) {
		float t[TB_RAND_LANES];
		taus2_step(s1, s2, s3, t);
		memcpy(y + i, t, (n - i) * sizeof(float));
	}
	memcpy(state[0], s1, sizeof(s1));
	memcpy(state[1], s2, sizeof(s2));
	memcpy(state[2], s3, sizeof(s3));
}
#undef RV

#define TB_OPS_STR_(x) #x
#define TB_OPS_STR(x) TB_OPS_STR_(x)
#define TB_OPS_SYM_(x) tb_ops_##x
#define TB_OPS_SYM(x) TB_OPS_SYM_(x)
#define TB_OPS_FN(name) v_##name
const struct tb_ops_isa TB_OPS_SYM(TB_ISA) = {
	.name = TB_OPS_STR(TB_ISA),
#include "ops_table.h"
	.taus2 = v_taus2,
};
#undef TB_OPS_FN
