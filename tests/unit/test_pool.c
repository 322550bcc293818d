/*
 * test_pool.c - the persistent worker pool: every worker runs every call,
 * even a call issued the moment the pool is created (a start-up race once
 * left a worker asleep and the caller waiting forever), and tb_split covers
 * [0, n) exactly with aligned boundaries; with timing on, each worker's
 * busy time is its own share's (a worker made to take twice as long shows
 * twice the time) and timing off counts nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdatomic.h>
#include <time.h>

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

static uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* worker tid busy-waits (tid + 1) ms: worker 1's share lasts twice worker 0's */
static void wait_share(void *arg, unsigned tid, unsigned n)
{
	(void)arg;
	(void)n;
	uint64_t end = now_ns() + (tid + 1) * 1000000u;
	while (now_ns() < end)
		;
}

static void busy_time_per_worker(void **state)
{
	(void)state;
	char err[128];
	struct tb_pool *p = tb_pool_create(2, false, 0, err, sizeof(err));
	assert_non_null(p);
	double ns[4];
	unsigned long runs[4];
	tb_pool_run(p, wait_share, NULL); /* timing off: nothing counted */
	assert_int_equal(tb_pool_busy(p, ns, runs, 4), 2);
	assert_true(runs[0] == 0 && runs[1] == 0 && ns[0] == 0 && ns[1] == 0);
	tb_pool_time(p, true);
	for (int i = 0; i < 3; i++)
		tb_pool_run(p, wait_share, NULL);
	tb_pool_time(p, false);
	tb_pool_run(p, wait_share, NULL); /* after off: not counted */
	assert_int_equal(tb_pool_busy(p, ns, runs, 4), 2);
	assert_int_equal(runs[0], 3);
	assert_int_equal(runs[1], 3);
	/* a busy wait lasts at least its time: the caller's share (worker 0)
	 * 3 x 1 ms, worker 1's 3 x 2 ms; the wait for the other share is not in it */
	assert_true(ns[0] >= 3e6 && ns[1] >= 6e6);
	assert_int_equal(tb_pool_busy(p, ns, runs, 1), 1); /* at most n */
	tb_pool_time(p, true); /* on again: cleared */
	assert_int_equal(tb_pool_busy(p, ns, runs, 4), 2);
	assert_true(runs[0] == 0 && runs[1] == 0);
	tb_pool_destroy(p);
	assert_int_equal(tb_pool_busy(NULL, ns, runs, 4), 0);
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
		cmocka_unit_test(busy_time_per_worker),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
