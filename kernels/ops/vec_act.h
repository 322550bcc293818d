/*
 * vec_act.h - the activations of vec_body.h (included by it, once per
 * ISA): the exponentials, relu, sigmoid, tanh, both GELUs, softmax.  Not a
 * header of its own.
 */
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
	return (vf)((vu)horner(tb_poly_exp, TB_POLY_EXP_DEG, r) + ((vu)ni << 23));
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
	vf p = (vf)((vu)pr + ((vu)ni << 23)); /* pr 2^n, n >= -122: exact */
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
	vf p = (vf)((vu)pr + ((vu)n1 << 23));     /* pr 2^n1: normal */
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

