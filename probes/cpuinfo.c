/*
 * cpuinfo.c - /proc/cpuinfo read once into a key-value list; CPU count,
 * available memory and the CPU model (cpuinfo.h).
 */
#include "cpuinfo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tb_cpuinfo_parse(FILE *f, struct tb_kvlist *out)
{
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;
	while (rc == 0 && getline(&line, &cap, f) > 0) {
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		char *end = colon;
		while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end == line)
			continue;
		*end = 0;
		char *v = colon + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		v[strcspn(v, "\n")] = 0;
		if (!tb_kv_get(out, line))
			rc = tb_kv_set(out, line, v);
	}
	free(line);
	return rc;
}

static struct tb_kvlist cpuinfo_kv;
static pthread_once_t cpuinfo_once = PTHREAD_ONCE_INIT;

static void cpuinfo_read(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return;
	if (tb_cpuinfo_parse(f, &cpuinfo_kv))
		tb_kv_free(&cpuinfo_kv); /* out of memory: nothing rather than half */
	fclose(f);
}

const char *tb_cpuinfo(const char *key)
{
	pthread_once(&cpuinfo_once, cpuinfo_read);
	return tb_kv_get(&cpuinfo_kv, key);
}

unsigned tb_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

uint64_t tb_mem_available(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	uint64_t kb = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

int tb_cpu_model(char *buf, size_t len)
{
	static const char *const keys[] = {"model name", "Model", "CPU part"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = tb_cpuinfo(keys[i]);
		if (v) {
			snprintf(buf, len, "%s", v);
			return 0;
		}
	}
	snprintf(buf, len, "unknown");
	return -1;
}
