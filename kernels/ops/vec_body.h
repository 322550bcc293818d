/*
 * vec_body.h - every op's loop, written once with GCC vector extensions and
 * compiled once per instruction set: isa_avx2.c, isa_avx512.c and
 * isa_neon.c define TB_VW (lanes) and TB_ISA (the table's name), put their
 * target pragma first and include this file, which defines
 * `const struct tb_ops_isa tb_ops_<TB_ISA>` from ops.def (ops_table.h).
 * Here: the helpers, element-wise binary, creation, rand; the reductions
 * and activations are in vec_reduce.h and vec_act.h, included below.
 * Tails use the same vector code on a padded copy or an overlapping last
 * vector, so a tail element gets exactly what a body element would.
 */
#include "ops.h"
#include "poly.h"
#include "taus2.h"

#include <stdint.h>
#include <string.h>

#define VW TB_VW
typedef float vf __attribute__((vector_size(VW * 4)));
typedef int32_t vi __attribute__((vector_size(VW * 4)));
typedef uint32_t vu __attribute__((vector_size(VW * 4))); /* shifts of negatives */

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

#include "vec_reduce.h"
#include "vec_act.h"

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
