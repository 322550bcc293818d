/*
 * ops_main.c - the tensor ops' NEON variants on AArch64 (run under
 * qemu-aarch64 by tests/cross/run.sh): every neon and scalar variant of the
 * binary, reduction and activation families passes its verification (odd
 * sizes, odd RxC shapes, unaligned starts, ULP bounds over the float
 * range), and the NEON fill/copy used by creation match the reference.
 * Creation itself needs GSL (rand), which the cross build does not have.
 */
#include "ops/ops.h"

#include <stdio.h>
#include <string.h>

#define OPS(X)                                                                      \
	X(add) X(sub) X(mul) X(div) X(adds) X(subs) X(muls) X(divs) X(sum) X(mean)  \
	X(max) X(min) X(sum_rows) X(mean_rows) X(max_rows) X(min_rows) X(sum_cols)  \
	X(mean_cols) X(max_cols) X(min_cols) X(relu) X(sigmoid) X(tanh) X(gelu)     \
	X(gelu_erf) X(softmax)
#define DECL(f) extern const struct tb_kernel tb_k_##f##_neon, tb_k_##f##_scalar;
OPS(DECL)
#define REF(f) &tb_k_##f##_neon, &tb_k_##f##_scalar,
static const struct tb_kernel *const kernels[] = {OPS(REF)};

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
	return failed || bad;
}
