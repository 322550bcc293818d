/*
 * caches.c - cache sizes from sysfs and the size tiers derived from them
 * (see caches.h).  Only cpu0 is read: the tiers are for one core's view,
 * and the last level is the slice cpu0 shares.
 */
#include "caches.h"

#include "cpuinfo.h"

#include "../kernels/cache.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void tb_human_bytes(double b, char *buf, size_t len)
{
	static const char *u[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	int i = 0;
	while (b >= 1024 && i < 6) {
		b /= 1024;
		i++;
	}
	if (b == floor(b))
		snprintf(buf, len, "%.0f %s", b, u[i]);
	else
		snprintf(buf, len, "%.1f %s", b, u[i]);
}

static void assume(struct tb_caches *c, uint64_t *lv, const char *name, uint64_t bytes)
{
	char h[32];
	*lv = bytes;
	tb_human_bytes((double)bytes, h, sizeof(h));
	size_t l = strlen(c->missing);
	snprintf(c->missing + l, sizeof(c->missing) - l, "%s%s (assumed %s)", l ? ", " : "", name, h);
}

void tb_caches_read(struct tb_caches *c, const char *dir)
{
	memset(c, 0, sizeof(*c));
	if (!dir)
		dir = getenv("TBENCH_CACHE_SYSFS");
	if (!dir || !*dir)
		dir = TB_CACHE_SYSFS;
	snprintf(c->dir, sizeof(c->dir), "%s", dir);
	for (int i = 0; i < 16; i++) {
		char path[512], level[16], type[32] = "", size[32];
		snprintf(path, sizeof(path), "%s/index%d/level", dir, i);
		if (!tb_read_line(path, level, sizeof(level)))
			continue; /* indexes may have holes */
		snprintf(path, sizeof(path), "%s/index%d/type", dir, i);
		tb_read_line(path, type, sizeof(type));
		snprintf(path, sizeof(path), "%s/index%d/size", dir, i);
		if (!tb_read_line(path, size, sizeof(size)) || !strcmp(type, "Instruction"))
			continue;
		uint64_t b = tb_cache_parse_size(size);
		int lv = atoi(level);
		if (!b)
			continue;
		if (lv == 1 && (!strcmp(type, "Data") || !strcmp(type, "Unified")))
			c->l1d = b;
		else if (lv == 2)
			c->l2 = b;
		else if (lv == 3)
			c->l3 = b;
		else if (lv == 4)
			c->l4 = b;
	}
	uint64_t l1 = c->l1d, l2 = c->l2, l3 = c->l3;
	if (!l1)
		assume(c, &l1, "L1d", TB_ASSUME_L1D);
	if (!l2)
		assume(c, &l2, "L2", l1 > TB_ASSUME_L2 ? l1 * 4 : TB_ASSUME_L2);
	if (!l3 && !c->l4)
		assume(c, &l3, "L3", l2 > TB_ASSUME_L3 ? l2 * 4 : TB_ASSUME_L3);
	c->l1d = l1;
	c->l2 = l2;
	c->l3 = l3;
	c->llc = c->l4 > l3 ? c->l4 : l3;
	if (c->llc < l2)
		c->llc = l2;
}

static const char *const names[TB_TIER_N] = {"", "L1", "L2", "L3", "DRAM"};

enum tb_tier tb_tier_parse(const char *s)
{
	for (int t = TB_TIER_L1; t < TB_TIER_N; t++)
		if (!strcasecmp(s, names[t]))
			return (enum tb_tier)t;
	return TB_TIER_NONE;
}

const char *tb_tier_name(enum tb_tier t)
{
	return t > TB_TIER_NONE && t < TB_TIER_N ? names[t] : "";
}

uint64_t tb_tier_bytes(const struct tb_caches *c, enum tb_tier t)
{
	switch (t) {
	case TB_TIER_L1: return c->l1d / 2;
	case TB_TIER_L2: return c->l2 / 2;
	case TB_TIER_L3: return (c->l3 ? c->l3 : c->llc) / 2;
	case TB_TIER_DRAM: return c->llc * 4;
	default: return 0;
	}
}

uint64_t tb_tier_side(const struct tb_caches *c, enum tb_tier t, double bytes_per_elem)
{
	double bytes = (double)tb_tier_bytes(c, t);
	if (!(bytes_per_elem > 0) || bytes <= 0)
		return 0;
	double side = sqrt(bytes / bytes_per_elem) / 8;
	uint64_t s = t == TB_TIER_DRAM ? (uint64_t)ceil(side) : (uint64_t)floor(side);
	/* sqrt's rounding must not break the promise either way */
	while (t == TB_TIER_DRAM && (double)(s * 8) * (double)(s * 8) * bytes_per_elem < bytes)
		s++;
	while (t != TB_TIER_DRAM && s > 1 && (double)(s * 8) * (double)(s * 8) * bytes_per_elem > bytes)
		s--;
	return (s ? s : 1) * 8;
}
