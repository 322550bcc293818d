/*
 * vec_reduce.h - the reductions of vec_body.h (included by it, once per
 * ISA): blocked sums, max/min, column strips.  Not a header of its own.
 */
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

/* columns [j, j + w) (w a multiple of VW, at most COLS_CHUNK) row by row:
 * each row's piece is read in order (the prefetchers follow it; a strip
 * walking down the rows jumps a row each load and, from L3, waits), into
 * running sums kept in L1.  The same additions in the same order as
 * cols_strip (float from 0 over blocks of 64 rows, the blocks added in
 * double; max/min from row 0 on), so the results are the same bits. */
#define COLS_CHUNK 1024
static void cols_rowwise(enum tb_red_fn fn, float *out, const float *x, size_t rows,
			 size_t cols, size_t j, size_t w, double scale)
{
	float acc[COLS_CHUNK];
	double dacc[COLS_CHUNK];
	if (fn != TB_RED_SUM) {
#define MM(v, a) (fn == TB_RED_MAX ? TB_VMAX(v, a) : TB_VMIN(v, a))
		memcpy(acc, x + j, w * sizeof(float));
		size_t r = 1;
		for (; r + 4 <= rows; r += 4) { /* four rows a pass, in row order */
			const float *a = x + r * cols + j, *b = a + cols, *c = b + cols, *d = c + cols;
			for (size_t i = 0; i < w; i += VW)
				st(acc + i, MM(ld(d + i), MM(ld(c + i), MM(ld(b + i), MM(ld(a + i), ld(acc + i))))));
		}
		for (; r < rows; r++) {
			const float *xr = x + r * cols + j;
			for (size_t i = 0; i < w; i += VW)
				st(acc + i, MM(ld(xr + i), ld(acc + i)));
		}
#undef MM
		memcpy(out + j, acc, w * sizeof(float));
		return;
	}
	for (size_t i = 0; i < w; i++)
		dacc[i] = 0;
	for (size_t r0 = 0; r0 < rows; r0 += 64) {
		size_t r1 = rows - r0 < 64 ? rows : r0 + 64;
		for (size_t i = 0; i < w; i += VW)
			st(acc + i, (vf){0} + ld(x + r0 * cols + j + i));
		size_t r = r0 + 1;
		for (; r + 4 <= r1; r += 4) { /* four rows a pass, added in row order */
			const float *a = x + r * cols + j, *b = a + cols, *c = b + cols, *d = c + cols;
			for (size_t i = 0; i < w; i += VW)
				st(acc + i, (((ld(acc + i) + ld(a + i)) + ld(b + i)) + ld(c + i)) + ld(d + i));
		}
		for (; r < r1; r++) {
			const float *xr = x + r * cols + j;
			for (size_t i = 0; i < w; i += VW)
				st(acc + i, ld(acc + i) + ld(xr + i));
		}
		for (size_t i = 0; i < w; i++)
			dacc[i] += (double)acc[i];
	}
	for (size_t i = 0; i < w; i++)
		out[j + i] = (float)(dacc[i] * scale);
}

static void v_cols(enum tb_red_fn fn, float *out, const float *x, size_t rows,
		   size_t cols, size_t j0, size_t j1, double scale)
{
	size_t j = j0;
	/* whole rows (one thread's call), wide enough that a row is a run of
	 * loads: row by row.  Narrow ones (a running sum's store would wait on
	 * the last) and a thread's half rows (the other thread streams the
	 * other half of each line's page: slower so on Zen 3) in registers */
	if (j0 == 0 && j1 == cols && cols >= 16 * VW)
		for (; j + VW <= j1; j += COLS_CHUNK) {
			size_t w = (j1 - j) / VW * VW;
			cols_rowwise(fn, out, x, rows, cols, j, w < COLS_CHUNK ? w : COLS_CHUNK,
				     scale);
			if (w < COLS_CHUNK) {
				j += w;
				break;
			}
		}
	for (; j + 8 * VW <= j1; j += 8 * VW)
		cols_strip(fn, 8, out, x, rows, cols, j, scale);
	for (; j + VW <= j1; j += VW)
		cols_strip(fn, 1, out, x, rows, cols, j, scale);
	tb_ref_red_cols(fn, out, x, rows, cols, j, j1, scale); /* the last columns, as the reference */
}

