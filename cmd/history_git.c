/*
 * history_git.c - a recorded run's commit, branch and time: from the
 * options, else from git in the current directory (run without a shell,
 * its errors silenced), else from the results (see history.h).
 */
#define _GNU_SOURCE
#include "history.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* the first line git prints for args, or "" when git fails or is absent */
static void git_line(char *const args[], char *out, size_t len)
{
	out[0] = 0;
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC))
		return;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pfd[1]);
	if (rc) {
		close(pfd[0]);
		return;
	}
	size_t n = 0;
	ssize_t k;
	while (n + 1 < len && (k = read(pfd[0], out + n, len - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = 0;
	char sink[256];
	while (read(pfd[0], sink, sizeof(sink)) > 0)
		;
	close(pfd[0]);
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
		out[0] = 0;
		return;
	}
	out[strcspn(out, "\r\n")] = 0;
}

static void branch_of_ci(char *out, size_t len)
{
	static const char *const env[] = {"GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME"};
	for (size_t i = 0; i < sizeof(env) / sizeof(env[0]); i++) {
		const char *v = getenv(env[i]);
		if (v && *v) {
			snprintf(out, len, "%s", v);
			return;
		}
	}
	snprintf(out, len, "detached");
}

int tb_history_meta_fill(struct tb_history_meta *m, const struct tb_resultset *rs,
			 const char *commit, const char *branch, const char *time_s, char *err,
			 size_t errlen)
{
	memset(m, 0, sizeof(*m));
	if (commit) {
		snprintf(m->commit, sizeof(m->commit), "%s", commit);
	} else {
		char *const a[] = {"git", "rev-parse", "--verify", "-q", "HEAD", NULL};
		git_line(a, m->commit, sizeof(m->commit));
		const char *own = tb_kv_get(&rs->fingerprint, "tbench.git");
		if (!m->commit[0] && own && *own && strcmp(own, "unknown"))
			snprintf(m->commit, sizeof(m->commit), "%s", own);
		if (!m->commit[0]) {
			snprintf(err, errlen, "no commit to record: not in a git work tree and the results "
				 "name none; give --commit SHA");
			return -1;
		}
	}
	if (branch) {
		snprintf(m->branch, sizeof(m->branch), "%s", branch);
	} else {
		char *const a[] = {"git", "rev-parse", "--abbrev-ref", "HEAD", NULL};
		git_line(a, m->branch, sizeof(m->branch));
		if (!strcmp(m->branch, "HEAD"))
			branch_of_ci(m->branch, sizeof(m->branch));
		else if (!m->branch[0])
			snprintf(m->branch, sizeof(m->branch), "unknown");
	}
	const char *ts = time_s ? time_s : tb_kv_get(&rs->fingerprint, "run.timestamp");
	if (ts && *ts) {
		if (tb_history_parse_time(ts, m->time, err, errlen)) {
			if (time_s)
				return -1;
			ts = NULL; /* a results file's odd timestamp: record now instead */
		}
	}
	if (!ts || !*ts) {
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(m->time, sizeof(m->time), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	return tb_history_meta_check(m, err, errlen);
}
