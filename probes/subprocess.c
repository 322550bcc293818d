/*
 * subprocess.c - start a program in its own process group, wait, forward the
 * first signal (see subprocess.h).
 */
#define _GNU_SOURCE
#include "subprocess.h"

#include "../kernels/common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

volatile sig_atomic_t tb_spawn_pid;
volatile sig_atomic_t tb_spawn_killed;

static volatile sig_atomic_t own_stop;

static void on_forward(int sig)
{
	own_stop = sig;
}

int tb_self_exe(char *buf, size_t len, char *err, size_t errlen)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	if (n <= 0)
		return tb_err(err, errlen, "cannot find this executable: %s", strerror(errno));
	buf[n] = '\0';
	return 0;
}

int tb_temp_dir(const char *prefix, char *buf, size_t len, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(buf, len, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", prefix);
	if (!mkdtemp(buf))
		return tb_err(err, errlen, "cannot create a directory in '%s': %s",
			      tmp && *tmp ? tmp : "/tmp", strerror(errno));
	return 0;
}

void tb_remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char p[PATH_MAX + 256];
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
	closedir(d);
	rmdir(dir);
}

static void redirect(const char *path, int fd)
{
	if (!path)
		return;
	int f = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (f >= 0) {
		dup2(f, fd); /* dup2 clears close-on-exec on fd */
		close(f);
	}
}

int tb_spawn_wait(struct tb_spawn *s, int *status, char *err, size_t errlen)
{
	struct sigaction sa = {0}, old_int, old_term;
	volatile sig_atomic_t *stop = s->stop ? s->stop : &own_stop;
	own_stop = 0;
	if (!s->stop) {
		sa.sa_handler = on_forward;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old_int);
		sigaction(SIGTERM, &sa, &old_term);
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0); /* Ctrl-C reaches the child once: forwarded by us */
		for (size_t i = 0; i < sizeof(s->env) / sizeof(s->env[0]) && s->env[i]; i++)
			putenv((char *)s->env[i]);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		redirect(s->out, STDOUT_FILENO);
		redirect(s->errf, STDERR_FILENO);
		execv(s->path, s->argv);
		_exit(127);
	}
	int rc = 0;
	if (pid < 0) {
		rc = tb_err(err, errlen, "cannot start '%s': %s", s->path, strerror(errno));
	} else {
		tb_spawn_pid = pid;
		s->pid = (int)pid;
		int st = 0;
		bool sent = false;
		for (;;) {
			if (*stop && !sent) { /* also when it came before the child existed */
				kill(pid, *stop);
				sent = true;
			}
			pid_t w = waitpid(pid, &st, 0);
			if (w == pid)
				break;
			if (w < 0 && errno != EINTR) {
				rc = tb_err(err, errlen, "waiting for '%s': %s", s->path, strerror(errno));
				break;
			}
		}
		tb_spawn_pid = 0;
		if (!rc)
			*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	if (!s->stop) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
	}
	return rc;
}
