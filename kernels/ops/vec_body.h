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
#define BLK (64 * 4 * VW) /* 4 accumulators x VW lanes x 64 additions each */

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
		if (i < m) {
			float t[VW] = {0};
			memcpy(t, p + i, (m - i) * 4);
			s1 += ld(t);
		}
		vf s = (s0 + s1) + (s2 + s3);
		for (int k = 0; k < VW; k++)
			total += (double)s[k];
	}
	return total;
}

/* four accumulators: the compare + select chain is ~4 cycles long, so one
 * or two cannot keep up with the loads */
#define MINMAX(name, CMP)                                                        \
	static float name(const float *x, size_t n)                              \
	{                                                                        \
		vf m[4];                                                         \
		for (int k = 0; k < 4; k++)                                      \
			m[k] = splat(x[0]);                                      \
		size_t i = 0;                                                    \
		for (; i + 4 * VW <= n; i += 4 * VW)                             \
			for (int k = 0; k < 4; k++) {                            \
				vf a = ld(x + i + k * VW);                       \
				m[k] = sel(a CMP m[k], a, m[k]);                 \
			}                                                        \
		for (; i + VW <= n; i += VW) {                                   \
			vf a = ld(x + i);                                        \
			m[0] = sel(a CMP m[0], a, m[0]);                         \
		}                                                                \
		float r = x[0];                                                  \
		for (; i < n; i++)                                               \
			r = x[i] CMP r ? x[i] : r;                               \
		for (int j = 0; j < 4; j++)                                      \
			for (int k = 0; k < VW; k++)                             \
				r = m[j][k] CMP r ? m[j][k] : r;                 \
		return r;                                                        \
	}
MINMAX(v_max, >)
MINMAX(v_min, <)

#define CW 1024 /* columns per chunk: the accumulators (12 KiB) stay in L1 */
static void v_cols(enum tb_red_fn op, float *out, const float *x, size_t rows,
		   size_t cols, size_t j0, size_t j1, double scale)
{
	for (size_t c0 = j0; c0 < j1; c0 += CW) {
		size_t w = j1 - c0 < CW ? j1 - c0 : CW, wv = w / VW * VW;
		float acc[CW];
		double dacc[CW];
		if (op == TB_RED_SUM) {
			memset(dacc, 0, sizeof(dacc));
			for (size_t r0 = 0; r0 < rows; r0 += 64) {
				size_t r1 = rows - r0 < 64 ? rows : r0 + 64;
				memset(acc, 0, sizeof(acc));
				for (size_t r = r0; r < r1; r++) {
					const float *row = x + r * cols + c0;
					size_t j = 0;
					for (; j < wv; j += VW)
						st(acc + j, ld(acc + j) + ld(row + j));
					for (; j < w; j++)
						acc[j] += row[j];
				}
				for (size_t j = 0; j < w; j++)
					dacc[j] += (double)acc[j];
			}
			for (size_t j = 0; j < w; j++)
				out[c0 + j] = (float)(dacc[j] * scale);
			continue;
		}
		memcpy(acc, x + c0, w * 4);
		for (size_t r = 1; r < rows; r++) {
			const float *row = x + r * cols + c0;
			size_t j = 0;
			if (op == TB_RED_MAX) {
				for (; j < wv; j += VW) {
					vf a = ld(row + j), m = ld(acc + j);
					st(acc + j, sel(a > m, a, m));
				}
				for (; j < w; j++)
					acc[j] = row[j] > acc[j] ? row[j] : acc[j];
			} else {
				for (; j < wv; j += VW) {
					vf a = ld(row + j), m = ld(acc + j);
					st(acc + j, sel(a < m, a, m));
				}
				for (; j < w; j++)
					acc[j] = row[j] < acc[j] ? row[j] : acc[j];
			}
		}
		memcpy(out + c0, acc, w * 4);
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

static inline vf f_relu(vf x) { return sel(x < 0.0f, splat(0.0f), x); }

static inline vf f_sigmoid(vf x)
{
	vf e = v_exp(-vabs(x));
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

/* x * Phi(x): Phi = 1/2 + x P(x^2/2) near 0; else from
 * q = 1/2 e^(-x^2/2) H(|x|/sqrt2), H(w) = erfc(w) e^(w^2), with x^2 split
 * exactly so the exponential does not amplify rounding */
static inline vf f_gelu_erf(vf x)
{
	vf a = vabs(x);
	vf small = x * (0.5f + x * (TB_RSQRT2 * 0.5f) * horner(tb_poly_erf, TB_POLY_ERF_DEG, x * x * 0.5f));
	vf ac = sel(a > 20.0f, splat(20.0f), a);
	vf hi = (vf)((vi)ac & (int32_t)0xFFFFF000), lo = ac - hi;
	vf e1 = v_exp(hi * hi * -0.5f), e2 = v_exp(lo * (ac + hi) * -0.5f);
	vf w = ac * TB_RSQRT2;
	vf ha = horner(tb_poly_erfc_a, TB_POLY_ERFC_A_DEG, w - TB_ERFC_A_MID);
	vf hb = horner(tb_poly_erfc_b, TB_POLY_ERFC_B_DEG, 1.0f / w - TB_ERFC_B_MID);
	vf m = 0.5f * sel(w < TB_ERFC_SPLIT, ha, hb) * e2;
	vf xc = sel(x < -20.0f, splat(-20.0f), x);
	vf neg = (xc * m) * e1, pos = x * (1.0f - m * e1);
	return sel(a < 1.0f, small, sel(x < 0.0f, neg, pos));
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

/* e^(x - m), with the rounding error of x - m (two-sum) fed back in */
static inline vf softmax_exp(vf x, vf m)
{
	vf d = x - m, bb = d - x;
	vf err = (x - (d - bb)) + (-m - bb);
	err = sel(d - d == 0.0f, err, splat(0.0f));
	vf e = v_exp(d);
	return e + e * err;
}

/* row-wise, numerically stable: y = e^(x - max) / sum e^(x - max) */
static void v_softmax(float *y, const float *x, size_t rows, size_t cols)
{
	size_t cv = cols / VW * VW;
	for (size_t r = 0; r < rows; r++) {
		const float *xr = x + r * cols;
		float *yr = y + r * cols;
		float mx = v_max(xr, cols);
		vf m = splat(mx);
		double total = 0;
		vf s = {0}, comp = {0}; /* compensated (Kahan) lane sums */
		size_t j = 0, cnt = 0;
		for (; j < cv; j += VW) {
			vf e = softmax_exp(ld(xr + j), m);
			st(yr + j, e);
			vf yv = e - comp, t = s + yv;
			comp = (t - s) - yv;
			s = t;
			if (++cnt == 64) {
				for (int k = 0; k < VW; k++)
					total += (double)s[k] - (double)comp[k];
				s = comp = (vf){0};
				cnt = 0;
			}
		}
		if (j < cols) {
			float t[VW];
			for (int k = 0; k < VW; k++)
				t[k] = -__builtin_inff();
			memcpy(t, xr + j, (cols - j) * 4);
			vf e = softmax_exp(ld(t), m);
			e = sel(ld(t) == -__builtin_inff(), splat(0.0f), e);
			st(t, e);
			memcpy(yr + j, t, (cols - j) * 4);
			s += e;
		}
		for (int k = 0; k < VW; k++)
			total += (double)s[k] - (double)comp[k];
		const vf sum = splat((float)total);
		for (j = 0; j < cv; j += VW)
			st(yr + j, ld(yr + j) / sum);
		for (; j < cols; j++)
			yr[j] = yr[j] / (float)total;
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
