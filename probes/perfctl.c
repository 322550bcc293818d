/*
 * perfctl.c - perf's control fifos, tbench's end (see perfctl.h).
 */
#define _GNU_SOURCE
#include "perfctl.h"

#include "../kernels/common.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int open_fifo(const char *path, int flags, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st))
		return tb_err(err, errlen, "%s: cannot use '%s': %s", TB_PERFCTL_ENV, path, strerror(errno));
	if (!S_ISFIFO(st.st_mode))
		return tb_err(err, errlen, "%s: '%s' is not a fifo (mkfifo it, and give it to perf's --control fifo:...)",
			      TB_PERFCTL_ENV, path);
	/* non-blocking: without a perf at the other end this fails at once */
	int fd = open(path, flags | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return tb_err(err, errlen, "%s: cannot open '%s': %s%s", TB_PERFCTL_ENV, path,
			      strerror(errno), errno == ENXIO ? " (no perf reads it: run tbench under perf --control fifo:...)" : "");
	return fd;
}

int tb_perfctl_open(struct tb_perfctl *p, const char *spec, char *err, size_t errlen)
{
	p->ctl = p->ack = -1;
	snprintf(p->spec, sizeof(p->spec), "%s", spec);
	char *comma = strchr(p->spec, ',');
	if (comma)
		*comma = 0;
	if (!p->spec[0] || (comma && !comma[1]))
		return tb_err(err, errlen, "invalid %s '%s': expected CTL-FIFO or CTL-FIFO,ACK-FIFO",
			      TB_PERFCTL_ENV, spec);
	if ((p->ctl = open_fifo(p->spec, O_WRONLY, err, errlen)) < 0)
		return -1;
	if (comma && (p->ack = open_fifo(comma + 1, O_RDONLY, err, errlen)) < 0) {
		tb_perfctl_close(p);
		return -1;
	}
	if (comma)
		*comma = ',';
	return 0;
}

/* perf's "ack\n" (anything else before it is skipped) */
static int wait_ack(struct tb_perfctl *p, const char *cmd, char *err, size_t errlen)
{
	char buf[64];
	size_t n = 0;
	for (;;) {
		struct pollfd pfd = {.fd = p->ack, .events = POLLIN};
		int r = poll(&pfd, 1, TB_PERFCTL_ACK_MS);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return tb_err(err, errlen, "perf did not acknowledge '%s' within %d s (%s=%s)", cmd,
				      TB_PERFCTL_ACK_MS / 1000, TB_PERFCTL_ENV, p->spec);
		ssize_t k = read(p->ack, buf + n, sizeof(buf) - 1 - n);
		if (k < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (k <= 0)
			return tb_err(err, errlen, "perf closed its ack fifo before acknowledging '%s'", cmd);
		n += (size_t)k;
		buf[n] = 0;
		if (strstr(buf, "ack\n"))
			return 0;
		if (n >= sizeof(buf) - 1) { /* keep the tail: "ack" may straddle */
			memmove(buf, buf + n - 3, 3);
			n = 3;
		}
	}
}

int tb_perfctl_send(struct tb_perfctl *p, const char *cmd, char *err, size_t errlen)
{
	char line[32];
	int len = snprintf(line, sizeof(line), "%s\n", cmd);
	if (write(p->ctl, line, (size_t)len) != len)
		return tb_err(err, errlen, "cannot write '%s' to perf's control fifo: %s", cmd, strerror(errno));
	return p->ack >= 0 ? wait_ack(p, cmd, err, errlen) : 0;
}

void tb_perfctl_close(struct tb_perfctl *p)
{
	if (p->ctl >= 0)
		close(p->ctl);
	if (p->ack >= 0)
		close(p->ack);
	p->ctl = p->ack = -1;
}

int tb_perfctl_phase(void *ctx, bool on, char *err, size_t errlen)
{
	return tb_perfctl_send(ctx, on ? "enable" : "disable", err, errlen);
}
