/*
 * test_pool.c - the persistent pool runs every worker on every call, also
 * on the very first call right after creation (a worker that started late
 * used to miss it and the call never returned; alarm() turns a hang into a
 * failure).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <unistd.h>

#include "kernels/pool.h"

static void count(void *arg, unsigned tid, unsigned n)
{
	(void)n;
	atomic_fetch_add((atomic_uint *)arg + tid, 1);
}

static void first_run_right_after_create(void **state)
{
	(void)state;
	char err[128];
	alarm(60);
	for (int round = 0; round < 200; round++) {
		unsigned n = 2 + round % 3;
		atomic_uint hits[4] = {0};
		struct tb_pool *p = tb_pool_create(n, false, 0, err, sizeof(err));
		assert_non_null(p);
		tb_pool_run(p, count, hits);
		tb_pool_run(p, count, hits);
		for (unsigned t = 0; t < n; t++)
			assert_int_equal(atomic_load(&hits[t]), 2);
		tb_pool_destroy(p);
	}
	alarm(0);
}

static void split_covers_range(void **state)
{
	(void)state;
	for (unsigned nth = 1; nth <= 5; nth++) {
		size_t next = 0;
		for (unsigned t = 0; t < nth; t++) {
			size_t b, e;
			tb_split(1000, t, nth, 16, &b, &e);
			assert_true(b == next && e >= b);
			assert_true(b % 16 == 0);
			next = e;
		}
		assert_int_equal(next, 1000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_run_right_after_create),
		cmocka_unit_test(split_covers_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
