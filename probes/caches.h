/*
 * caches.h - this machine's cache sizes from sysfs (cpu0's
 * cache/index<N>/level, type, size) and the named size tiers built on them:
 * L1 (half of L1d), L2 (half of L2), L3 (half of the last level), DRAM (at
 * least 4x the last level).  A level sysfs lacks is assumed and said so.
 */
#ifndef TB_CACHES_H
#define TB_CACHES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tb_tier { TB_TIER_NONE, TB_TIER_L1, TB_TIER_L2, TB_TIER_L3, TB_TIER_DRAM, TB_TIER_N };

/* the sysfs directory read: $TBENCH_CACHE_SYSFS (a test aid) or this */
#define TB_CACHE_SYSFS "/sys/devices/system/cpu/cpu0/cache"

/* what an absent level is taken to be */
#define TB_ASSUME_L1D ((uint64_t)32 << 10)
#define TB_ASSUME_L2 ((uint64_t)1 << 20)
#define TB_ASSUME_L3 ((uint64_t)32 << 20)

struct tb_caches {
	uint64_t l1d, l2, l3, l4; /* bytes; 0 = sysfs has no such level */
	uint64_t llc;             /* the largest level found (or assumed) */
	char missing[128];        /* "" or e.g. "L3 (assumed 32 MiB)" */
	char dir[256];            /* the directory read */
};

/* Read the directory dir (NULL: $TBENCH_CACHE_SYSFS or TB_CACHE_SYSFS).
 * Never fails: absent levels are assumed (TB_ASSUME_*) and listed in
 * `missing`. */
void tb_caches_read(struct tb_caches *c, const char *dir);

/* "L1", "l2", "DRAM" ... (case-insensitive): the tier, else TB_TIER_NONE */
enum tb_tier tb_tier_parse(const char *s);
const char *tb_tier_name(enum tb_tier t);
/* the tier's target working set in bytes (DRAM: the lower bound) */
uint64_t tb_tier_bytes(const struct tb_caches *c, enum tb_tier t);
/* a square side s (a multiple of 8, at least 8) such that s*s elements of
 * bytes_per_elem bytes fill the tier: at most its bytes for a cache tier,
 * at least its bytes for DRAM */
uint64_t tb_tier_side(const struct tb_caches *c, enum tb_tier t, double bytes_per_elem);

/* "32 KiB", "1.5 MiB" */
void tb_human_bytes(double b, char *buf, size_t len);

#endif
