/*
 * callgrind.c - instruction counts through callgrind: the re-run under
 * valgrind (parent side) and the per-sample dump hook (child side).
 */
#include "callgrind.h"

#include "subprocess.h"

#include "../kernels/common.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include <valgrind/valgrind.h>

bool tb_on_valgrind(void)
{
	return RUNNING_ON_VALGRIND != 0;
}

bool tb_callgrind_child(void)
{
	const char *e = getenv(TB_CALLGRIND_ENV);
	return e && *e && tb_on_valgrind();
}

int tb_callgrind_read_total(const char *path, double *total, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return tb_err(err, errlen, "cannot open callgrind dump '%s': %s", path, strerror(errno));
	char line[512];
	bool found = false;
	while (fgets(line, sizeof(line), f)) {
		const char *v = NULL;
		if (!strncmp(line, "totals:", 7))
			v = line + 7;
		else if (!strncmp(line, "summary:", 8))
			v = line + 8;
		if (!v)
			continue;
		char *end;
		errno = 0;
		unsigned long long n = strtoull(v, &end, 10);
		if (errno || end == v)
			break;
		*total = (double)n;
		found = true;
		if (line[0] == 't') /* totals wins over summary */
			break;
	}
	fclose(f);
	if (!found)
		return tb_err(err, errlen, "callgrind dump '%s' has no totals line", path);
	return 0;
}

static int hook_start(void *ctx)
{
	(void)ctx;
	CALLGRIND_ZERO_STATS;
	return 0;
}

static int hook_stop(void *ctx, double *values)
{
	struct tb_callgrind_hook *h = ctx;
	CALLGRIND_DUMP_STATS_AT("tbench sample");
	h->dumps++;
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s.%u", h->out, h->dumps);
	int rc = tb_callgrind_read_total(path, &values[0], h->err, sizeof(h->err));
	unlink(path);
	return rc;
}

int tb_callgrind_hook_init(struct tb_callgrind_hook *h, char *err, size_t errlen)
{
	memset(h, 0, sizeof(*h));
	const char *e = getenv(TB_CALLGRIND_ENV);
	if (!e || !*e || strlen(e) >= sizeof(h->out))
		return tb_err(err, errlen, "%s is not set to callgrind's output file", TB_CALLGRIND_ENV);
	snprintf(h->out, sizeof(h->out), "%s", e);
	h->hook = (struct tb_sample_hook){
		.ctx = h, .nvalues = 1, .start = hook_start, .stop = hook_stop};
	return 0;
}

int tb_find_program(const char *name, char *path, size_t len)
{
	const char *p = getenv("PATH");
	if (!p || !*p)
		p = "/usr/local/bin:/usr/bin:/bin";
	while (*p) {
		size_t n = strcspn(p, ":");
		if (n > 0 && (size_t)snprintf(path, len, "%.*s/%s", (int)n, p, name) < len &&
		    access(path, X_OK) == 0)
			return 0;
		p += n + (p[n] == ':');
	}
	return -1;
}

static void read_log(const char *path, char *log, size_t len)
{
	if (!len)
		return;
	log[0] = '\0';
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	size_t n = fread(log, 1, len - 1, f);
	log[n] = '\0';
	fclose(f);
}

int tb_callgrind_spawn(const char *valgrind, char *const argv[], int *status, char *log,
		       size_t loglen, char *err, size_t errlen)
{
	char exe[PATH_MAX], dir[PATH_MAX];
	if (tb_self_exe(exe, sizeof(exe), err, errlen) ||
	    tb_temp_dir("tbench-callgrind", dir, sizeof(dir), err, errlen))
		return -1;
	char out[PATH_MAX + 32], logf[PATH_MAX + 32], o_out[PATH_MAX + 64], o_log[PATH_MAX + 64];
	char env[PATH_MAX + 64];
	snprintf(out, sizeof(out), "%s/callgrind.out", dir);
	snprintf(logf, sizeof(logf), "%s/valgrind.log", dir);
	snprintf(o_out, sizeof(o_out), "--callgrind-out-file=%s", out);
	snprintf(o_log, sizeof(o_log), "--log-file=%s", logf);
	snprintf(env, sizeof(env), "%s=%s", TB_CALLGRIND_ENV, out);

	size_t argc = 0;
	while (argv[argc])
		argc++;
	const char *pre[] = {valgrind, "--tool=callgrind", "-q", o_log, o_out,
			     "--collect-atstart=no", "--toggle-collect=" TB_RUNNER_CALL_SYMBOL,
			     "--dump-instr=no", exe};
	size_t npre = sizeof(pre) / sizeof(pre[0]);
	char **av = calloc(npre + argc + 1, sizeof(*av));
	if (!av) {
		tb_remove_dir(dir);
		return tb_err(err, errlen, "out of memory");
	}
	for (size_t i = 0; i < npre; i++)
		av[i] = (char *)pre[i];
	for (size_t i = 0; i < argc; i++)
		av[npre + i] = argv[i];
	struct tb_spawn sp = {.path = valgrind, .argv = av, .env = {env,
		getenv("OPENBLAS_NUM_THREADS") ? NULL : "OPENBLAS_NUM_THREADS=1"}};
	int rc = tb_spawn_wait(&sp, status, err, errlen);
	if (!rc && *status == 127)
		rc = tb_err(err, errlen, "could not run '%s'", valgrind);
	read_log(logf, log, loglen);
	free(av);
	tb_remove_dir(dir);
	return rc;
}
