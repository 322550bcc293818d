/*
 * rounds.c - `tbench run --rounds N` (rounds.h): the rounds' processes
 * run one after the other, signals forwarded to the one running; their
 * stderr is passed on, each line once; their results are pooled.
 */
#define _GNU_SOURCE
#include "rounds.h"
#include "counters.h"
#include "session.h"

#include "../probes/runner.h"
#include "../probes/subprocess.h"
#include "../reports/baseline.h"
#include "../reports/load.h"

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char tb_rounds_dir[4096];

#define NFILES 5

/* the files a round writes (its summary first, its stderr last) */
static void round_files(const char *dir, unsigned r, char f[NFILES][PATH_MAX + 32])
{
	static const char *const kinds[NFILES] = {".csv", ".samples.csv", ".fingerprint.csv",
						  ".options.csv", ".err"};
	for (int i = 0; i < NFILES; i++)
		snprintf(f[i], PATH_MAX + 32, "%s/r%u%s", dir, r, kinds[i]);
}

/* a round's stderr, line by line, each line once over all rounds (its
 * "interrupted" line is ours to say) */
static void pass_on(const struct tb_rounds_cb *cb, const char *path, const char *prefix,
		    char *seen, size_t cap)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (!line[0] || strstr(seen, line) || (tb_stop_requested && strstr(line, "interrupted by ")))
			continue;
		size_t l = strlen(seen);
		if (l + strlen(line) + 2 < cap)
			snprintf(seen + l, cap - l, "%s\n", line);
		char out[1100];
		snprintf(out, sizeof(out), "%s%s", prefix, line);
		if (cb->line)
			cb->line(cb->ctx, out);
	}
	if (f)
		fclose(f);
}

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* round r's results into rs (the first round's are rs); 0, or -1 with err */
static int pool_round(struct tb_resultset *rs, const char *summary, char *err, size_t len)
{
	struct tb_resultset one = {0};
	int rc = tb_results_load(summary, &one, NULL, 0, err, len);
	if (!rc && !rs->n && !rs->fingerprint.n) {
		*rs = one;
		return 0;
	}
	if (!rc)
		rc = tb_resultset_append_samples(rs, &one, err, len);
	tb_resultset_free(&one);
	return rc;
}

/* what a round's exit status means: 0 measured, 1 measured with a failure
 * (verification), -1 interrupted (we forwarded the signal), -2 failed */
static int round_outcome(int status)
{
	if (status == 0 || status == 1) /* 1: a case failed verification */
		return status;
	if (tb_stop_requested && status >= 128)
		return -1;
	return -2;
}

static void warn(const struct tb_rounds_cb *cb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn(const struct tb_rounds_cb *cb, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cb->warning)
		cb->warning(cb->ctx, msg);
}

static void say_failure(const struct tb_rounds_cb *cb, unsigned r, unsigned n, int status,
			const char *errf, char *seen, size_t cap)
{
	if (status > 128 && status < 128 + NSIG)
		warn(cb, "round %u/%u failed: tbench was killed by %s", r + 1, n,
		     strsignal(status - 128));
	else if (status == 127)
		warn(cb, "round %u/%u failed: tbench could not be run again", r + 1, n);
	else
		warn(cb, "round %u/%u failed: tbench exited with status %d", r + 1, n, status);
	char prefix[32];
	snprintf(prefix, sizeof(prefix), "  round %u: ", r + 1);
	pass_on(cb, errf, prefix, seen, cap);
}

/* [exe, "run", "--round-of", "r,n,dir", the arguments after "run"] */
static char **round_argv(const char *exe, const char *spec, int argc, char **argv)
{
	char **av = calloc((size_t)argc + 4, sizeof(*av));
	if (!av)
		return NULL;
	av[0] = (char *)exe;
	av[1] = (char *)"run";
	av[2] = (char *)"--round-of";
	av[3] = (char *)spec;
	for (int i = 1; i < argc; i++)
		av[3 + i] = argv[i];
	return av;
}

/* --events is refused here once, not by every round's process */
static int check_events(const struct tb_session_opts *o, char *err, size_t len)
{
	if (!o->events)
		return 0;
	struct tb_session_counters rctr;
	char note[512];
	/* (--metric instructions never has rounds: refused by the options) */
	if (tb_session_counters_open(&rctr, o->events, note, sizeof(note), err, len))
		return -1;
	tb_session_counters_close(&rctr);
	return 0;
}

