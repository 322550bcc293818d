/*
 * counters_papi.h - the first counting backend, PAPI, as counters.c and
 * counters_list.c use it: start-up, the CPU component (perf_event) and
 * whether it is active, single-event probes, event sets (internal to
 * probes/counters*.c); and, public through counters.h, start-up and
 * whether this machine has hardware counters.
 */
#ifndef TB_COUNTERS_PAPI_H
#define TB_COUNTERS_PAPI_H

#include <stdbool.h>
#include <stddef.h>

#define TB_CTR_MAX 32 /* events in one set (either backend) */

/* Initialise PAPI (thread and multiplex support) once; 0 or -1 + err.
 * When PAPI cannot start, perf_event_open still counts. */
int tb_counters_init(char *err, size_t errlen);
/* "7.0.0.0", or "" before init */
const char *tb_counters_papi_version(void);
/* Whether this machine has hardware counters; *why says why not. */
bool tb_counters_hw_available(const char **why);
/* Hardware counters of PAPI's CPU component (0 when it is disabled). */
int tb_counters_hw_slots(void);

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
