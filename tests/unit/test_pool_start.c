/*
 * test_pool_start.c - a pool must run work handed to it at once after it
 * is created, before its threads had a chance to start waiting (a run
 * dispatched that early used to be missed, and the caller waited forever).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>

#include "kernels/pool.h"

static atomic_uint calls;

static void count(void *arg, unsigned tid, unsigned n)
{
	(void)arg, (void)tid, (void)n;
	atomic_fetch_add(&calls, 1);
}

static void run_right_after_create(void **state)
{
	(void)state;
	for (int rep = 0; rep < 50; rep++) {
		char err[128];
		struct tb_pool *p = tb_pool_create(3, false, 0, err, sizeof(err));
		assert_non_null(p);
		atomic_store(&calls, 0);
		tb_pool_run(p, count, NULL);
		assert_int_equal(atomic_load(&calls), 3);
		tb_pool_destroy(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(run_right_after_create)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
