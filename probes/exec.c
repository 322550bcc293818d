/*
 * exec.c - whole commands as processes: one run (posix_spawnp + wait4) and
 * the warmup / runs / budget loop around it.  See exec.h.
 */
#define _GNU_SOURCE
#include "exec.h"

#include "../kernels/common.h"
#include "clock.h"
#include "exec_counters.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

void tb_exec_defaults(struct tb_exec_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->warmup = 1;
	o->min_runs = 10;
	o->max_runs = 10000;
	o->budget_ns = 1e9;
}

void tb_exec_status_str(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by SIG%s", sigabbrev_np(WTERMSIG(status))
							  ? sigabbrev_np(WTERMSIG(status)) : "?");
	else
		snprintf(buf, len, "wait status %#x", (unsigned)status);
}

static double tv_ns(struct timeval tv)
{
	return (double)tv.tv_sec * 1e9 + (double)tv.tv_usec * 1e3;
}

int tb_exec_once(char *const argv[], bool show_output, struct tb_exec_run *run, char *err,
		 size_t errlen)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t def, none;
	/* the child starts as from a shell: default dispositions (tbench
	 * ignores SIGPIPE and catches SIGINT/SIGTERM/SIGHUP), nothing blocked */
	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGTERM);
	sigaddset(&def, SIGHUP);
	if (posix_spawn_file_actions_init(&fa) || posix_spawnattr_init(&at))
		return tb_err(err, errlen, "cannot run '%s': out of memory", argv[0]);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	if (!show_output) {
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	}
	/* the child's peak RSS counts the memory it shared with tbench before
	 * exec (the kernel carries the old mm's high-water mark over): only a
	 * peak above tbench's own is the command's */
	struct rusage self;
	getrusage(RUSAGE_SELF, &self);
	pid_t pid;
	uint64_t t0 = tb_now_ns();
	int rc = posix_spawnp(&pid, argv[0], &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (rc)
		return tb_err(err, errlen, "cannot run '%s': %s", argv[0], strerror(rc));
	struct rusage ru;
	int status;
	pid_t w;
	while ((w = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR)
		;
	uint64_t t1 = tb_now_ns();
	if (w != pid)
		return tb_err(err, errlen, "waiting for '%s': %s", argv[0], strerror(errno));
	tb_exec_run_fill(run, &ru, &self, status);
	run->wall_ns = (double)(t1 - t0);
	return 0;
}

void tb_exec_run_fill(struct tb_exec_run *run, const struct rusage *ru, const struct rusage *self,
		      int status)
{
	memset(run, 0, sizeof(*run));
	run->user_ns = tv_ns(ru->ru_utime);
	run->sys_ns = tv_ns(ru->ru_stime);
	run->maxrss_bytes = ru->ru_maxrss > self->ru_maxrss ? (double)ru->ru_maxrss * 1024 : NAN;
	run->minflt = (double)ru->ru_minflt;
	run->majflt = (double)ru->ru_majflt;
	run->nvcsw = (double)ru->ru_nvcsw;
	run->nivcsw = (double)ru->ru_nivcsw;
	run->status = status;
	for (size_t i = 0; i < TB_EXEC_CTR_MAX; i++)
		run->ctr[i] = NAN;
}

/* a run as o says: counted (--events) or not */
static int once(char *const argv[], const struct tb_exec_opts *o, struct tb_exec_run *r,
		char *err, size_t errlen)
{
	if (o->ctr && o->ctr->n)
		return tb_exec_counted(argv, o->show_output, o->ctr, r, err, errlen);
	return tb_exec_once(argv, o->show_output, r, err, errlen);
}

static bool failed(int status)
{
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

/* the prepare command, untimed; it must succeed */
static int prepare(const struct tb_exec_opts *o, char *err, size_t errlen)
{
	if (!o->prepare)
		return 0;
	struct tb_exec_run r;
	if (tb_exec_once(o->prepare, o->show_output, &r, err, errlen))
		return -1;
	if (failed(r.status)) {
		char why[64];
		tb_exec_status_str(r.status, why, sizeof(why));
		return tb_err(err, errlen, "the --prepare command '%s' failed: %s", o->prepare[0], why);
	}
	return 0;
}

static int push(struct tb_exec_result *res, const struct tb_exec_run *r, size_t *cap)
{
	if (res->n == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		struct tb_exec_run *nr = realloc(res->runs, c * sizeof(*nr));
		if (!nr)
			return -1;
		res->runs = nr;
		*cap = c;
	}
	res->runs[res->n++] = *r;
	return 0;
}

int tb_exec_measure(char *const argv[], const struct tb_exec_opts *o, struct tb_exec_result *res,
		    char *err, size_t errlen)
{
	struct tb_exec_run r;
	size_t cap = res->n; /* appending to an earlier round: grow from its size */
	for (size_t i = 0; i < o->warmup && !tb_stop_requested; i++) {
		if (o->progress)
			o->progress(o->progress_ctx, TB_PHASE_WARMUP, i, o->warmup);
		if (prepare(o, err, errlen) || once(argv, o, &r, err, errlen))
			return -1;
		if (failed(r.status) && !o->ignore_failure) {
			res->failed = true;
			tb_exec_status_str(r.status, res->why, sizeof(res->why));
			snprintf(res->why + strlen(res->why), sizeof(res->why) - strlen(res->why),
				 " (warmup run %zu)", i + 1);
			return 0;
		}
	}
	double elapsed = 0;
	size_t done = 0;
	if (o->ctr && o->ctr->n)
		tb_exec_counters_label(o->ctr, res);
	while (!tb_stop_requested && done < o->max_runs &&
	       (done < o->min_runs || elapsed < o->budget_ns)) {
		if (o->progress)
			o->progress(o->progress_ctx, TB_PHASE_MEASURE, done, o->min_runs);
		if (prepare(o, err, errlen) || once(argv, o, &r, err, errlen))
			return -1;
		if (failed(r.status)) {
			if (!res->nfailed && !res->failed)
				tb_exec_status_str(r.status, res->why, sizeof(res->why));
			if (!o->ignore_failure) {
				res->failed = true;
				snprintf(res->why + strlen(res->why), sizeof(res->why) - strlen(res->why),
					 " (run %zu)", res->n + 1);
				break;
			}
			res->nfailed++;
		}
		if (push(res, &r, &cap))
			return tb_err(err, errlen, "out of memory");
		if (o->ctr && o->ctr->n)
			tb_exec_counters_judge(o->ctr, &r, res);
		elapsed += r.wall_ns;
		done++;
	}
	res->elapsed_ns += elapsed;
	if (tb_stop_requested)
		res->partial = true;
	return 0;
}

void tb_exec_result_free(struct tb_exec_result *res)
{
	free(res->runs);
	memset(res, 0, sizeof(*res));
}
