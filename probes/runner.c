/*
 * runner.c - warmup, calibrate, measure.  The timed region is only the
 * kernel's run(c, iters) between two clock reads (and the hook's start/stop
 * just outside them).
 */
#include "runner.h"

#include "../kernels/common.h"
#include "describe.h"
#include "clock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

volatile sig_atomic_t tb_stop_requested;

void tb_runner_defaults(struct tb_runner_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->warmup_iters = 10;
	o->warmup_min_ns = 50e6; /* 50 ms */
	o->samples = 100;
	o->min_sample_ns = 1e6;  /* 1 ms, raised to 1000x the clock's resolution */
	o->warmup_window = 10;
	o->warmup_tolerance = 0.02;
	o->warmup_max_ns = 2e9;
}

static void progress(const struct tb_runner_opts *o, enum tb_phase ph, size_t done,
		     size_t total)
{
	if (o->progress)
		o->progress(o->progress_ctx, ph, done, total);
}

/* Out of line and never cloned, so its symbol exists for callgrind's
 * --toggle-collect (probes/callgrind.c) and profiles: exactly the calls,
 * not the clock. */
__attribute__((noipa)) void tb_runner_call(struct tb_case *c, uint64_t iters)
{
	c->k->run(c, iters);
	__asm__ volatile(""); /* a real call, not a tail jump: it shows in stacks */
}

static uint64_t time_call(struct tb_case *c, uint64_t iters)
{
	uint64_t t0 = tb_now_ns();
	tb_runner_call(c, iters);
	return tb_now_ns() - t0;
}

uint64_t tb_calibrate_next(uint64_t iters, uint64_t t, double min_ns)
{
	if ((double)t >= min_ns || iters > UINT64_MAX / 16)
		return 0;
	/* jump close to the target, then double */
	double want = min_ns / (t ? (double)t : 1.0) * (double)iters;
	uint64_t next = want > (double)iters * 2 ? (uint64_t)(want * 1.1) : iters * 2;
	return next > iters * 1024 ? iters * 1024 : next;
}

static uint64_t calibrate(struct tb_case *c, const struct tb_runner_opts *o)
{
	uint64_t iters = 1;
	for (;;) {
		uint64_t t = time_call(c, iters);
		if (tb_stop_requested)
			break;
		/* long enough: twice more, keeping the shortest (unless far
		 * beyond: slow calls), so lost time slices of a shared machine,
		 * which only lengthen a timing, cannot end the search with far
		 * too few calls */
		if ((double)t >= o->min_sample_ns && (double)t < 8 * o->min_sample_ns)
			for (int again = 0; again < 2 && !tb_stop_requested; again++) {
				uint64_t t2 = time_call(c, iters);
				t = t2 < t ? t2 : t;
			}
		uint64_t next = tb_calibrate_next(iters, t, o->min_sample_ns);
		if (!next || tb_stop_requested)
			break;
		iters = next;
	}
	return iters;
}

/* median and MAD of n values (n <= 256), without modifying v */
static void med_mad(const double *v, size_t n, double *med, double *mad)
{
	double s[256];
	memcpy(s, v, n * sizeof(double));
	tb_median_mad(s, n, med, mad);
}

/* warmup auto: sample until two consecutive windows agree (or the cap);
 * returns the calls per sample to measure with (re-calibrated when warm
 * samples turned out shorter than the minimum) */
static uint64_t warmup_auto(struct tb_case *c, const struct tb_runner_opts *o,
			    struct tb_measurement *m, uint64_t start)
{
	size_t w = o->warmup_window < 3 ? 3 : o->warmup_window > 128 ? 128 : o->warmup_window;
	uint64_t iters = calibrate(c, o);
	double win[256];
	size_t k = 0;
	uint64_t calls = 0;
	for (;;) {
		if (tb_stop_requested)
			break;
		win[k % (2 * w)] = (double)time_call(c, iters) / (double)iters;
		calls += iters;
		k++;
		progress(o, TB_PHASE_WARMUP, k, 0);
		if (k >= 2 * w) {
			double prev[128], last[128], m1, d1, m2, d2;
			for (size_t i = 0; i < w; i++) {
				prev[i] = win[(k - 2 * w + i) % (2 * w)];
				last[i] = win[(k - w + i) % (2 * w)];
			}
			med_mad(prev, w, &m1, &d1);
			med_mad(last, w, &m2, &d2);
			double tol = o->warmup_tolerance * m1;
			if (fabs(m2 - m1) <= tol && fabs(d2 - d1) <= tol) {
				m->warmup_steady = true;
				if (m2 * (double)iters < o->min_sample_ns && m2 > 0)
					iters = (uint64_t)(o->min_sample_ns / m2 * 1.1) + 1;
				break;
			}
		}
		if ((double)(tb_now_ns() - start) >= o->warmup_max_ns)
			break;
	}
	m->warmup_samples = k;
	m->warmup_iters = calls;
	return iters;
}

