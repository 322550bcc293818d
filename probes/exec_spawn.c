/*
 * exec_spawn.c - one counted run of a command (exec_counters.h): the child
 * is cloned sharing our memory until its exec (as posix_spawn's is: no
 * copy of tbench's address space to tear down inside the exec), sets itself
 * up as posix_spawn would (default signal dispositions, nothing blocked,
 * stdin and, unless shown, stdout/stderr on /dev/null) and waits on a
 * pipe; we open every counter on its pid (inherit, enable_on_exec,
 * disabled) and release it; it writes its own rusage so far down a
 * close-on-exec pipe and execs (end of file: it ran; an errno: it could
 * not); wait4; each counter read alone and closed.
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

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

/*
 * The child runs on its own stack in our memory until its exec, as
 * posix_spawn's does: it makes raw system calls only (a libc or sanitizer
 * lock it took would stay taken in our memory after its exec) and is not
 * instrumented.  sys() returns -errno, never touching our errno.
 */
#define NOSAN __attribute__((no_sanitize("address", "undefined"), noinline))

NOSAN static long sys(long nr, long a, long b, long c, long d)
{
	long rc;
#if defined(__x86_64__)
	register long r10 __asm__("r10") = d;
	__asm__ volatile("syscall" : "=a"(rc) : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = nr, x0 __asm__("x0") = a, x1 __asm__("x1") = b,
		      x2 __asm__("x2") = c, x3 __asm__("x3") = d;
	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
	rc = x0;
#else
#error "exec_spawn.c: raw system calls for this architecture"
#endif
	return rc;
}

struct child_arg {
	const char *path;    /* the executable, looked up in PATH by us */
	char *const *argv;
	char *const *envp;
	bool show_output;
	int go, st;     /* its ends */
	int go_w, st_r; /* ours, closed in its own file table */
};

NOSAN __attribute__((noreturn)) static void child_exit(int code)
{
	for (;;)
		sys(SYS_exit_group, code, 0, 0, 0);
}

NOSAN static int child_main(void *p)
{
	const struct child_arg *a = p;
	static const int sigs[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP};
	struct { void *handler; unsigned long flags; void *restorer; uint64_t mask; } dfl = {0};
	uint64_t none = 0;
	sys(SYS_close, a->go_w, 0, 0, 0); /* else it would never see the end of file */
	sys(SYS_close, a->st_r, 0, 0, 0);
	/* as from a shell: default dispositions (SIG_DFL is 0), nothing blocked */
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sys(SYS_rt_sigaction, sigs[i], (long)&dfl, 0, 8);
	sys(SYS_rt_sigprocmask, SIG_SETMASK, (long)&none, 0, 8);
	long null = sys(SYS_openat, AT_FDCWD, (long)"/dev/null", O_RDWR, 0);
	if (null >= 0) {
		for (long fd = 0; fd <= 2; fd++)
			if (fd != null && (fd == 0 || !a->show_output))
				sys(SYS_dup3, null, fd, 0, 0);
		if (null > 2)
			sys(SYS_close, null, 0, 0, 0);
	}
	char c = 0;
	long k;
	while ((k = sys(SYS_read, a->go, (long)&c, 1, 0)) == -EINTR)
		;
	if (k != 1 || c != 'g')
		child_exit(127); /* the parent could not attach the counters */
	struct child_msg m = {.kind = 0};
	sys(SYS_getrusage, RUSAGE_SELF, (long)&m.ru, 0, 0);
	if (sys(SYS_write, a->st, (long)&m, sizeof(m), 0) != (long)sizeof(m))
		child_exit(127);
	long rc = sys(SYS_execve, (long)a->path, (long)a->argv, (long)a->envp, 0);
	m.kind = 1;
	m.errnum = (int)-rc;
	sys(SYS_write, a->st, (long)&m, sizeof(m), 0);
	child_exit(127);
}

/* argv0 as execvp finds it: a path as given, else the first executable
 * file of that name in $PATH.  0, or an errno (ENOENT, EACCES, ...). */
static int lookup(const char *argv0, char *buf, size_t len)
{
	if (strchr(argv0, '/')) {
		snprintf(buf, len, "%s", argv0);
		return 0;
	}
	const char *p = getenv("PATH");
	int why = ENOENT;
	if (!p)
		p = "/usr/local/bin:/usr/bin:/bin";
	for (;;) {
		const char *e = strchr(p, ':');
		int l = e ? (int)(e - p) : (int)strlen(p);
		struct stat st;
		int n = snprintf(buf, len, "%.*s/%s", l ? l : 1, l ? p : ".", argv0);
		if (n > 0 && (size_t)n < len && stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(buf, X_OK) == 0)
				return 0;
			why = EACCES;
		}
		if (!e)
			return why;
		p = e + 1;
	}
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
	char path[4096];
	int lrc = lookup(argv[0], path, sizeof(path));
	if (lrc)
		return tb_err(err, errlen, "cannot run '%s': %s", argv[0], strerror(lrc));
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
	struct child_arg ca = {path, argv, environ, show_output, go[0], st[1], go[1], st[0]};
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
