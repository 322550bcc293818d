/*
 * test_registry.c - invariants of the kernel registry: every variant belongs
 * to a listed family, keys are unique, every family has its reference, and
 * every descriptor has the hooks the runner needs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kernels_belong_to_families),
		cmocka_unit_test(keys_are_unique),
		cmocka_unit_test(families_have_reference_and_sizes),
		cmocka_unit_test(find_rejects_unknown),
		cmocka_unit_test(unsupported_has_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
