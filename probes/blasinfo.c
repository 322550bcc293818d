/*
 * blasinfo.c - OpenBLAS's own description and its core against the CPU
 * (see blasinfo.h).  The scale family's blas variant sets the thread count
 * per case (--threads); this records the library's default.
 */
#define _GNU_SOURCE
#include "blasinfo.h"

#include "../kernels/common.h"

#include "../kernels/blas_dl.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* OpenBLAS 0.3.21's x86-64 cores (driver/others/dynamic.c: the names
 * OPENBLAS_CORETYPE is compared with), the vector ISA of their kernels and
 * any instructions beyond it they use (AMD's FMA4, AVX-512 BF16); the
 * 32-bit-only ones run Prescott's on x86-64.  SapphireRapids is a name
 * newer OpenBLAS reports, not one 0.3.21 can be asked for. */
static const struct {
	const char *name;
	enum tb_isa_level level;
	const char *needs; /* __builtin_cpu_supports feature, or NULL */
	bool forceable;
} cores[] = {
	{"Prescott", TB_ISA_SSE, NULL, true},      {"Atom", TB_ISA_SSE, NULL, true},
	{"Core2", TB_ISA_SSE, NULL, true},         {"Penryn", TB_ISA_SSE, NULL, true},
	{"Dunnington", TB_ISA_SSE, NULL, true},    {"Nehalem", TB_ISA_SSE, NULL, true},
	{"Opteron_SSE3", TB_ISA_SSE, NULL, true},  {"Opteron", TB_ISA_SSE, NULL, true},
	{"Barcelona", TB_ISA_SSE, NULL, true},     {"Nano", TB_ISA_SSE, NULL, true},
	{"Bobcat", TB_ISA_SSE, NULL, true},        {"Sandybridge", TB_ISA_AVX, NULL, true},
	{"Bulldozer", TB_ISA_AVX, "fma4", true},   {"Piledriver", TB_ISA_AVX, "fma4", true},
	{"Steamroller", TB_ISA_AVX, "fma4", true}, {"Haswell", TB_ISA_AVX2, NULL, true},
	{"Excavator", TB_ISA_AVX2, "fma4", true},  {"Zen", TB_ISA_AVX2, NULL, true},
	{"SkylakeX", TB_ISA_AVX512, NULL, true},   {"Cooperlake", TB_ISA_AVX512, "avx512bf16", true},
	{"SapphireRapids", TB_ISA_AVX512, "avx512bf16", false},
};
#define NCORES (sizeof(cores) / sizeof(cores[0]))

const char *tb_isa_level_name(enum tb_isa_level l)
{
	static const char *const n[] = {"SSE2/SSE3", "AVX", "AVX2", "AVX-512"};
	return l >= TB_ISA_SSE && l <= TB_ISA_AVX512 ? n[l] : "unknown";
}

enum tb_isa_level tb_blas_core_level(const char *core)
{
	for (size_t i = 0; core && i < NCORES; i++)
		if (!strcasecmp(core, cores[i].name))
			return cores[i].level;
	return TB_ISA_UNKNOWN;
}

enum tb_isa_level tb_cpu_isa_level(void)
{
#if defined(__x86_64__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512f"))
		return TB_ISA_AVX512;
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		return TB_ISA_AVX2;
	if (__builtin_cpu_supports("avx"))
		return TB_ISA_AVX;
	return TB_ISA_SSE;
#else
	return TB_ISA_UNKNOWN;
#endif
}

bool tb_blas_core_older(char *buf, size_t len)
{
	const char *core = openblas_get_corename();
	enum tb_isa_level k = tb_blas_core_level(core), cpu = tb_cpu_isa_level();
	if (k == TB_ISA_UNKNOWN || cpu == TB_ISA_UNKNOWN || k >= cpu)
		return false;
	const char *best = cpu == TB_ISA_AVX512 ? "SkylakeX" : cpu == TB_ISA_AVX2 ? "Haswell" : "Sandybridge";
	snprintf(buf, len, "OpenBLAS runs its %s kernels (%s) on a CPU with %s: its figures are not "
		 "OpenBLAS at its best here (%s; --blas-core %s picks a newer core)",
		 core, tb_isa_level_name(k), tb_isa_level_name(cpu),
		 getenv("OPENBLAS_CORETYPE") ? "OPENBLAS_CORETYPE chose it" : "it does not know this CPU",
		 best);
	return true;
}

/* why core i cannot run here, or NULL */
static const char *cannot_run(size_t i, enum tb_isa_level cpu)
{
	if (cpu != TB_ISA_UNKNOWN && cores[i].level > cpu)
		return tb_isa_level_name(cores[i].level);
#if defined(__x86_64__)
	if (cores[i].needs && !strcmp(cores[i].needs, "fma4") && !__builtin_cpu_supports("fma4"))
		return "FMA4";
	if (cores[i].needs && !strcmp(cores[i].needs, "avx512bf16") &&
	    !__builtin_cpu_supports("avx512bf16"))
		return "AVX-512 BF16";
#endif
	return NULL;
}

int tb_blas_core_check(const char *name, char *canon, size_t clen, char *err, size_t errlen)
{
	enum tb_isa_level cpu = tb_cpu_isa_level();
	char ok[512] = "";
	for (size_t i = 0; i < NCORES; i++)
		if (cores[i].forceable && !cannot_run(i, cpu))
			snprintf(ok + strlen(ok), sizeof(ok) - strlen(ok), "%s%s", ok[0] ? ", " : "",
				 cores[i].name);
	for (size_t i = 0; i < NCORES; i++) {
		if (strcasecmp(name, cores[i].name) || !cores[i].forceable)
			continue;
		const char *lack = cannot_run(i, cpu);
		if (lack)
			return tb_err(err, errlen, "invalid --blas-core '%s': its kernels need %s, which this CPU lacks (they would die of SIGILL); cores that run here: %s",
				      name, lack, ok);
		snprintf(canon, clen, "%s", cores[i].name);
		return 0;
	}
	return tb_err(err, errlen, "invalid --blas-core '%s': expected a core OpenBLAS 0.3.21 knows (OPENBLAS_CORETYPE); cores that run here: %s",
		      name, ok);
}

int tb_blas_info(struct tb_kvlist *fp)
{
	const char *cfg = openblas_get_config(), *core = openblas_get_corename();
	const char *want = getenv("OPENBLAS_CORETYPE");
	char older[512];
	int rc = 0;
	rc |= tb_kv_set(fp, "blas.config", cfg ? cfg : "");
	rc |= tb_kv_set(fp, "blas.core", core ? core : "");
	if (want)
		rc |= tb_kv_set(fp, "blas.core_requested", want);
	rc |= tb_kv_setf(fp, "blas.threads", "%d", openblas_get_num_threads());
	enum tb_isa_level k = tb_blas_core_level(core), cpu = tb_cpu_isa_level();
	if (tb_blas_core_older(older, sizeof(older)))
		rc |= tb_kv_setf(fp, "blas.core_vs_cpu", "older: %s kernels on a CPU with %s",
				 tb_isa_level_name(k), tb_isa_level_name(cpu));
	else if (k == TB_ISA_UNKNOWN || cpu == TB_ISA_UNKNOWN)
		rc |= tb_kv_setf(fp, "blas.core_vs_cpu", "unknown (core '%s')", core ? core : "");
	else
		rc |= tb_kv_setf(fp, "blas.core_vs_cpu", "matches: %s kernels, the CPU has %s",
				 tb_isa_level_name(k), tb_isa_level_name(cpu));
	return rc ? -1 : 0;
}
