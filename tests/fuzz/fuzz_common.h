/*
 * fuzz_common.h - helpers shared by the libFuzzer harnesses: the readers
 * under test take a path, so each input is written to one temporary
 * regular file (created once per process, rewritten per input).
 */
#ifndef TB_FUZZ_COMMON_H
#define TB_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* tmpfs when there is one: truncating a file on ext4 forces a write-back */
static char tb_fuzz_path[64] = "";
static int tb_fuzz_fd = -1;

static void tb_fuzz_cleanup(void)
{
	unlink(tb_fuzz_path);
}

/* the input as a file; returns its path */
static const char *tb_fuzz_file(const uint8_t *data, size_t size)
{
	if (tb_fuzz_fd < 0) {
		snprintf(tb_fuzz_path, sizeof(tb_fuzz_path), "%s/tb_fuzz_XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		tb_fuzz_fd = mkstemp(tb_fuzz_path);
		if (tb_fuzz_fd < 0) {
			perror("mkstemp");
			abort();
		}
		atexit(tb_fuzz_cleanup);
	}
	if (ftruncate(tb_fuzz_fd, 0) != 0 || pwrite(tb_fuzz_fd, data, size, 0) != (ssize_t)size) {
		perror("write fuzz input");
		abort();
	}
	return tb_fuzz_path;
}

/* a rejection must come with a one-line message */
static void tb_fuzz_check_err(const char *err)
{
	if (!err[0] || strchr(err, '\n') || strchr(err, '\r')) {
		fprintf(stderr, "bad error message: '%s'\n", err);
		abort();
	}
}

#endif
