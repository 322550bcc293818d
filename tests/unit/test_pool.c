/*
 * test_pool.c - tb_split, the work split of the persistent pool: the parts
 * cover [0, n) in order, each starting on an aligned boundary.  (Starting
 * the pool is tested in test_pool_start.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernels/pool.h"

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
		cmocka_unit_test(split_covers_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
