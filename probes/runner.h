/*
 * runner.h - wraps one prepared kernel case in the measurement phases:
 * warmup, calibration of iterations per sample, then N timed samples, each
 * optionally bracketed by a sample hook (hardware counters).
 *
 * The runner never prints; it reports progress through a callback.
 */
#ifndef TB_RUNNER_H
#define TB_RUNNER_H

#include "../kernels/kernel.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Set from a signal handler: the runner stops at the next sample boundary
 * and marks the measurement partial. */
extern volatile sig_atomic_t tb_stop_requested;

/* Something read around every sample (PAPI counters, for instance). */
struct tb_sample_hook {
	void *ctx;
	size_t nvalues;
	int (*start)(void *ctx);
	int (*stop)(void *ctx, double *values); /* nvalues raw totals for the sample */
};

enum tb_phase { TB_PHASE_WARMUP, TB_PHASE_CALIBRATE, TB_PHASE_MEASURE };

struct tb_runner_opts {
	uint64_t warmup_iters;   /* at least this many warmup calls */
	double warmup_min_ns;    /* and at least this long */
	size_t samples;          /* measurement samples */
	double max_time_ns;      /* 0 = none; else stop sampling after this (>= 2 samples) */
	double min_sample_ns;    /* a sample lasts at least this long */
	uint64_t fixed_iters;    /* > 0: no warmup, no calibration, this many per sample */
	/* warmup auto: after calibration, take warmup samples until the median and
	 * MAD of the last `warmup_window` samples both move by at most
	 * warmup_tolerance x median against the window before, or until
	 * warmup_max_ns (the cap) has passed */
	bool warmup_auto;
	size_t warmup_window;    /* samples per window (default 10) */
	double warmup_tolerance; /* relative (default 0.02) */
	double warmup_max_ns;    /* cap (default 2 s) */
	const struct tb_sample_hook *hook; /* NULL = none */
	/* called with on = true right before the first measured sample and
	 * on = false right after the last (perf's control fifo: a profile of
	 * the measured phase only); NULL = none; nonzero + err fails */
	int (*phase)(void *ctx, bool on, char *err, size_t errlen);
	void *phase_ctx;
	/* around each measured sample, outside its timing and hook: wait for
	 * a turn (then one untimed call re-warms what the peer's turn evicted)
	 * and pass it on (probes/turns.h); NULL = not taking turns */
	void (*turn_wait)(void *ctx);
	void (*turn_pass)(void *ctx);
	void *turn_ctx;
	void (*progress)(void *ctx, enum tb_phase ph, size_t done, size_t total);
	void *progress_ctx;
};

void tb_runner_defaults(struct tb_runner_opts *o);

struct tb_measurement {
	size_t nsamples;
	uint64_t iters;      /* calls per sample */
	double *ns;          /* nsamples: ns per call */
	size_t nvalues;      /* hook values per sample */
	double *values;      /* nsamples * nvalues raw per-sample totals */
	uint64_t warmup_iters;   /* calls spent warming up (auto: incl. calibration) */
	double warmup_ns;        /* how long the warmup took */
	size_t warmup_samples;   /* auto: warmup samples taken */
	bool warmup_steady;      /* auto: steady state reached before the cap */
	bool partial;        /* stopped early by tb_stop_requested */
	/* involuntary context switches of the whole process (every thread: the
	 * caller and each pool worker) during each sample, from
	 * getrusage(RUSAGE_SELF) read just outside the sample; nsamples */
	uint32_t *preempted;
};

/* calibration's step: the calls per sample to try after iters calls took
 * t ns (the shortest of its timings), or 0 when that reached min_ns (or
 * iters cannot grow): about min_ns / t x iters with 10% to spare, at least
 * twice iters, at most 1024 times */
uint64_t tb_calibrate_next(uint64_t iters, uint64_t t, double min_ns);

/* how many of m's samples had a thread preempted */
size_t tb_measurement_disturbed(const struct tb_measurement *m);

/* c must be set up.  0 ok; -1 with err filled. */
int tb_measure(struct tb_case *c, const struct tb_runner_opts *o,
	       struct tb_measurement *m, char *err, size_t errlen);
void tb_measurement_free(struct tb_measurement *m);

/* The timed call, c->k->run(c, iters), kept out of line under this name:
 * instruction counting (probes/callgrind.h) collects inside it only. */
void tb_runner_call(struct tb_case *c, uint64_t iters);
#define TB_RUNNER_CALL_SYMBOL "tb_runner_call"

#endif
