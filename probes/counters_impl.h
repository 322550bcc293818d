/*
 * counters_impl.h - internal to probes/counters*.c: the event set
 * (struct tb_counters), each event with its backend, and the per-thread
 * sets that counters_bind.c creates on every worker.
 */
#ifndef TB_COUNTERS_IMPL_H
#define TB_COUNTERS_IMPL_H

#include "counters.h"
#include "counters_papi.h"
#include "counters_perf.h"

enum tb_ctr_backend { TB_BK_PAPI, TB_BK_PERF };

struct tb_ctr_ev {
	char *name;
	enum tb_ctr_backend bk;
	int code;                    /* PAPI */
	struct perf_event_attr attr; /* perf_event_open */
	bool hw;                     /* takes a hardware counter */
	char why[200];               /* perf: why not PAPI */
};

struct tb_ctr_tset {
	int es;                        /* this thread's PAPI set */
	int fd[TB_CTR_MAX];            /* this thread's perf counters */
	int lead;                      /* the first software one: their group */
	long long pb[TB_CTR_MAX], pe[TB_CTR_MAX];       /* PAPI begin / end */
	uint64_t fb[TB_CTR_MAX][3], fe[TB_CTR_MAX][3];  /* perf value, enabled, running */
	int rc;   /* PAPI's error */
	int perr; /* perf_event_open's errno */
};

enum tb_ctr_op { TB_OP_CREATE, TB_OP_BEGIN, TB_OP_END, TB_OP_DESTROY };

struct tb_counters {
	size_t n;
	struct tb_ctr_ev ev[TB_CTR_MAX];
	size_t npapi, nperf;
	int papi_codes[TB_CTR_MAX];
	size_t papi_ev[TB_CTR_MAX], perf_ev[TB_CTR_MAX]; /* event index of each */
	bool mpx;          /* PAPI multiplexes its set */
	bool perf_mpx;     /* the kernel multiplexed a perf counter */
	double coverage;
	struct tb_pool *pool;
	unsigned nthreads;
	struct tb_ctr_tset *ts;
	enum tb_ctr_op op;
	bool bound;
	double overhead[TB_CTR_MAX];
	double read_ns;
};

/* The perf counters of the calling thread: the software ones in one group
 * (one read for all), each hardware one alone.  0, or -errno with every
 * fd closed again. */
int tb_ctr_perf_open_set(const struct tb_counters *c, int *fd, int *lead);

#endif
