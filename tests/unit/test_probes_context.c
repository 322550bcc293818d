/*
 * test_probes_context.c - the measured context of a run: the copy kernels
 * behind the bandwidth probe copy exactly (odd sizes, unaligned ends), the
 * probe gives finite positive figures with and without workers and refuses
 * an empty copy; the effective clock's two chains (dependent imul, and
 * dependent register-register add/xor) agree, and when two chains
 * disagree by more than 10% the clock is unknown, never a number.  (The
 * chains are compared with each other; no speed is asserted.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "kernels/common.h"
#include "kernels/pool.h"
#include "probes/bandwidth.h"
#include "probes/callgrind.h"
#include "probes/freq.h"

static void copies_are_exact(void **state)
{
	(void)state;
	static const size_t sizes[] = {1, 3, 15, 17, 63, 65, 1023, 1025};
	char err[128];
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (size_t off = 0; off < 3; off++) {
			size_t n = sizes[s];
			float *x = tb_alloc((n + 32) * sizeof(float), err, sizeof(err));
			float *y = tb_alloc((n + 32) * sizeof(float), err, sizeof(err));
			assert_non_null(x);
			assert_non_null(y);
			tb_fill_uniform(x + off, n, 5 + s, -1, 1);
			for (int nt = 0; nt < 2; nt++) {
				for (size_t i = 0; i < n + 16; i++)
					y[off + i] = -7.0f; /* canary after the end */
				if (nt && !tb_copy_nt(y + off, x + off, n))
					continue;
				if (!nt)
					tb_copy_plain(y + off, x + off, n);
				assert_memory_equal(y + off, x + off, n * sizeof(float));
				for (size_t i = n; i < n + 16; i++)
					assert_true(y[off + i] == -7.0f);
			}
			tb_free(x);
			tb_free(y);
		}
}

static void bandwidth_is_measured(void **state)
{
	(void)state;
	char err[128] = "";
	struct tb_bandwidth bw;
	assert_int_equal(tb_bandwidth_measure(64 * 1024, NULL, 2e6, &bw, err, sizeof(err)), 0);
	assert_true(isfinite(bw.copy_gbps) && bw.copy_gbps > 0);
	assert_true(bw.best_gbps >= bw.copy_gbps);
	if (!isnan(bw.nt_gbps))
		assert_true(bw.nt_gbps > 0 && bw.best_gbps >= bw.nt_gbps);
	struct tb_pool *p = tb_pool_create(2, false, 0, err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(tb_bandwidth_measure(1000 * 4 + 4, p, 2e6, &bw, err, sizeof(err)), 0);
	assert_true(isfinite(bw.copy_gbps) && bw.copy_gbps > 0);
	tb_pool_destroy(p);
	assert_int_equal(tb_bandwidth_measure(2, NULL, 2e6, &bw, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "too small"));
}

/* The two chains of one probe measure the same clock.  A core that
 * shortcut one of them (as Sapphire Rapids folds a chain of add $1) would
 * fail here; a machine busy enough to disturb every round of one chain
 * gets two more tries. */
static void clock_chains_agree(void **state)
{
	(void)state;
	struct tb_freq f;
	for (int attempt = 0; attempt < 3; attempt++) {
		tb_freq_measure(20e6, &f);
		print_message("imul chain %.3f GHz, add/xor chain %.3f GHz (%.1f%% apart)\n",
			      f.imul_ghz, f.alu_ghz, 100 * f.diff);
		if (f.diff <= TB_FREQ_AGREE)
			break;
	}
	assert_true(isfinite(f.imul_ghz) && f.imul_ghz > 0);
	assert_true(isfinite(f.alu_ghz) && f.alu_ghz > 0);
	if (tb_on_valgrind()) {
		/* valgrind's JIT runs the two chains at unrelated speeds: the
		 * probe must say unknown then, never give a clock */
		print_message("under valgrind: %s\n", isnan(f.ghz) ? "unknown" : "agreed");
		assert_true(isnan(f.ghz) == (f.diff > TB_FREQ_AGREE));
		return;
	}
	assert_true(f.diff <= TB_FREQ_AGREE);
	assert_true(f.ghz == f.imul_ghz);
	assert_true(tb_effective_ghz(2e6) > 0);
}

static void disagreeing_chains_give_unknown(void **state)
{
	(void)state;
	char b[256];
	struct tb_freq f = {.imul_ghz = 2.6, .alu_ghz = 2.5};
	tb_freq_judge(&f);
	assert_true(f.ghz == 2.6);
	tb_freq_describe(&f, b, sizeof(b));
	assert_string_equal(b, "2.600 (dependent imul chain / 3; add/xor chain 2.500 GHz, 3.8% apart)");
	/* an add chain folded 3 at a time: 7.5 GHz against the imul's 2.5 */
	f = (struct tb_freq){.imul_ghz = 2.5, .alu_ghz = 7.5};
	tb_freq_judge(&f);
	assert_true(isnan(f.ghz));
	tb_freq_describe(&f, b, sizeof(b));
	assert_non_null(strstr(b, "unknown ("));
	assert_non_null(strstr(b, "disagree by 67% > 10%"));
	f = (struct tb_freq){.imul_ghz = 2.5, .alu_ghz = 2.5 * 1.12};
	tb_freq_judge(&f);
	assert_true(isnan(f.ghz)); /* 11% apart: beyond the 10% allowed */
	f = (struct tb_freq){.imul_ghz = NAN, .alu_ghz = 2.5};
	tb_freq_judge(&f);
	assert_true(isnan(f.ghz));
	tb_freq_describe(&f, b, sizeof(b));
	assert_string_equal(b, "unknown (the chains could not be timed)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copies_are_exact),
		cmocka_unit_test(bandwidth_is_measured),
		cmocka_unit_test(clock_chains_agree),
		cmocka_unit_test(disagreeing_chains_give_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
