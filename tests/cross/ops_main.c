/*
 * ops_main.c - the tensor ops' NEON variants on AArch64 (run under
 * qemu-aarch64 by tests/cross/run.sh): every neon and scalar variant of the
 * binary, reduction and activation families (the BIN, RED and ACT rows of
 * kernels/ops/ops.def, read at compile time) passes its verification (odd
 * sizes, odd RxC shapes, unaligned starts, ULP bounds over the float
 * range), and the NEON fill/copy used by creation match the reference, as
 * does rand's NEON taus2 recurrence (16 streams) against the recurrence
 * written out one word at a time.  Creation itself needs GSL (rand seeds
 * and its reference are GSL's), which the cross build does not have; on
 * x86-64 the same vector code is checked bit for bit against gsl_rng_get.
 */
#include "ops/ops.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* every BIN, RED and ACT row of ops.def (creation needs GSL: see above) */
#define TB_OP_BIN(ID, name, ...) extern const struct tb_kernel tb_k_##name##_neon, tb_k_##name##_scalar;
#define TB_OP_RED TB_OP_BIN
#define TB_OP_ACT TB_OP_BIN
#include "ops/ops.def"
static const struct tb_kernel *const kernels[] = {
#define TB_OP_BIN(ID, name, ...) &tb_k_##name##_neon, &tb_k_##name##_scalar,
#define TB_OP_RED TB_OP_BIN
#define TB_OP_ACT TB_OP_BIN
#include "ops/ops.def"
};

static int failed;

static void check(const struct tb_kernel *k, enum tb_mode m, size_t rows, size_t cols, size_t off)
{
	char err[512] = "";
	struct tb_case c = {.k = k, .mode = m, .n = rows * cols, .rows = rows, .cols = cols,
			    .threads = 1, .seed = 7, .alpha = 1.5f, .misalign = off};
	int rc = k->setup(&c, err, sizeof(err));
	if (!rc) {
		rc = k->verify(&c, err, sizeof(err));
		if (!rc)
			k->run(&c, 2);
		k->teardown(&c);
	}
	printf("%s - %s/%s %s %zux%zu offset %zu%s%s\n", rc ? "not ok" : "ok", k->family,
	       k->variant, m == TB_MODE_INPLACE ? "inplace" : m ? "outofplace" : "-", rows, cols, off, rc ? ": " : "", err);
	failed |= rc != 0;
}

/* GSL taus.c's step, one word */
#define TAUS(s, a, b, c, d) ((((s) & (c)) << (d)) ^ ((((s) << (a)) ^ (s)) >> (b)))

static int taus2_check(void)
{
	int bad = 0;
	for (size_t n = 1; n <= 200; n += 7) {
		uint32_t st[3][TB_RAND_LANES], ref[3][TB_RAND_LANES];
		uint32_t x = (uint32_t)n * 2654435761u;
		for (int k = 0; k < 3; k++)
			for (int l = 0; l < TB_RAND_LANES; l++) {
				x = x * 69069u + 1u;
				st[k][l] = ref[k][l] = x | 16u; /* taus2 needs s1 >= 2, s2 >= 8, s3 >= 16 */
			}
		float y[208], want[208];
		tb_ops_neon.taus2(y, n, st);
		for (size_t i = 0; i < (n + TB_RAND_LANES - 1) / TB_RAND_LANES * TB_RAND_LANES; i++) {
			unsigned l = i % TB_RAND_LANES;
			ref[0][l] = TAUS(ref[0][l], 13, 19, 4294967294u, 12);
			ref[1][l] = TAUS(ref[1][l], 2, 25, 4294967288u, 4);
			ref[2][l] = TAUS(ref[2][l], 3, 11, 4294967280u, 17);
			want[i] = (float)((ref[0][l] ^ ref[1][l] ^ ref[2][l]) >> 8) * 0x1p-24f;
		}
		bad |= memcmp(y, want, n * sizeof(float)) != 0 || memcmp(st, ref, sizeof(st)) != 0;
	}
	printf("%s - neon taus2 (rand) matches the word-at-a-time recurrence, sizes 1-197\n",
	       bad ? "not ok" : "ok");
	return bad;
}

int main(void)
{
	const char *why = "";
	if (!tb_ops_neon_supported(&why)) {
		printf("not ok - neon unsupported: %s\n", why);
		return 1;
	}
	for (size_t i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		const struct tb_kernel *k = kernels[i];
		enum tb_mode modes[] = {TB_MODE_OUTOFPLACE, TB_MODE_INPLACE};
		for (int mi = 0; mi < (k->modes ? 2 : 1); mi++) {
			enum tb_mode m = k->modes ? modes[mi] : TB_MODE_NONE;
			if (k->modes && !(k->modes & m))
				continue;
			check(k, m, 1, 1, 0);
			check(k, m, 33, 31, 1);
		}
	}
	/* creation's NEON fill and copy, odd sizes and offsets */
	float src[1100], a[1100], b[1100];
	for (int i = 0; i < 1100; i++)
		src[i] = (float)i * 0.37f - 100.0f;
	int bad = 0;
	for (size_t n = 1; n <= 1030; n += 17)
		for (size_t off = 0; off < 4; off++) {
			memset(a, 0, sizeof(a));
			memset(b, 0, sizeof(b));
			tb_ops_neon.fill(a + off, 1.0f, n);
			tb_ops_scalar.fill(b + off, 1.0f, n);
			tb_ops_neon.copy(a + off + n, src, 1100 - n - off > n ? n : 0);
			tb_ops_scalar.copy(b + off + n, src, 1100 - n - off > n ? n : 0);
			bad |= memcmp(a, b, sizeof(a)) != 0;
		}
	printf("%s - neon fill/copy match the reference on odd sizes and offsets\n", bad ? "not ok" : "ok");
	return failed || bad || taus2_check();
}
