/*
 * sysinfo.h - facts about this machine: CPUs, memory, CPU model and the
 * fingerprint stored with every result set.
 */
#ifndef TB_SYSINFO_H
#define TB_SYSINFO_H

#include "cpuinfo.h" /* tb_cpu_count, tb_mem_available, tb_cpu_model */
#include "kv.h"

#include <stddef.h>
#include <stdint.h>

/* Fill the machine fingerprint (keys are stable: cpu.model, cpu.count, ...). */
int tb_fingerprint(struct tb_kvlist *fp);
struct tb_clock_info;
/* clock.source, clock.resolution_ns, clock.overhead_ns */
void tb_fingerprint_clock(struct tb_kvlist *fp, const struct tb_clock_info *ci);

#endif
