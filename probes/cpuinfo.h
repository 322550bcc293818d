/*
 * cpuinfo.h - the CPU and memory facts every probe reads from /proc:
 * /proc/cpuinfo parsed once (first value of each key), the online CPUs,
 * the available memory and the CPU model.
 */
#ifndef TB_CPUINFO_H
#define TB_CPUINFO_H

#include "kv.h"

#include <stdint.h>
#include <stdio.h>

/* The value of the first "key : value" line of /proc/cpuinfo whose key is
 * exactly key (whole, untruncated), or NULL.  The file is read once. */
const char *tb_cpuinfo(const char *key);
/* Parse cpuinfo text from f into out: the first value of each key
 * (exposed for tests).  0, or -1 when out of memory. */
int tb_cpuinfo_parse(FILE *f, struct tb_kvlist *out);

unsigned tb_cpu_count(void);     /* online CPUs */
uint64_t tb_mem_available(void); /* bytes the kernel says are available */
/* "model name" (x86), else "Model", else "CPU part" (AArch64); "unknown"
 * and -1 when /proc/cpuinfo has none of them */
int tb_cpu_model(char *buf, size_t len);

#endif