/* Involuntary context switches so far, summed over every thread of the
 * process (RUSAGE_SELF adds up the live threads and the ones gone): one
 * call covers the caller and each pool worker, so no worker needs a hook.
 * A switch means another task took a CPU the case was running on. */
static long involuntary_switches(void)
{
	struct rusage ru;
	return getrusage(RUSAGE_SELF, &ru) ? 0 : ru.ru_nivcsw;
}

size_t tb_measurement_disturbed(const struct tb_measurement *m)
{
	size_t k = 0;
	for (size_t s = 0; m->preempted && s < m->nsamples; s++)
		k += m->preempted[s] > 0;
	return k;
}

int tb_measure(struct tb_case *c, const struct tb_runner_opts *o,
	       struct tb_measurement *m, char *err, size_t errlen)
{
	memset(m, 0, sizeof(*m));
	if (o->samples < 1)
		return tb_err(err, errlen, "samples must be at least 1");
	size_t nv = o->hook ? o->hook->nvalues : 0;
	m->ns = calloc(o->samples, sizeof(double));
	m->preempted = calloc(o->samples, sizeof(*m->preempted));
	m->values = nv ? calloc(o->samples * nv, sizeof(double)) : NULL;
	if (!m->ns || !m->preempted || (nv && !m->values)) {
		tb_measurement_free(m);
		return tb_err(err, errlen, "out of memory for %zu samples", o->samples);
	}
	m->nvalues = nv;

	uint64_t iters = o->fixed_iters;
	if (!iters && o->warmup_auto) {
		uint64_t start = tb_now_ns();
		progress(o, TB_PHASE_WARMUP, 0, 0);
		iters = warmup_auto(c, o, m, start);
		m->warmup_ns = (double)(tb_now_ns() - start);
	} else if (!iters) {
		/* warmup: at least warmup_iters calls and warmup_min_ns */
		uint64_t start = tb_now_ns(), done = 0, batch = 1;
		progress(o, TB_PHASE_WARMUP, 0, 1);
		while (!tb_stop_requested) {
			c->k->run(c, batch);
			done += batch;
			uint64_t el = tb_now_ns() - start;
			if (done >= o->warmup_iters && (double)el >= o->warmup_min_ns)
				break;
			/* grow batches while they are short, to keep clock reads rare */
			if (el < 1000000 && batch < (1u << 20))
				batch *= 2;
		}
		m->warmup_iters = done;
		m->warmup_ns = (double)(tb_now_ns() - start);

		/* calibrate: double iters until one sample lasts min_sample_ns */
		progress(o, TB_PHASE_CALIBRATE, 0, 1);
		iters = calibrate(c, o);
	}
	m->iters = iters;

	if (o->phase && o->phase(o->phase_ctx, true, err, errlen)) {
		tb_measurement_free(m);
		return -1;
	}
	const char *fail = NULL;
	uint64_t t_start = tb_now_ns();
	for (size_t s = 0; s < o->samples; s++) {
		if (tb_stop_requested) {
			m->partial = true;
			break;
		}
		if (o->turn_wait) { /* the peer ran meanwhile: one untimed call re-warms */
			o->turn_wait(o->turn_ctx);
			c->k->run(c, 1);
		}
		long sw0 = involuntary_switches();
		if (nv && o->hook->start(o->hook->ctx))
			fail = "could not start the counters";
		uint64_t t = fail ? 0 : time_call(c, iters);
		if (!fail && nv && o->hook->stop(o->hook->ctx, &m->values[s * nv]))
			fail = "could not read the counters";
		long sw = involuntary_switches() - sw0;
		if (o->turn_pass) /* even on failure: the peer must not wait forever */
			o->turn_pass(o->turn_ctx);
		if (fail)
			break;
		m->preempted[s] = sw > 0 ? (uint32_t)(sw < UINT32_MAX ? sw : UINT32_MAX) : 0;
		m->ns[s] = (double)t / (double)iters;
		m->nsamples = s + 1;
		progress(o, TB_PHASE_MEASURE, s + 1, o->samples);
		if (o->max_time_ns > 0 && m->nsamples >= 2 &&
		    (double)(tb_now_ns() - t_start) >= o->max_time_ns)
			break;
	}
	if (o->phase && o->phase(o->phase_ctx, false, err, errlen) && !fail) {
		tb_measurement_free(m);
		return -1;
	}
	if (fail) {
		tb_measurement_free(m);
		return tb_err(err, errlen, "%s", fail);
	}
	if (m->nsamples == 0 && tb_stop_requested)
		m->partial = true;
	return 0;
}

void tb_measurement_free(struct tb_measurement *m)
{
	free(m->ns);
	free(m->values);
	free(m->preempted);
	memset(m, 0, sizeof(*m));
}
