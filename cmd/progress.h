/*
 * progress.h - the progress line of `tbench run` on a TTY: case i of N, the
 * case, its phase (warmup / calibrate / measure with samples done) and an
 * ETA, redrawn in place on stderr at most ten times a second.  It also
 * notes when each phase began, for --verbose.  Off when stderr is not a
 * TTY or with --quiet: nothing of it reaches redirected output.
 */
#ifndef TB_CMD_PROGRESS_H
#define TB_CMD_PROGRESS_H

#include "../probes/runner.h"

#include <stdbool.h>
#include <stddef.h>

struct tb_progress {
	bool on;             /* draw the line */
	size_t i, n;         /* current case (0-based) and how many */
	char label[160];     /* the current case */
	double max_time_ns;  /* --max-time, to estimate the measure phase */
	double t0;           /* start of the run (ns) */
	double case_t0;      /* start of the current case */
	double phase_t0[3];  /* when each phase of the current case began; 0 = not yet */
	double last_draw;
	size_t width;        /* terminal columns */
	bool drawn;          /* a line is on screen */
};

void tb_progress_init(struct tb_progress *p, bool on, size_t ncases, double max_time_ns);
/* a new case begins */
void tb_progress_case(struct tb_progress *p, size_t i, const char *label);
/* the runner's callback (ctx is a struct tb_progress) */
void tb_progress_cb(void *ctx, enum tb_phase ph, size_t done, size_t total);
/* erase the line (before printing anything else to the terminal, and at the end) */
void tb_progress_clear(struct tb_progress *p);
/* ns since the current case's phase began until the next one did (NaN if unknown) */
double tb_progress_phase_ns(const struct tb_progress *p, enum tb_phase ph);

#endif
