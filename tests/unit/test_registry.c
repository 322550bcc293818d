/*
 * test_registry.c - invariants of the kernel registry: every variant belongs
 * to a listed family, keys are unique, every family has its reference, and
 * every descriptor has the hooks the runner needs; a descriptor built for
 * another kernel abi or missing a required hook is refused, in one line
 * naming it (and both abi numbers).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "kernels/kernel.h"

static void kernels_belong_to_families(void **state)
{
	(void)state;
	assert_true(tb_kernel_count() >= 2);
	for (size_t i = 0; i < tb_kernel_count(); i++) {
		const struct tb_kernel *k = tb_kernel_at(i);
		assert_non_null(k->family);
		assert_non_null(k->variant);
		assert_non_null(k->summary);
		assert_true(strlen(k->summary) > 0);
		assert_non_null(k->run);
		assert_non_null(k->work);
		assert_non_null(tb_family_find(k->family));
		assert_true(strlen(k->family) < 32 && strlen(k->variant) < 32);
		assert_true((k->modes & ~(unsigned)(TB_MODE_INPLACE | TB_MODE_OUTOFPLACE)) == 0);
	}
}

static void keys_are_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < tb_kernel_count(); i++)
		for (size_t j = i + 1; j < tb_kernel_count(); j++) {
			const struct tb_kernel *a = tb_kernel_at(i), *b = tb_kernel_at(j);
			assert_false(!strcmp(a->family, b->family) && !strcmp(a->variant, b->variant));
		}
	for (size_t i = 0; i < tb_family_count(); i++)
		for (size_t j = i + 1; j < tb_family_count(); j++)
			assert_string_not_equal(tb_family_at(i)->name, tb_family_at(j)->name);
}

static void families_have_reference_and_sizes(void **state)
{
	(void)state;
	for (size_t i = 0; i < tb_family_count(); i++) {
		const struct tb_family *f = tb_family_at(i);
		const struct tb_kernel *ref = tb_kernel_find(f->name, f->reference);
		assert_non_null(ref);
		const char *why;
		assert_true(tb_kernel_supported(ref, &why)); /* the reference runs everywhere */
		assert_true(strlen(f->default_sizes) > 0);
		assert_true(strlen(f->suite_sizes) > 0);
	}
}

static void find_rejects_unknown(void **state)
{
	(void)state;
	assert_null(tb_kernel_find("scale", "no-such-variant"));
	assert_null(tb_family_find("no-such-family"));
	assert_non_null(tb_kernel_find("scale", "scalar"));
	assert_null(tb_kernel_at(tb_kernel_count()));
}

static void unsupported_has_reason(void **state)
{
	(void)state;
	for (size_t i = 0; i < tb_kernel_count(); i++) {
		const char *why = NULL;
		if (!tb_kernel_supported(tb_kernel_at(i), &why)) {
			assert_non_null(why);
			assert_true(strlen(why) > 0);
		}
	}
}

static void run_nop(struct tb_case *c, uint64_t iters) { (void)c, (void)iters; }
static int verify_ok(struct tb_case *c, char *why, size_t len)
{
	(void)c, (void)why, (void)len;
	return 0;
}
static struct tb_work work_one(const struct tb_case *c)
{
	(void)c;
	return (struct tb_work){.items = 1, .item_unit = "call"};
}
static int setup_ok(struct tb_case *c, char *err, size_t len)
{
	(void)c, (void)err, (void)len;
	return 0;
}

static void expect_refused(const struct tb_kernel *k, const char *needle)
{
	char err[256] = "";
	assert_int_equal(tb_kernel_check(k, err, sizeof(err)), -1);
	if (!strstr(err, needle))
		fail_msg("message '%s' lacks '%s'", err, needle);
	assert_null(strchr(err, '\n'));
	assert_non_null(strstr(err, "refused"));
}

static void check_refuses_bad_descriptors(void **state)
{
	(void)state;
	char err[256] = "", want[128];
	const struct tb_kernel good = {.abi = TB_KERNEL_ABI, .family = "null", .variant = "x",
				       .summary = "s", .run = run_nop, .verify = verify_ok,
				       .work = work_one};
	assert_int_equal(tb_kernel_check(&good, err, sizeof(err)), 0);

	struct tb_kernel k = good;
	k.abi = TB_KERNEL_ABI + 1;
	snprintf(want, sizeof(want), "kernel null/x refused: built for kernel abi %u, this tbench has abi %u",
		 TB_KERNEL_ABI + 1, TB_KERNEL_ABI);
	expect_refused(&k, want);
	k.abi = 0; /* a descriptor written before .abi existed */
	expect_refused(&k, "abi 0,");

	k = good, k.run = NULL;
	expect_refused(&k, "null/x refused: no run()");
	k = good, k.verify = NULL;
	expect_refused(&k, "no verify()");
	k = good, k.work = NULL;
	expect_refused(&k, "no work()");
	k = good, k.summary = "";
	expect_refused(&k, "no summary");
	k = good, k.setup = setup_ok;
	expect_refused(&k, "no teardown()");

	/* a refused descriptor is left out, the others kept in order */
	struct tb_kernel old = good, other = good;
	old.abi = 0, old.variant = "old";
	other.variant = "y";
	const struct tb_kernel *in[] = {&good, &old, &other}, *out[3] = {0};
	assert_int_equal(tb_kernel_accept(in, 3, out, err, sizeof(err)), 2);
	assert_ptr_equal(out[0], &good);
	assert_ptr_equal(out[1], &other);
	assert_non_null(strstr(err, "null/old refused: built for kernel abi 0"));
	assert_int_equal(tb_kernel_accept(in, 1, out, err, sizeof(err)), 1);
	assert_string_equal(err, "");
}

static void builtins_all_accepted(void **state)
{
	(void)state;
	assert_string_equal(tb_registry_error(), "");
	for (size_t i = 0; i < tb_kernel_count(); i++) {
		char err[256];
		assert_int_equal(tb_kernel_at(i)->abi, TB_KERNEL_ABI);
		assert_int_equal(tb_kernel_check(tb_kernel_at(i), err, sizeof(err)), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kernels_belong_to_families),
		cmocka_unit_test(keys_are_unique),
		cmocka_unit_test(families_have_reference_and_sizes),
		cmocka_unit_test(find_rejects_unknown),
		cmocka_unit_test(unsupported_has_reason),
		cmocka_unit_test(check_refuses_bad_descriptors),
		cmocka_unit_test(builtins_all_accepted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
