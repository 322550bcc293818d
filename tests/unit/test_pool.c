/*
 * test_pool.c - the persistent worker pool: every worker runs every call,
 * even a call issued the moment the pool is created (a start-up race once
 * left a worker asleep and the caller waiting forever), and tb_split covers
 * [0, n) exactly with aligned boundaries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>

#include "kernels/pool.h"

static atomic_uint hits[8];

static void count(void *arg, unsigned tid, unsigned n)
{
	(void)arg;
	(void)n;
	atomic_fetch_add(&hits[tid], 1);
}

static void run_right_after_create(void **state)
{
	(void)state;
	char err[128];
	for (int round = 0; round < 100; round++) {
		unsigned n = 2 + (unsigned)round % 3;
		struct tb_pool *p = tb_pool_create(n, false, 0, err, sizeof(err));
		assert_non_null(p);
		for (unsigned t = 0; t < n; t++)
			atomic_store(&hits[t], 0);
		tb_pool_run(p, count, NULL); /* no pause after create */
		tb_pool_run(p, count, NULL);
		for (unsigned t = 0; t < n; t++)
			assert_int_equal(atomic_load(&hits[t]), 2);
		tb_pool_destroy(p);
	}
}

static void split_covers_range(void **state)
{
	(void)state;
	const size_t ns[] = {0, 1, 15, 16, 17, 1000, 1025, 4096 + 3};
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		for (unsigned th = 1; th <= 5; th++) {
			size_t next = 0;
			for (unsigned t = 0; t < th; t++) {
				size_t b, e;
				tb_split(ns[i], t, th, 16, &b, &e);
				assert_int_equal(b, next);
				assert_true(e >= b);
				if (e < ns[i])
					assert_int_equal(e % 16, 0);
				next = e;
			}
			assert_int_equal(next, ns[i]);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(run_right_after_create),
		cmocka_unit_test(split_covers_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
