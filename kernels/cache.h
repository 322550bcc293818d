/*
 * cache.h - data cache sizes of this machine for kernels that choose a
 * loop by size (scale's non-temporal threshold).  Read from sysfs, as the
 * kernel reports them to the guest; kernels/ cannot use probes/.
 */
#ifndef TB_KERNELS_CACHE_H
#define TB_KERNELS_CACHE_H

#include <stddef.h>

/* Bytes of the level-`level` data or unified cache of CPU 0 (1, 2, 3), 0
 * if unknown.  sysfs first, then sysconf; read once, thread-safe. */
size_t tb_cache_size(unsigned level);

/* The last-level cache: the largest level known, else 32 MiB (documented) */
size_t tb_cache_llc(void);

/* Parse a sysfs cache "size" value ("512K", "32768K", "1M", "1024"): bytes,
 * or 0 if it is not one (exposed for the tests). */
size_t tb_cache_parse_size(const char *s);

#endif
