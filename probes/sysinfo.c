/*
 * sysinfo.c - read /proc and uname for the machine fingerprint.
 */
#define _GNU_SOURCE
#include "sysinfo.h"

#include "clock.h"
#include "machine.h"
#include "git_rev.h" /* generated at build time: build/base/git_rev.h */
#include "version.h" /* generated: build/base/version.h */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int tb_fingerprint(struct tb_kvlist *fp)
{
	char buf[512];
	struct utsname u;
	int rc = 0;
	tb_cpu_model(buf, sizeof(buf));
	rc |= tb_kv_set(fp, "cpu.model", buf);
	rc |= tb_kv_setf(fp, "cpu.count", "%u", tb_cpu_count());
	rc |= tb_kv_setf(fp, "mem.total_bytes", "%lu",
			 (unsigned long)sysconf(_SC_PHYS_PAGES) * (unsigned long)sysconf(_SC_PAGESIZE));
	if (uname(&u) == 0) {
		rc |= tb_kv_setf(fp, "os.kernel", "%s %s", u.sysname, u.release);
		rc |= tb_kv_set(fp, "os.arch", u.machine);
		rc |= tb_kv_set(fp, "host.name", u.nodename);
	}
	tb_machine_facts(fp);
	rc |= tb_kv_set(fp, "tbench.version", TB_VERSION);
	rc |= tb_kv_set(fp, "tbench.git", TB_GIT_REV);
	rc |= tb_kv_set(fp, "build.type", TB_BUILD_TYPE);
#if defined(__clang__)
	rc |= tb_kv_setf(fp, "build.compiler", "clang %s", __clang_version__);
#elif defined(__GNUC__)
	rc |= tb_kv_setf(fp, "build.compiler", "gcc %s", __VERSION__);
#else
	rc |= tb_kv_setf(fp, "build.compiler", "%s", __VERSION__);
#endif
	rc |= tb_kv_set(fp, "build.flags", TB_C_FLAGS);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	rc |= tb_kv_set(fp, "run.timestamp", buf);
	return rc ? -1 : 0;
}

void tb_fingerprint_clock(struct tb_kvlist *fp, const struct tb_clock_info *ci)
{
	tb_kv_set(fp, "clock.source", "CLOCK_MONOTONIC_RAW");
	tb_kv_setf(fp, "clock.resolution_ns", "%.0f", ci->resolution_ns);
	tb_kv_setf(fp, "clock.overhead_ns", "%.1f", ci->overhead_ns);
}
