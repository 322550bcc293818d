/*
 * test_probes_context.c - the measured context of a run: the copy kernels
 * behind the bandwidth probe copy exactly (odd sizes, unaligned ends), the
 * probe gives finite positive figures with and without workers and refuses
 * an empty copy, and the effective clock is a finite positive figure.
 * (No timing is asserted: speed is shown by running tbench.)
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

static void clock_is_measured(void **state)
{
	(void)state;
	double ghz = tb_effective_ghz(1e6);
	assert_true(isfinite(ghz) && ghz > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copies_are_exact),
		cmocka_unit_test(bandwidth_is_measured),
		cmocka_unit_test(clock_is_measured),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