int tb_rounds_measure(const struct tb_rounds *rd, const struct tb_rounds_cb *cb,
		      struct tb_resultset *rs, unsigned *measured, char *err, size_t len)
{
	char exe[PATH_MAX], dir[PATH_MAX];
	const struct tb_session_opts *o = rd->o;
	*measured = 0;
	if (check_events(o, err, len) || tb_self_exe(exe, sizeof(exe), err, len) ||
	    tb_temp_dir("tbench-rounds", dir, sizeof(dir), err, len))
		return TB_SESSION_USAGE;
	sigset_t sigs, open_mask;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, &open_mask);
	snprintf(tb_rounds_dir, sizeof(tb_rounds_dir), "%s", dir);
	static char seen[8192];
	seen[0] = 0;
	unsigned r, done = 0;
	int rc = TB_SESSION_OK;
	char failed[1100] = "", e[1024];
	static char pids[1000 * 8 + 16];
	pids[0] = 0;
	for (r = 0; r < rd->n && !tb_stop_requested; r++) {
		char spec[PATH_MAX + 32];
		snprintf(spec, sizeof(spec), "%u,%u,%s", r, rd->n, dir);
		char files[NFILES][PATH_MAX + 32];
		round_files(dir, r, files);
		const char *summary = files[0], *errf = files[NFILES - 1];
		char **av = round_argv(exe, spec, rd->argc, rd->argv);
		if (!av) {
			rc = tb_err(err, len, "out of memory");
			break;
		}
		struct tb_spawn sp = {.path = exe, .argv = av, .out = "/dev/null", .errf = errf,
				      .stop = &tb_stop_requested};
		int status = 0;
		if (cb->round)
			cb->round(cb->ctx, r, rd->n, false);
		/* signals are taken only while a round runs (and forwarded to it):
		 * one that comes while a round is pooled waits for the next wait */
		pthread_sigmask(SIG_SETMASK, &open_mask, NULL);
		int sr = tb_spawn_wait(&sp, &status, e, sizeof(e));
		pthread_sigmask(SIG_BLOCK, &sigs, NULL);
		free(av);
		if (tb_spawn_killed) { /* a second signal: leave now, nothing behind */
			tb_remove_dir(dir);
			tb_resultset_free(rs);
			return TB_ROUNDS_KILLED;
		}
		if (sp.pid && strlen(pids) + 16 < sizeof(pids))
			snprintf(pids + strlen(pids), sizeof(pids) - strlen(pids), "%s%d", r ? " " : "", sp.pid);
		if (cb->round)
			cb->round(cb->ctx, r, rd->n, true);
		if (sr) {
			warn(cb, "round %u/%u: %s", r + 1, rd->n, e);
			snprintf(failed, sizeof(failed), "round %u: %s", r + 1, e);
			rc = TB_SESSION_FAILED;
			break;
		}
		int out = round_outcome(status);
		if (out == -2)
			say_failure(cb, r, rd->n, status, errf, seen, sizeof(seen));
		else
			pass_on(cb, errf, "", seen, sizeof(seen));
		/* whatever the round wrote is kept, also when it was cut short */
		if (exists(summary)) {
			if (pool_round(rs, summary, e, sizeof(e))) {
				warn(cb, "round %u/%u: %s", r + 1, rd->n, e);
				out = -2;
			} else {
				done++;
			}
		}
		for (int i = 0; i < NFILES; i++) /* pooled: at most one round's files exist */
			unlink(files[i]);
		if (out == 1)
			rc = TB_SESSION_FAILED;
		if (out == -2) {
			snprintf(failed, sizeof(failed), "round %u: exit status %d", r + 1, status);
			rc = TB_SESSION_FAILED;
			break;
		}
	}
	tb_remove_dir(dir);
	tb_rounds_dir[0] = 0;
	pthread_sigmask(SIG_SETMASK, &open_mask, NULL);
	snprintf(rs->name, sizeof(rs->name), "%s", o->name ? o->name : "");
	tb_kv_set(&rs->options, "command", o->command ? o->command : "tbench run");
	tb_kv_setf(&rs->options, "rounds", "%u", rd->n);
	tb_kv_setf(&rs->options, "rounds.measured", "%u", done);
	tb_kv_set(&rs->options, "rounds.order", "round r starts at case r x cases / rounds");
	tb_kv_set(&rs->options, "rounds.pids", pids);
	if (failed[0])
		tb_kv_set(&rs->options, "rounds.failed", failed);
	if (tb_stop_requested)
		tb_kv_set(&rs->options, "partial", "yes");
	*measured = done;
	return rc;
}
