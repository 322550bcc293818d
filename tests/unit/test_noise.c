/*
 * test_noise.c - the noise warnings read from a fingerprint: each risk is
 * named once, a quiet machine gives none, ASLR only when asked for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "probes/machine.h"

static void quiet_machine(void **state)
{
	(void)state;
	struct tb_kvlist fp = {0};
	tb_kv_set(&fp, "cpu.governor", "performance");
	tb_kv_set(&fp, "os.loadavg", "0.10 0.20 0.30");
	tb_kv_set(&fp, "cpu.threads", "8");
	tb_kv_set(&fp, "machine.virtual", "no");
	tb_kv_set(&fp, "build.type", "Release");
	tb_kv_set(&fp, "build.flags", "-O3");
	tb_kv_set(&fp, "os.aslr", "off");
	char buf[512];
	assert_int_equal(tb_noise_warnings(&fp, true, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	tb_kv_free(&fp);
}

static void every_risk_named(void **state)
{
	(void)state;
	struct tb_kvlist fp = {0};
	tb_kv_set(&fp, "cpu.governor", "powersave");
	tb_kv_set(&fp, "os.loadavg", "6.00 1 1");
	tb_kv_set(&fp, "cpu.threads", "8");
	tb_kv_set(&fp, "machine.virtual", "KVMKVMKVM");
	tb_kv_set(&fp, "build.type", "Debug");
	tb_kv_set(&fp, "build.flags", "-g -fsanitize=address,undefined");
	tb_kv_set(&fp, "os.aslr", "on (2, full)");
	char buf[1024];
	assert_int_equal(tb_noise_warnings(&fp, false, buf, sizeof(buf)), 5);
	assert_non_null(strstr(buf, "governor is 'powersave'"));
	assert_non_null(strstr(buf, "load average 6.00 on 8 CPUs"));
	assert_non_null(strstr(buf, "virtual machine (KVMKVMKVM)"));
	assert_non_null(strstr(buf, "Debug build"));
	assert_non_null(strstr(buf, "sanitizer build"));
	assert_null(strstr(buf, "ASLR"));
	assert_int_equal(tb_noise_warnings(&fp, true, buf, sizeof(buf)), 6);
	assert_non_null(strstr(buf, "ASLR is on"));
	/* the load threshold is half the CPUs */
	tb_kv_set(&fp, "os.loadavg", "3.90 1 1");
	assert_int_equal(tb_noise_warnings(&fp, false, buf, sizeof(buf)), 4);
	assert_null(strstr(buf, "load average"));
	tb_kv_free(&fp);
}

static void unreadable_governor_is_not_a_warning(void **state)
{
	(void)state;
	struct tb_kvlist fp = {0};
	tb_kv_set(&fp, "cpu.governor", "unknown (no cpufreq)");
	char buf[256];
	assert_int_equal(tb_noise_warnings(&fp, false, buf, sizeof(buf)), 0);
	tb_kv_free(&fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quiet_machine), cmocka_unit_test(every_risk_named),
		cmocka_unit_test(unreadable_governor_is_not_a_warning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
