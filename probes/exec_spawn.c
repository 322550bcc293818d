/*
 * exec_spawn.c - one counted run of a command (exec_counters.h): fork; the
 * child sets itself up as posix_spawn would (default signal dispositions,
 * nothing blocked, stdin and, unless shown, stdout/stderr on /dev/null) and
 * waits on a pipe; the parent opens every counter on the child's pid
 * (inherit, enable_on_exec, disabled) and releases it; the child writes
 * its own rusage so far down a close-on-exec pipe and execs (exec closes
 * the pipe: end of file means it ran; an errno means it could not); wait4;
 * each counter read alone and closed.
 */
#define _GNU_SOURCE
#include "exec_counters.h"

#include "../kernels/common.h"
#include "clock.h"
#include "exec.h"
#include "counters_perf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILD_STACK (256 * 1024)

/* what the child says down the status pipe */
struct child_msg {
	int kind; /* 0: its rusage just before exec; 1: exec failed with errnum */
	int errnum;
	struct rusage ru;
};

static double tv_ns(struct timeval tv)
{
	return (double)tv.tv_sec * 1e9 + (double)tv.tv_usec * 1e3;
}

static ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t k = read(fd, (char *)buf + got, len - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

__attribute__((noreturn)) static void child(char *const argv[], bool show_output, int go, int st)
{
	static const int sigs[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP};
	sigset_t none;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		if (!show_output) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		if (null > STDERR_FILENO)
			close(null);
	}
	char c = 0;
	if (read_full(go, &c, 1) != 1 || c != 'g')
		_exit(127); /* the parent could not attach the counters */
	struct child_msg m = {.kind = 0};
	getrusage(RUSAGE_SELF, &m.ru);
	if (write(st, &m, sizeof(m)) != (ssize_t)sizeof(m))
		_exit(127);
	execvp(argv[0], argv);
	m.kind = 1;
	m.errnum = errno;
	if (write(st, &m, sizeof(m)) != (ssize_t)sizeof(m))
		_exit(126);
	_exit(127);
}

struct child_arg {
	char *const *argv;
	bool show_output;
	int go, st;     /* its ends */
	int go_w, st_r; /* ours, closed in its own file table */
};

static int child_main(void *p)
{
	const struct child_arg *a = p;
	close(a->go_w); /* else it would never see the end of file */
	close(a->st_r);
	child(a->argv, a->show_output, a->go, a->st);
}

/* open every counter on pid: 0, or -errno with those opened closed */
static int attach(const struct tb_exec_counters *x, pid_t pid, int *fd)
{
	for (size_t i = 0; i < x->n; i++) {
		fd[i] = tb_perf_open_task(x->attr[i], (int)pid);
		if (fd[i] < 0) {
			int rc = fd[i];
			while (i--)
				close(fd[i]);
			return rc;
		}
	}
	return 0;
}

/* each counter's final value, scaled when the kernel multiplexed it; NaN
 * when it never ran */
static void read_all(const struct tb_exec_counters *x, int *fd, struct tb_exec_run *run)
{
	for (size_t i = 0; i < x->n; i++) {
		uint64_t v[3];
		run->ctr[i] = NAN;
		if (!tb_perf_read(fd[i], v) && v[1] && v[2]) {
			run->ctr[i] = v[2] == v[1] ? (double)v[0] : (double)v[0] * ((double)v[1] / (double)v[2]);
			run->ctr_scaled |= v[2] != v[1];
		}
		close(fd[i]);
	}
}

int tb_exec_counted(char *const argv[], bool show_output, const struct tb_exec_counters *x,
		    struct tb_exec_run *run, char *err, size_t errlen)
{
	int go[2], st[2];
	if (pipe2(go, O_CLOEXEC))
		return tb_err(err, errlen, "cannot run '%s': %s", argv[0], strerror(errno));
	if (pipe2(st, O_CLOEXEC)) {
		int e = errno;
		close(go[0]);
		close(go[1]);
		return tb_err(err, errlen, "cannot run '%s': %s", argv[0], strerror(e));
	}
	struct rusage self;
	getrusage(RUSAGE_SELF, &self);
	/* no handler of ours may run in the child before it has the defaults */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	/* the child shares our memory until its exec (as posix_spawn's does):
	 * no copy of tbench's address space to fault in and tear down inside
	 * the exec, where the rusage sees it and the counters do not */
	struct child_arg ca = {argv, show_output, go[0], st[1], go[1], st[0]};
	pid_t pid = -1;
	void *stack = mmap(NULL, CHILD_STACK, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack != MAP_FAILED)
		pid = clone(child_main, (char *)stack + CHILD_STACK, CLONE_VM | SIGCHLD, &ca);
	int fork_errno = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	close(go[0]);
	close(st[1]);
	if (pid < 0) {
		close(go[1]);
		close(st[0]);
		if (stack != MAP_FAILED)
			munmap(stack, CHILD_STACK);
		return tb_err(err, errlen, "cannot run '%s': %s", argv[0], strerror(fork_errno));
	}
	int fd[TB_EXEC_CTR_MAX];
	int arc = attach(x, pid, fd);
	uint64_t t0 = tb_now_ns();
	if (!arc && write(go[1], "g", 1) != 1) {
		arc = -errno;
		for (size_t i = 0; i < x->n; i++)
			close(fd[i]);
	}
	close(go[1]); /* on failure the child reads end of file and leaves */
	struct child_msg pre = {0}, ex = {0};
	bool have_pre = read_full(st[0], &pre, sizeof(pre)) == (ssize_t)sizeof(pre);
	bool exec_failed = have_pre && read_full(st[0], &ex, sizeof(ex)) == (ssize_t)sizeof(ex);
	close(st[0]);
	struct rusage ru;
	int status = 0;
	pid_t w;
	while ((w = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR)
		;
	uint64_t t1 = tb_now_ns();
	int werr = errno;
	munmap(stack, CHILD_STACK); /* it has exec'd or exited: no longer used */
	if (arc) {
		char why[300];
		tb_perf_why(x->attr[0], arc, why, sizeof(why));
		return tb_err(err, errlen, "cannot count the events of '%s': %s", argv[0], why);
	}
	struct tb_exec_run r;
	if (w == pid)
		tb_exec_run_fill(&r, &ru, &self, status);
	read_all(x, fd, &r);
	if (w != pid)
		return tb_err(err, errlen, "waiting for '%s': %s", argv[0], strerror(werr));
	if (exec_failed)
		return tb_err(err, errlen, "cannot run '%s': %s", argv[0], strerror(ex.errnum));
	if (!have_pre) /* it died before it could exec (a signal) */
		return tb_err(err, errlen, "cannot run '%s': it ended before its exec", argv[0]);
	r.wall_ns = (double)(t1 - t0);
	r.pre_minflt = (double)pre.ru.ru_minflt;
	r.pre_majflt = (double)pre.ru.ru_majflt;
	r.pre_csw = (double)(pre.ru.ru_nvcsw + pre.ru.ru_nivcsw);
	r.pre_cpu_ns = tv_ns(pre.ru.ru_utime) + tv_ns(pre.ru.ru_stime);
	*run = r;
	return 0;
}
