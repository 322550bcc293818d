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
#define TB_RSQRT2 0.70710678118f
#define TB_ERFC_SPLIT 2.0f           /* H(w) = erfc(w) e^(w^2): A on [0.7, 2), B on [2, 9.6] */
#define TB_ERFC_A_MID 1.35f          /* A is a polynomial in w - 1.35 */
#define TB_ERFC_B_MID 0.3f           /* B is a polynomial in 1/w - 0.3 */

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

/* erf(w)/w as a polynomial in w^2, |w| <= 0.72 */
static const float tb_poly_erf[] = {
	1.128379166e+00f,
	-3.761262840e-01f,
	1.128354090e-01f,
	-2.684427870e-02f,
	5.137222254e-03f,
	-6.937449102e-04f,
};
#define TB_POLY_ERF_DEG 5 /* float Horner: max rel. error 2.2 x 2^-24 on the fit range */

/* erfc(w) e^(w^2) */
static const float tb_poly_erfc_a[] = {
	3.479605808e-01f,
	-1.888855985e-01f,
	9.296492346e-02f,
	-4.225528358e-02f,
	1.796222098e-02f,
	-7.203283604e-03f,
	2.730992618e-03f,
	-9.979333730e-04f,
	3.893142149e-04f,
	-1.265735989e-04f,
};
#define TB_POLY_ERFC_A_DEG 9 /* float Horner: max rel. error 2.7 x 2^-24 on the fit range */
static const float tb_poly_erfc_b[] = {
	1.624899611e-01f,
	5.012528966e-01f,
	-1.752763876e-01f,
	-7.316165502e-02f,
	1.836476906e-01f,
	-1.291169287e-01f,
	-5.847717952e-02f,
	2.635744703e-01f,
	-2.596710228e-01f,
};
#define TB_POLY_ERFC_B_DEG 8 /* float Horner: max rel. error 4.4 x 2^-24 on the fit range */

#endif
