/*
 * scale_main.c - cross-test driver of the scale family (run under
 * qemu-aarch64 by tests/cross/run.sh): the NEON variant is supported on
 * AArch64 and matches the scalar reference bit for bit in both modes, on
 * odd sizes and unaligned starts (the family's own verify), and its timed
 * loop runs.  Prints one line per check; exit 0 only if all pass.
 */
#include "scale/scale.h"

#include <stdio.h>
#include <string.h>

extern const struct tb_kernel tb_k_scale_scalar, tb_k_scale_neon;

static int failed;

static void check(int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	failed |= !ok;
}

int main(void)
{
	static const size_t sizes[] = {1, 3, 15, 17, 1023, 1025, 4096 + 7};
	static const enum tb_mode modes[] = {TB_MODE_OUTOFPLACE, TB_MODE_INPLACE};
	const struct tb_kernel *ks[] = {&tb_k_scale_scalar, &tb_k_scale_neon};
	const char *why = "";
	check(!tb_k_scale_neon.supported || tb_k_scale_neon.supported(&why),
	      "neon is supported on AArch64");
	for (size_t k = 0; k < 2; k++)
		for (int m = 0; m < 2; m++) {
			int ok = 1;
			char what[160], err[256] = "";
			for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]) && ok; s++)
				for (size_t off = 0; off < 4 && ok; off++) {
					struct tb_case c = {.k = ks[k], .mode = modes[m], .n = sizes[s],
							    .rows = 1, .cols = sizes[s], .threads = 1,
							    .seed = 7 + s, .alpha = 1.5f, .misalign = off};
					if (ks[k]->verify(&c, err, sizeof(err)) ||
					    ks[k]->setup(&c, err, sizeof(err))) {
						ok = 0;
						break;
					}
					ks[k]->run(&c, 3);
					ks[k]->teardown(&c);
				}
			snprintf(what, sizeof(what), "%s %s matches the scalar reference%s%s",
				 ks[k]->variant, m ? "inplace" : "outofplace", err[0] ? ": " : "", err);
			check(ok, what);
		}
	/* the check can fail: the reference itself differs from a*x with a
	 * different a, so a wrong kernel would be caught */
	float x[5] = {1, 2, 3, 4, 5}, y[5], r[5];
	tb_scale_ref_out(r, x, 1.5f, 5);
	struct tb_case c = {.k = &tb_k_scale_neon, .mode = TB_MODE_OUTOFPLACE, .n = 5};
	tb_scale_call(&c, y, x, 2.5f, 5);
	check(memcmp(y, r, sizeof(y)) != 0 && y[4] == 12.5f, "a different factor gives a different result");
	return failed;
}
