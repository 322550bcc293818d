/*
 * progress.c - the in-place progress line of `tbench run` (see progress.h).
 */
#include "progress.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

void tb_progress_init(struct tb_progress *p, bool on, size_t ncases, double max_time_ns)
{
	memset(p, 0, sizeof(*p));
	p->on = on;
	p->n = ncases;
	p->max_time_ns = max_time_ns;
	p->t0 = now_ns();
	p->width = 80;
	struct winsize ws;
	if (on && ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		p->width = ws.ws_col;
}

void tb_progress_case(struct tb_progress *p, size_t i, const char *label)
{
	p->i = i;
	snprintf(p->label, sizeof(p->label), "%s", label);
	p->case_t0 = now_ns();
	for (int k = 0; k < 3; k++)
		p->phase_t0[k] = 0;
	p->last_draw = 0;
}

double tb_progress_phase_ns(const struct tb_progress *p, enum tb_phase ph)
{
	double a = p->phase_t0[ph];
	if (!a || ph == TB_PHASE_MEASURE)
		return NAN;
	double b = p->phase_t0[ph + 1];
	return b ? b - a : NAN;
}

static void fmt_eta(double ns, char *buf, size_t len)
{
	if (!isfinite(ns) || ns < 0) {
		snprintf(buf, len, "--:--");
		return;
	}
	unsigned long s = (unsigned long)(ns / 1e9 + 0.5);
	if (s >= 3600)
		snprintf(buf, len, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%lu:%02lu", s / 60, s % 60);
}

void tb_progress_cb(void *ctx, enum tb_phase ph, size_t done, size_t total)
{
	struct tb_progress *p = ctx;
	double t = now_ns();
	if (!p->phase_t0[ph])
		p->phase_t0[ph] = t;
	if (!p->on)
		return;
	/* redraw at most every 100 ms, but always on a phase change */
	bool first = ph != TB_PHASE_MEASURE || done <= 1;
	if (!first && t - p->last_draw < 1e8 && done < total)
		return;
	p->last_draw = t;
	/* the share of the current case that is done */
	double f = ph == TB_PHASE_WARMUP ? 0.0 : ph == TB_PHASE_CALIBRATE ? 0.1 : 0.15;
	if (ph == TB_PHASE_MEASURE) {
		double s = total ? (double)done / (double)total : 0;
		if (p->max_time_ns > 0 && p->phase_t0[ph])
			s = fmax(s, (t - p->phase_t0[ph]) / p->max_time_ns);
		f += 0.85 * fmin(s, 1.0);
	}
	double pos = (double)p->i + f, el = t - p->t0;
	char eta[24];
	fmt_eta(pos > 0.05 && el > 5e8 ? el / pos * ((double)p->n - pos) : NAN, eta, sizeof(eta));
	static const char *const names[] = {"warmup", "calibrate", "measure"};
	char line[512], what[64];
	if (ph == TB_PHASE_MEASURE)
		snprintf(what, sizeof(what), "measure %zu/%zu", done, total);
	else
		snprintf(what, sizeof(what), "%s", names[ph]);
	snprintf(line, sizeof(line), "[%zu/%zu %3.0f%%] %s: %s  ETA %s", p->i + 1, p->n,
		 100 * pos / (double)(p->n ? p->n : 1), p->label, what, eta);
	if (strlen(line) >= p->width) { /* a wrapped line cannot be redrawn in place */
		size_t k = p->width - 1;
		while (k > 0 && ((unsigned char)line[k] & 0xc0) == 0x80)
			k--; /* not inside a UTF-8 character */
		line[k] = 0;
	}
	fprintf(stderr, "\r\033[K%s", line);
	fflush(stderr);
	p->drawn = true;
}

void tb_progress_clear(struct tb_progress *p)
{
	if (p->on && p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	p->drawn = false;
}
