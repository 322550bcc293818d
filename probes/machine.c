/*
 * machine.c - the CPU and OS facts of the fingerprint that need parsing:
 * /proc/cpuinfo (vendor, family/model, ISA features), sysfs (caches,
 * cores, nominal clock, governor, boost), virtualisation, ASLR, load, the
 * BLAS library's build and PAPI.  Every key is written; what cannot be read
 * here says "unknown" (or why) rather than a guess.
 */
#define _GNU_SOURCE
#include "machine.h"

#include "blasinfo.h"
#include "counters.h"
#include "cpuinfo.h"

#include <papi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* first "key : value" of /proc/cpuinfo whose key is exactly key */
static bool cpuinfo(const char *key, char *buf, size_t len)
{
	const char *v = tb_cpuinfo(key);
	if (v)
		snprintf(buf, len, "%s", v);
	return v != NULL;
}

static bool read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	bool ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = 0;
	return ok;
}

static bool has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = list; (p = strstr(p, w)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
			return true;
	return false;
}

static void isa(struct tb_kvlist *fp)
{
	static const char *const x86[] = {"sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq",
					  "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
					  "avx512_fp16", "amx_tile", NULL};
	static const char *const arm[] = {"asimd", "asimdhp", "sve", "sve2", "sme", NULL};
	static char flags[8192];
	const char *const *want = x86;
	if (!cpuinfo("flags", flags, sizeof(flags))) {
		want = arm;
		if (!cpuinfo("Features", flags, sizeof(flags)))
			flags[0] = 0;
	}
	char out[512] = "";
	for (; *want; want++)
		if (has_word(flags, *want))
			snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", out[0] ? " " : "",
				 *want);
	tb_kv_set(fp, "cpu.isa", out[0] ? out : "none of the listed");
	tb_kv_set(fp, "cpu.avx2", has_word(flags, "avx2") ? "yes" : "no");
	tb_kv_set(fp, "cpu.avx512", has_word(flags, "avx512f") ? "yes" : "no");
	tb_kv_set(fp, "cpu.neon", has_word(flags, "asimd") ? "yes" : "no");
	tb_kv_set(fp, "cpu.hypervisor_flag", has_word(flags, "hypervisor") ? "yes" : "no");
}

static void identity(struct tb_kvlist *fp)
{
	char v[256];
	if (cpuinfo("vendor_id", v, sizeof(v)) || cpuinfo("CPU implementer", v, sizeof(v)))
		tb_kv_set(fp, "cpu.vendor", v);
	else
		tb_kv_set(fp, "cpu.vendor", "unknown");
	char fam[64] = "?", mod[64] = "?", step[64] = "?";
	if (cpuinfo("cpu family", fam, sizeof(fam))) {
		cpuinfo("model", mod, sizeof(mod));
		cpuinfo("stepping", step, sizeof(step));
	} else {
		cpuinfo("CPU architecture", fam, sizeof(fam));
		cpuinfo("CPU part", mod, sizeof(mod));
		cpuinfo("CPU variant", step, sizeof(step));
	}
	tb_kv_setf(fp, "cpu.family_model", "family %s, model %s, stepping %s", fam, mod, step);
}

/* physical cores: distinct core_cpus_list (or thread_siblings_list) */
static void topology(struct tb_kvlist *fp)
{
	unsigned n = tb_cpu_count(), cores = 0;
	char seen[64][64];
	for (unsigned c = 0; c < n && cores < 64; c++) {
		char path[128], s[64];
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%u/topology/core_cpus_list", c);
		if (!read_line(path, s, sizeof(s))) {
			snprintf(path, sizeof(path),
				 "/sys/devices/system/cpu/cpu%u/topology/thread_siblings_list", c);
			if (!read_line(path, s, sizeof(s)))
				continue;
		}
		unsigned k;
		for (k = 0; k < cores; k++)
			if (!strcmp(seen[k], s))
				break;
		if (k == cores)
			snprintf(seen[cores++], sizeof(seen[0]), "%s", s);
	}
	if (cores)
		tb_kv_setf(fp, "cpu.cores", "%u", cores);
	else
		tb_kv_set(fp, "cpu.cores", "unknown");
	tb_kv_setf(fp, "cpu.threads", "%u", n);
}

