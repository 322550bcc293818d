/*
 * turns.c - taking turns with another tbench process (turns.h).
 */
#include "turns.h"

#include "../kernels/common.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int open_fifo(const char *path, int flags, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISFIFO(st.st_mode))
		return tb_err(err, errlen, "invalid --turns FIFO '%s': %s", path,
			      errno && stat(path, &st) != 0 ? strerror(errno) : "not a FIFO (mkfifo makes one)");
	/* O_RDWR: opening never waits for the peer, reading never sees EOF
	 * (a silent peer is found by the timeout instead) */
	int fd = open(path, O_RDWR | O_CLOEXEC | flags);
	if (fd < 0)
		return tb_err(err, errlen, "cannot open the --turns FIFO '%s': %s", path, strerror(errno));
	return fd;
}

int tb_turns_open(struct tb_turns *t, const char *spec, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	t->in = t->out = -1;
	char buf[8192], *in = buf, *out, *place;
	snprintf(buf, sizeof(buf), "%s", spec);
	out = strchr(in, ',');
	place = out ? strchr(out + 1, ',') : NULL;
	if (strlen(spec) >= sizeof(buf) || !out || !place || out == in || place == out + 1 ||
	    (strcmp(place + 1, "1") && strcmp(place + 1, "2")))
		return tb_err(err, errlen, "invalid --turns '%s': expected IN,OUT,PLACE (two FIFOs "
			      "and 1 or 2)", spec);
	*out++ = 0;
	*place++ = 0;
	t->place = place[0] - '0';
	if ((t->in = open_fifo(in, 0, err, errlen)) < 0)
		return -1;
	if ((t->out = open_fifo(out, O_NONBLOCK, err, errlen)) < 0) {
		tb_turns_close(t);
		return -1;
	}
	return 0;
}

void tb_turns_close(struct tb_turns *t)
{
	if (t->in >= 0)
		close(t->in);
	if (t->out >= 0)
		close(t->out);
	t->in = t->out = -1;
}

void tb_turns_pass(void *ctx)
{
	struct tb_turns *t = ctx;
	if (!t || t->in < 0 || t->ended)
		return;
	char c = 't';
	while (write(t->out, &c, 1) < 0 && errno == EINTR)
		;
}

void tb_turns_wait(void *ctx)
{
	struct tb_turns *t = ctx;
	if (!t || t->in < 0 || t->ended)
		return;
	if (t->place == 2 && !t->started) {
		t->started = true; /* ready: the peer measures first */
		tb_turns_pass(t);
	}
	struct pollfd p = {.fd = t->in, .events = POLLIN};
	for (;;) {
		int k = poll(&p, 1, TB_TURNS_TIMEOUT_MS);
		if (k < 0 && errno == EINTR)
			return; /* a signal: the runner looks at tb_stop_requested */
		if (k <= 0) {
			t->ended = true; /* the peer is gone or done: go on alone */
			return;
		}
		char c;
		ssize_t n = read(t->in, &c, 1);
		if (n == 1) {
			t->waits++;
			return;
		}
		if (n < 0 && errno != EINTR && errno != EAGAIN) {
			t->ended = true;
			return;
		}
	}
}
