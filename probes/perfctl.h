/*
 * perfctl.h - tbench's end of perf's control fifos (`perf record|stat -D -1
 * --control fifo:CTL,ACK`): perf starts with its events disabled, and
 * tbench writes `enable` to CTL right before a case's measured samples and
 * `disable` right after, waiting each time for perf's `ack` on ACK, so a
 * profile holds the measured phase only: no warmup, no calibration, no
 * clock or bandwidth probe.  TB_PERF_CONTROL=CTL[,ACK] names the fifos
 * (scripts/perf-record.sh and perf-stat.sh set it).  Nothing here prints.
 */
#ifndef TB_PERFCTL_H
#define TB_PERFCTL_H

#include <stdbool.h>
#include <stddef.h>

#define TB_PERFCTL_ENV "TB_PERF_CONTROL"
#define TB_PERFCTL_ACK_MS 10000 /* perf answers within this, or it is not there */

struct tb_perfctl {
	int ctl, ack; /* -1: not open */
	char spec[512];
};

/* Open the fifos of spec ("CTL" or "CTL,ACK"); a perf must hold them open
 * already (otherwise: an error, never a hang).  0, or -1 with err. */
int tb_perfctl_open(struct tb_perfctl *p, const char *spec, char *err, size_t errlen);
/* "enable" or "disable", and perf's ack when there is an ACK fifo. */
int tb_perfctl_send(struct tb_perfctl *p, const char *cmd, char *err, size_t errlen);
void tb_perfctl_close(struct tb_perfctl *p);
/* for tb_runner_opts.phase: on = enable, off = disable */
int tb_perfctl_phase(void *ctx, bool on, char *err, size_t errlen);

#endif
