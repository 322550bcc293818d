/*
 * touch_pages.c - `tb_touch_pages N [SLEEPS] [fork]`: a command with known
 * counts for the tests of `tbench exec --events`.  It maps N fresh
 * anonymous pages (no huge pages: one fault per page) and writes one byte
 * to each, so it makes at least N page faults more than with N = 0; it
 * sleeps SLEEPS times 1 ms (at least SLEEPS voluntary context switches);
 * with "fork" a child does all that and the parent only waits (a counter
 * of the parent must inherit to see it).  Exit: 0, 2 bad usage, 1 failed.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int work(long n, long sleeps)
{
	long page = sysconf(_SC_PAGESIZE);
	if (n > 0) {
		volatile char *p = mmap(NULL, (size_t)(n * page), PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return 1;
		madvise((void *)p, (size_t)(n * page), MADV_NOHUGEPAGE);
		for (long i = 0; i < n; i++)
			p[i * page] = 1;
	}
	for (long i = 0; i < sleeps; i++) {
		struct timespec ts = {0, 1000000};
		nanosleep(&ts, NULL);
	}
	return 0;
}

int main(int argc, char **argv)
{
	char *end;
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: tb_touch_pages N [SLEEPS] [fork]\n");
		return 2;
	}
	long n = strtol(argv[1], &end, 10);
	long sleeps = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	if (*end || n < 0 || n > 1L << 20 || sleeps < 0 || sleeps > 100000) {
		fprintf(stderr, "tb_touch_pages: bad N '%s' or SLEEPS\n", argv[1]);
		return 2;
	}
	if (argc > 3 && !strcmp(argv[3], "fork")) {
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0)
			_exit(work(n, sleeps));
		int st;
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
			return 1;
		return WEXITSTATUS(st);
	}
	return work(n, sleeps);
}
