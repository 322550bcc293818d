/*
 * machine.h - the parsed CPU and OS facts of the fingerprint (ISA, caches,
 * cores, clocks, governor, boost, virtualisation, ASLR, load, BLAS, PAPI)
 * and the noise warnings a run gives before it starts.
 */
#ifndef TB_MACHINE_H
#define TB_MACHINE_H

#include "kv.h"

#include <stdbool.h>
#include <stddef.h>

/* Add the cpu.*, cache.*, machine.*, os.*, blas.* and papi.* keys. */
void tb_machine_facts(struct tb_kvlist *fp);
/* 1 and the hypervisor's name when this runs in a VM, else 0 and "no" */
int tb_machine_virtual(char *buf, size_t len);

/* Noise risks read from a fingerprint, as one "; "-separated line: the
 * governor is not performance, the load is high for the CPUs, a VM, a
 * debug or sanitizer build, and (with all) ASLR.  Returns how many. */
int tb_noise_warnings(const struct tb_kvlist *fp, bool all, char *buf, size_t len);

#endif
