/*
 * test_pool.c - the persistent worker pool: every worker runs every job,
 * including a job issued right after the pool is created (a worker that
 * had not started yet used to miss it and hang the caller), and tb_split
 * covers [0, n) with aligned boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>

#include "kernels/pool.h"

static void count(void *arg, unsigned tid, unsigned nth)
{
	(void)tid, (void)nth;
	atomic_fetch_add((atomic_uint *)arg, 1);
}

static void job_right_after_create(void **state)
{
	(void)state;
	char err[128];
	for (int rep = 0; rep < 50; rep++) {
		for (unsigned n = 2; n <= 3; n++) {
			struct tb_pool *p = tb_pool_create(n, false, 0, err, sizeof(err));
			assert_non_null(p);
			atomic_uint hits = 0;
			tb_pool_run(p, count, &hits); /* hung here before the fix */
			tb_pool_run(p, count, &hits);
			assert_int_equal(atomic_load(&hits), 2 * n);
			tb_pool_destroy(p);
		}
	}
}

static void split_covers_range(void **state)
{
	(void)state;
	for (size_t n = 0; n < 300; n += 7)
		for (unsigned nth = 1; nth <= 5; nth++) {
			size_t next = 0;
			for (unsigned t = 0; t < nth; t++) {
				size_t b, e;
				tb_split(n, t, nth, 16, &b, &e);
				assert_true(b == next || (b == e));
				if (b < e) {
					assert_true(b % 16 == 0);
					next = e;
				}
			}
			assert_int_equal(next, n);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(job_right_after_create),
		cmocka_unit_test(split_covers_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
