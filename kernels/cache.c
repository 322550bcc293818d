/*
 * cache.c - cache sizes from /sys/devices/system/cpu/cpu0/cache/index*,
 * falling back to sysconf (glibc asks CPUID).  Only data and unified caches
 * count.
 */
#define _GNU_SOURCE
#include "cache.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LEVELS 4
#define LLC_DEFAULT ((size_t)32 << 20)

static size_t sizes[LEVELS + 1];
static pthread_once_t once = PTHREAD_ONCE_INIT;

size_t tb_cache_parse_size(const char *s)
{
	char *end;
	if (!s || !isdigit((unsigned char)*s))
		return 0;
	unsigned long long v = strtoull(s, &end, 10);
	unsigned long long mul = 1;
	if (*end == 'K' || *end == 'k')
		mul = 1ull << 10, end++;
	else if (*end == 'M' || *end == 'm')
		mul = 1ull << 20, end++;
	else if (*end == 'G' || *end == 'g')
		mul = 1ull << 30, end++;
	while (*end == '\n' || *end == ' ')
		end++;
	if (*end || v == 0 || v > (unsigned long long)SIZE_MAX / mul)
		return 0;
	return (size_t)(v * mul);
}

static int read_line(const char *dir, int idx, const char *name, char *buf, size_t len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/cache/index%d/%s", dir, idx, name);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	int rc = fgets(buf, (int)len, f) ? 0 : -1;
	fclose(f);
	return rc;
}

static void read_sysfs(const char *dir)
{
	for (int idx = 0; idx < 16; idx++) {
		char lv[32], ty[32], sz[32];
		if (read_line(dir, idx, "level", lv, sizeof(lv)))
			break;
		if (read_line(dir, idx, "type", ty, sizeof(ty)) ||
		    read_line(dir, idx, "size", sz, sizeof(sz)))
			continue;
		long level = strtol(lv, NULL, 10);
		if (level < 1 || level > LEVELS || !strncmp(ty, "Instruction", 11))
			continue;
		size_t bytes = tb_cache_parse_size(sz);
		if (bytes > sizes[level])
			sizes[level] = bytes;
	}
}

static void read_all(void)
{
	read_sysfs("/sys/devices/system/cpu/cpu0");
#ifdef _SC_LEVEL1_DCACHE_SIZE
	const int names[] = {0, _SC_LEVEL1_DCACHE_SIZE, _SC_LEVEL2_CACHE_SIZE,
			     _SC_LEVEL3_CACHE_SIZE, _SC_LEVEL4_CACHE_SIZE};
	for (int l = 1; l <= LEVELS; l++) {
		long v = sizes[l] ? 0 : sysconf(names[l]);
		if (v > 0)
			sizes[l] = (size_t)v;
	}
#endif
}

size_t tb_cache_size(unsigned level)
{
	pthread_once(&once, read_all);
	return level >= 1 && level <= LEVELS ? sizes[level] : 0;
}

size_t tb_cache_llc(void)
{
	for (unsigned l = LEVELS; l >= 1; l--)
		if (tb_cache_size(l))
			return tb_cache_size(l);
	return LLC_DEFAULT;
}
