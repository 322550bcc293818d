/*
 * test_kernel_api.c - the public kernel API's helpers that plugins call
 * (include/tbench/kernel.h): the ULP distance and the ULP-bounded compare,
 * and tb_registry_add (a plugin's families and kernels join the registry
 * after the built-in ones, found by name, counted once).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "kernels/kernel.h"

static void ulp_distance(void **state)
{
	(void)state;
	assert_int_equal(tb_ulp_diff(1.0f, 1.0f), 0);
	assert_int_equal(tb_ulp_diff(0.0f, -0.0f), 0);
	assert_int_equal(tb_ulp_diff(1.0f, nextafterf(1.0f, 2.0f)), 1);
	assert_int_equal(tb_ulp_diff(nextafterf(1.0f, 0.0f), 1.0f), 1);
	/* across zero: the two smallest subnormals are 2 apart */
	assert_int_equal(tb_ulp_diff(0x1p-149f, -0x1p-149f), 2);
	assert_int_equal(tb_ulp_diff(NAN, 1.0f), UINT32_MAX);
	assert_int_equal(tb_ulp_diff(NAN, NAN), 0);
	assert_int_equal(tb_ulp_diff(INFINITY, 3.4028235e38f), 1);
	assert_true(tb_ulp_diff(-INFINITY, INFINITY) > (1u << 31));
}

static void compare_ulp(void **state)
{
	(void)state;
	float want[5] = {1, 2, 3, 4, 5}, got[5] = {1, 2, 3, 4, 5};
	char why[256] = "";
	assert_int_equal(tb_compare_ulp("k", got, want, 5, 0, why, sizeof(why)), 0);
	got[3] = nextafterf(4.0f, 5.0f);
	assert_int_equal(tb_compare_ulp("k", got, want, 5, 1, why, sizeof(why)), 0);
	assert_int_equal(tb_compare_ulp("k", got, want, 5, 0, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "k: element 3 of 5"));
	assert_non_null(strstr(why, "1 ulp apart, at most 0 allowed"));
	got[1] = NAN;
	assert_int_equal(tb_compare_ulp("k", got, want, 5, 1000, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "element 1 of 5"));
}

static void run_nothing(struct tb_case *c, uint64_t iters) { (void)c; (void)iters; }
static int verify_ok(struct tb_case *c, char *why, size_t len) { (void)c; (void)why; (void)len; return 0; }
static struct tb_work no_work(const struct tb_case *c) { (void)c; return (struct tb_work){0}; }

static void registry_add(void **state)
{
	(void)state;
	static const struct tb_kernel k = {.abi = TB_KERNEL_ABI, .family = "tapi", .variant = "v",
					   .summary = "s", .run = run_nothing, .verify = verify_ok,
					   .work = no_work};
	static const struct tb_family f[] = {{.name = "tapi", .summary = "s", .default_sizes = "1",
					      .reference = "v", .size_unit = "u", .suite_sizes = "1"}};
	static const struct tb_kernel *const ks[] = {&k};
	size_t nk = tb_kernel_count(), nf = tb_family_count();
	assert_int_equal(nf, tb_family_builtin_count());
	assert_null(tb_family_find("tapi"));
	char err[256];
	assert_int_equal(tb_registry_add(f, 1, ks, 1, err, sizeof(err)), 0);
	assert_int_equal(tb_kernel_count(), nk + 1);
	assert_int_equal(tb_family_count(), nf + 1);
	assert_ptr_equal(tb_family_find("tapi"), &f[0]);
	assert_ptr_equal(tb_family_at(nf), &f[0]);
	assert_ptr_equal(tb_kernel_find("tapi", "v"), &k);
	assert_ptr_equal(tb_kernel_at(nk), &k);
	assert_non_null(tb_kernel_find("scale", "scalar")); /* the built-ins stay */
	assert_int_equal(tb_family_builtin_count(), nf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ulp_distance),
		cmocka_unit_test(compare_ulp),
		cmocka_unit_test(registry_add),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
