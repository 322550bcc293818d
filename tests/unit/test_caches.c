/*
 * test_caches.c - cache sizes read from a sysfs-shaped directory (the AMD
 * Zen 4 and Intel Sapphire Rapids guests' layouts, holes, instruction
 * caches, missing levels) and the size tiers built on them: a cache tier
 * never exceeds its target, DRAM never falls short of 4x the last level.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probes/caches.h"

static char root[64];

static void put(int idx, const char *file, const char *value)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/index%d", root, idx);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/index%d/%s", root, idx, file);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fprintf(f, "%s\n", value);
	fclose(f);
}

static void cache(int idx, const char *level, const char *type, const char *size)
{
	put(idx, "level", level);
	put(idx, "type", type);
	put(idx, "size", size);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/tb_caches.XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

/* side*side*bpe within the tier's promise, and 8 more (or less) breaks it */
static void check_side(const struct tb_caches *c, enum tb_tier t, double bpe)
{
	uint64_t s = tb_tier_side(c, t, bpe);
	double bytes = (double)tb_tier_bytes(c, t);
	assert_true(s >= 8 && s % 8 == 0);
	double have = (double)s * (double)s * bpe;
	if (t == TB_TIER_DRAM) {
		assert_true(have >= bytes);
		assert_true((double)(s - 8) * (double)(s - 8) * bpe < bytes);
	} else {
		assert_true(have <= bytes || s == 8);
		assert_true((double)(s + 8) * (double)(s + 8) * bpe > bytes);
	}
}

static void zen4_guest(void **state)
{
	(void)state;
	cache(0, "1", "Data", "32K");
	cache(1, "1", "Instruction", "32K");
	cache(2, "2", "Unified", "512K");
	cache(3, "3", "Unified", "32768K");
	struct tb_caches c;
	tb_caches_read(&c, root);
	assert_int_equal(c.l1d, 32 << 10);
	assert_int_equal(c.l2, 512 << 10);
	assert_int_equal(c.l3, 32 << 20);
	assert_int_equal(c.llc, 32 << 20);
	assert_string_equal(c.missing, "");
	assert_int_equal(tb_tier_bytes(&c, TB_TIER_L1), 16 << 10);
	assert_int_equal(tb_tier_bytes(&c, TB_TIER_L3), 16 << 20);
	assert_int_equal(tb_tier_bytes(&c, TB_TIER_DRAM), (uint64_t)128 << 20);
	/* scale in place (4 B/element): 64x64 fills half of L1d exactly */
	assert_int_equal(tb_tier_side(&c, TB_TIER_L1, 4), 64);
	assert_int_equal(tb_tier_side(&c, TB_TIER_DRAM, 8), 4096);
	for (int t = TB_TIER_L1; t < TB_TIER_N; t++)
		for (double bpe = 4; bpe <= 12; bpe += 4)
			check_side(&c, (enum tb_tier)t, bpe);
}

/* the Intel guest: 300 MiB of L3, so DRAM is at least 1200 MiB */
static void sapphire_rapids_guest(void **state)
{
	(void)state;
	cache(0, "1", "Data", "48K");
	cache(1, "1", "Instruction", "32K");
	cache(2, "2", "Unified", "2048K");
	cache(3, "3", "Unified", "307200K");
	struct tb_caches c;
	tb_caches_read(&c, root);
	assert_int_equal(c.llc, (uint64_t)300 << 20);
	assert_int_equal(tb_tier_bytes(&c, TB_TIER_DRAM), (uint64_t)1200 << 20);
	uint64_t s = tb_tier_side(&c, TB_TIER_DRAM, 4);
	assert_true((double)s * (double)s * 4 >= 1200.0 * (1 << 20));
	/* 4096x4096 is not beyond this LLC: the DRAM tier must be larger */
	assert_true(s > 4096);
	for (int t = TB_TIER_L1; t < TB_TIER_N; t++)
		check_side(&c, (enum tb_tier)t, 4);
}

/* index numbers with holes, an M suffix, no L3: the LLC is assumed */
static void missing_level_is_said(void **state)
{
	(void)state;
	cache(0, "1", "Data", "64K");
	cache(5, "2", "Unified", "1M");
	struct tb_caches c;
	tb_caches_read(&c, root);
	assert_int_equal(c.l1d, 64 << 10);
	assert_int_equal(c.l2, 1 << 20);
	assert_non_null(strstr(c.missing, "L3 (assumed 32 MiB)"));
	assert_null(strstr(c.missing, "L2"));
	assert_int_equal(c.llc, TB_ASSUME_L3);
}

static void nothing_readable(void **state)
{
	(void)state;
	struct tb_caches c;
	tb_caches_read(&c, "/nonexistent/cache");
	assert_non_null(strstr(c.missing, "L1d (assumed 32 KiB)"));
	assert_non_null(strstr(c.missing, "L2 (assumed 1 MiB)"));
	assert_non_null(strstr(c.missing, "L3 (assumed 32 MiB)"));
	assert_int_equal(c.llc, TB_ASSUME_L3);
	check_side(&c, TB_TIER_DRAM, 4);
}

/* a garbage size is no size */
static void garbage_size(void **state)
{
	(void)state;
	cache(0, "1", "Data", "lots");
	cache(1, "2", "Unified", "12Q");
	struct tb_caches c;
	tb_caches_read(&c, root);
	assert_non_null(strstr(c.missing, "L1d"));
	assert_non_null(strstr(c.missing, "L2"));
}

static void tier_names(void **state)
{
	(void)state;
	assert_int_equal(tb_tier_parse("L1"), TB_TIER_L1);
	assert_int_equal(tb_tier_parse("l2"), TB_TIER_L2);
	assert_int_equal(tb_tier_parse("L3"), TB_TIER_L3);
	assert_int_equal(tb_tier_parse("Dram"), TB_TIER_DRAM);
	assert_int_equal(tb_tier_parse("L4"), TB_TIER_NONE);
	assert_int_equal(tb_tier_parse(""), TB_TIER_NONE);
	assert_int_equal(tb_tier_parse("L1x"), TB_TIER_NONE);
	assert_string_equal(tb_tier_name(TB_TIER_DRAM), "DRAM");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(zen4_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(sapphire_rapids_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_level_is_said, setup, teardown),
		cmocka_unit_test(nothing_readable),
		cmocka_unit_test_setup_teardown(garbage_size, setup, teardown),
		cmocka_unit_test(tier_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
