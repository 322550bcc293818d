/*
 * counters_papi.h - the first counting backend, PAPI, as counters.c and
 * counters_list.c use it: start-up, the CPU component (perf_event) and
 * whether it is active, single-event probes, event sets.  Internal to
 * probes/counters*.c.
 */
#ifndef TB_COUNTERS_PAPI_H
#define TB_COUNTERS_PAPI_H

#include <stdbool.h>
#include <stddef.h>

/* PAPI started (tb_counters_init succeeded) */
bool tb_papi_ready(void);
/* the index of PAPI's perf_event component (0 when absent) */
int tb_papi_cpu_component(void);
/* Is that component active?  *why: PAPI's reason when it is not. */
bool tb_papi_cpu_active(const char **why);
/* Can this event be added and started alone here? */
bool tb_papi_can_count(int code);
/* An event set holding every code; mpx turns on multiplexing first.
 * PAPI_OK, or PAPI's error and *bad = the index that failed (n: none). */
int tb_papi_make_set(const int *codes, size_t n, bool mpx, int *es, size_t *bad);
void tb_papi_drop_set(int *es);

#endif
