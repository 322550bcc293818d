/*
 * opts.h - how a session measures (cmd/ fills it from the options of
 * `tbench run`): the runner's settings, the inputs (seed, alpha), pinning,
 * the counters, the metric, the bootstrap of each case's CI, and the
 * labels recorded with the results.
 */
#ifndef TB_ENGINE_OPTS_H
#define TB_ENGINE_OPTS_H

#include "../probes/runner.h"
#include "../reports/stats.h"

#include <stdbool.h>
#include <stdint.h>

struct tb_session_opts {
	struct tb_runner_opts runner;
	uint64_t seed;             /* of the input generator (recorded) */
	float alpha;               /* scale factor */
	bool pin;                  /* --pin */
	int pin_cpu;               /* --pin=CPU: first CPU of the plan (default 0) */
	unsigned max_threads;      /* the largest thread count of the plan (pin plan) */
	const char *events;        /* --events LIST or "default"; NULL = no counters */
	bool metric_insns;         /* --metric instructions (under callgrind) */
	bool verbose;              /* noise warnings in full */
	double work_factor;        /* test aid (the gate self-test, from $TBENCH_TEST_WORK_FACTOR):
				    * each case does cols x this work under its own key */
	const char *turns;         /* --turns IN,OUT,PLACE (probes/turns.h) */
	struct tb_boot_opts boot;  /* each case's CI of the median */
	const char *name;          /* --name LABEL */
	const char *command;       /* the command line, recorded */
};

/* the environment variable of the work factor (never an option of run) */
#define TB_WORK_FACTOR_ENV "TBENCH_TEST_WORK_FACTOR"

/* the defaults of `tbench run` */
void tb_session_defaults(struct tb_session_opts *o);

#endif
