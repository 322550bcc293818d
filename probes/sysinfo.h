/*
 * sysinfo.h - facts about this machine: CPUs, memory, CPU model and the
 * fingerprint stored with every result set.
 */
#ifndef TB_SYSINFO_H
#define TB_SYSINFO_H

#include "kv.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

unsigned tb_cpu_count(void);          /* online CPUs */
uint64_t tb_mem_available(void);      /* bytes the kernel says are available */
int tb_cpu_model(char *buf, size_t len);
/* the first line of a (sysfs, proc) file, without its newline; false when unreadable */
bool tb_read_line(const char *path, char *buf, size_t len);

/* Fill the machine fingerprint (keys are stable: cpu.model, cpu.count, ...). */
int tb_fingerprint(struct tb_kvlist *fp);
struct tb_clock_info;
/* clock.source, clock.resolution_ns, clock.overhead_ns */
void tb_fingerprint_clock(struct tb_kvlist *fp, const struct tb_clock_info *ci);

#endif