static void caches(struct tb_kvlist *fp)
{
	for (int i = 0; i < 8; i++) {
		char path[128], level[16], type[32], size[32], key[32];
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu0/cache/index%d/level", i);
		if (!read_line(path, level, sizeof(level)))
			break;
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu0/cache/index%d/type", i);
		read_line(path, type, sizeof(type));
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu0/cache/index%d/size", i);
		if (!read_line(path, size, sizeof(size)))
			continue;
		const char *t = !strcmp(type, "Data") ? "d" : !strcmp(type, "Instruction") ? "i" : "";
		snprintf(key, sizeof(key), "cache.l%s%s", level, t);
		tb_kv_set(fp, key, size);
	}
}

/* nominal clock: base frequency, else the brand string's "@ x.xxGHz",
 * else what cpuinfo reports (on a VM, the host's nominal) */
static void clocks(struct tb_kvlist *fp)
{
	char v[256];
	double mhz = 0;
	const char *src = "";
	if (read_line("/sys/devices/system/cpu/cpu0/cpufreq/base_frequency", v, sizeof(v))) {
		mhz = atof(v) / 1000;
		src = "cpufreq base_frequency";
	} else if (cpuinfo("model name", v, sizeof(v)) && strstr(v, "GHz") && strchr(v, '@')) {
		mhz = atof(strchr(v, '@') + 1) * 1000;
		src = "model name";
	} else if (read_line("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", v, sizeof(v))) {
		mhz = atof(v) / 1000;
		src = "cpufreq cpuinfo_max_freq";
	} else if (cpuinfo("cpu MHz", v, sizeof(v))) {
		mhz = atof(v);
		src = "/proc/cpuinfo cpu MHz";
	}
	if (mhz > 0)
		tb_kv_setf(fp, "cpu.mhz_nominal", "%.0f (%s)", mhz, src);
	else
		tb_kv_set(fp, "cpu.mhz_nominal", "unknown");
	if (read_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", v, sizeof(v)))
		tb_kv_set(fp, "cpu.governor", v);
	else
		tb_kv_set(fp, "cpu.governor", "unknown (no cpufreq)");
	if (read_line("/sys/devices/system/cpu/cpufreq/boost", v, sizeof(v)))
		tb_kv_set(fp, "cpu.boost", !strcmp(v, "1") ? "on" : "off");
	else if (read_line("/sys/devices/system/cpu/intel_pstate/no_turbo", v, sizeof(v)))
		tb_kv_set(fp, "cpu.boost", !strcmp(v, "1") ? "off" : "on");
	else
		tb_kv_set(fp, "cpu.boost", "unknown (not exposed)");
}

int tb_machine_virtual(char *buf, size_t len)
{
	char v[256] = "";
	if (tb_counters_init(NULL, 0) == 0) {
		const PAPI_hw_info_t *hw = PAPI_get_hardware_info();
		if (hw && hw->virtualized) {
			snprintf(buf, len, "%s", hw->virtual_vendor_string[0] ? hw->virtual_vendor_string : "yes");
			return 1;
		}
	}
	const char *flags = tb_cpuinfo("flags"); /* whole: "hypervisor" comes late */
	if (flags && has_word(flags, "hypervisor")) {
		if (!read_line("/sys/class/dmi/id/sys_vendor", v, sizeof(v)))
			snprintf(v, sizeof(v), "hypervisor");
		snprintf(buf, len, "%s", v);
		return 1;
	}
	snprintf(buf, len, "no");
	return 0;
}

void tb_machine_facts(struct tb_kvlist *fp)
{
	char v[256];
	identity(fp);
	isa(fp);
	topology(fp);
	caches(fp);
	clocks(fp);
	tb_machine_virtual(v, sizeof(v));
	tb_kv_set(fp, "machine.virtual", v);
	if (read_line("/proc/sys/kernel/randomize_va_space", v, sizeof(v)))
		tb_kv_setf(fp, "os.aslr", "%s", !strcmp(v, "0") ? "off" : !strcmp(v, "1") ? "on (1, partial)" : "on (2, full)");
	double l1, l5, l15;
	if (read_line("/proc/loadavg", v, sizeof(v)) && sscanf(v, "%lf %lf %lf", &l1, &l5, &l15) == 3)
		tb_kv_setf(fp, "os.loadavg", "%.2f %.2f %.2f", l1, l5, l15);
	tb_blas_info(fp);
	const char *why;
	if (tb_counters_init(v, sizeof(v)) == 0) {
		tb_kv_set(fp, "papi.version", tb_counters_papi_version());
		bool hw = tb_counters_hw_available(&why);
		tb_kv_setf(fp, "papi.hw_counters", "%s", hw ? "yes" : why);
		tb_kv_setf(fp, "papi.hw_counter_slots", "%d", hw ? tb_counters_hw_slots() : 0);
	} else {
		tb_kv_set(fp, "papi.version", v);
	}
}
