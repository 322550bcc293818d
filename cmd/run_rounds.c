/*
 * run_rounds.c - `tbench run --rounds N`: one process's speed is not the
 * machine's, so the parent re-runs the same command N times, one fresh
 * process after the other (--round-of R,N,DIR), each measuring every case,
 * round r starting at case r n / N (so no case is always first or last);
 * it pools their samples as --append does (the `runs` of a case, compared
 * run by run), and finishes as one run: table with the spread between
 * processes beside the spread within one, outputs, --baseline,
 * --save-baseline (run_session.c).  A round interrupted keeps what it
 * measured; a round that fails is reported and ends the rounds.
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "run.h"
#include "run_session.h"
#include "run_blas.h"
#include "run_record.h"

#include "version.h" /* generated: build/base/version.h */

#include "../probes/runner.h"
#include "../probes/subprocess.h"
#include "../reports/baseline.h"
#include "../reports/load.h"

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tb_run_round_child(struct tb_run_opts *o, const char *spec, char *err, size_t len)
{
	unsigned r, n;
	int at = 0;
	if (sscanf(spec, "%u,%u,%n", &r, &n, &at) != 2 || !at || !spec[at] || n < 1 ||
	    n > TB_MAX_ROUNDS || r >= n)
		return snprintf(err, len, "invalid --round-of '%s': expected ROUND,ROUNDS,DIR (internal to --rounds)",
				spec), -1;
	const char *dir = spec + at;
	static const char *const kinds[] = {"", ".samples", ".options"};
	for (int i = 0; i < 3; i++)
		if ((size_t)snprintf(o->out.round_files[i], sizeof(o->out.round_files[i]), "%s/r%u%s.csv", dir, r,
				     kinds[i]) >= sizeof(o->out.round_files[i]))
			return snprintf(err, len, "invalid --round-of: directory '%s' is too long", dir), -1;
	o->round = r;
	o->of = n;
	/* the parent prints, compares, saves: this process only measures */
	o->rounds = 1;
	o->quiet = true;
	o->out.csv_path = o->out.round_files[0];
	o->out.samples_csv_path = o->out.round_files[1];
	o->out.options_csv_path = o->out.round_files[2];
	o->out.html_path = o->out.json_path = o->out.markdown_path = NULL;
	o->out.json_samples = false;
	o->gate.baseline = o->gate.save_baseline = NULL;
	o->gate.append = false;
	o->gate.history = false;
	return 0;
}

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
static void pass_on(const char *path, const char *prefix, char *seen, size_t cap)
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
		fprintf(stderr, "%s%s\n", prefix, line);
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
	if (status == 0 || status == TB_EXIT_FAIL)
		return status;
	if (tb_stop_requested && status >= 128)
		return -1;
	return -2;
}

static void say_failure(unsigned r, unsigned n, int status, const char *errf, char *seen,
			size_t cap)
{
	if (status > 128 && status < 128 + NSIG)
		tb_print_error("round %u/%u failed: tbench was killed by %s", r + 1, n,
			       strsignal(status - 128));
	else if (status == 127)
		tb_print_error("round %u/%u failed: tbench could not be run again", r + 1, n);
	else
		tb_print_error("round %u/%u failed: tbench exited with status %d", r + 1, n, status);
	char prefix[32];
	snprintf(prefix, sizeof(prefix), "  round %u: ", r + 1);
	pass_on(errf, prefix, seen, cap);
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

static void header(const struct tb_run_opts *o, const struct tb_plan *plan)
{
	if (o->quiet)
		return;
	printf("tbench %s: %zu case%s x %u rounds, each round a fresh process measuring every case "
	       "(round r starts at case r x %zu / %u)\n", TB_VERSION, plan->n,
	       plan->n == 1 ? "" : "s", o->rounds, plan->n, o->rounds);
	tb_run_print_notes(plan, stdout);
	fflush(stdout);
}

static void progress(const struct tb_run_opts *o, unsigned r, bool done)
{
	if (o->quiet || !isatty(STDERR_FILENO))
		return;
	if (done)
		fputs("\r\033[K", stderr);
	else
		fprintf(stderr, "\r\033[Kround %u/%u ...", r + 1, o->rounds);
	fflush(stderr);
}

int tb_run_rounds(struct tb_run_opts *o, struct tb_plan *plan, int argc, char **argv)
{
	char exe[PATH_MAX], dir[PATH_MAX], err[1024];
	if (tb_self_exe(exe, sizeof(exe), err, sizeof(err)))
		return tb_usage_error("%s", err);
	if (o->ses.events) { /* refused here once, not by every round's process */
		struct tb_session_counters rctr;
		char note[512];
		if (o->ses.metric_insns)
			return tb_usage_error("--events cannot be combined with --metric instructions (callgrind counts by itself)");
		if (tb_session_counters_open(&rctr, o->ses.events, note, sizeof(note), err, sizeof(err)))
			return tb_usage_error("%s", err);
		tb_session_counters_close(&rctr);
	}
	struct tb_run_session ss;
	int rc = tb_run_session_open(&ss, o);
	if (rc)
		return rc;
	if (tb_temp_dir("tbench-rounds", dir, sizeof(dir), err, sizeof(err))) {
		tb_run_session_abort(&ss);
		return tb_usage_error("%s", err);
	}
	header(o, plan);
	tb_run_blas_note(o, plan);
	sigset_t sigs, open_mask;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, &open_mask);
	snprintf(tb_run_rounds_dir, sizeof(tb_run_rounds_dir), "%s", dir);
	struct tb_resultset rs = {0};
	static char seen[8192];
	seen[0] = 0;
	unsigned r, done = 0;
	char failed[1100] = "";
	static char pids[TB_MAX_ROUNDS * 8 + 16];
	pids[0] = 0;
	for (r = 0; r < o->rounds && !tb_stop_requested; r++) {
		char spec[PATH_MAX + 32];
		snprintf(spec, sizeof(spec), "%u,%u,%s", r, o->rounds, dir);
		char files[NFILES][PATH_MAX + 32];
		round_files(dir, r, files);
		const char *summary = files[0], *errf = files[NFILES - 1];
		char **av = round_argv(exe, spec, argc, argv);
		if (!av) {
			rc = tb_usage_error("out of memory");
			break;
		}
		struct tb_spawn sp = {.path = exe, .argv = av, .out = "/dev/null", .errf = errf,
				      .stop = &tb_stop_requested};
		int status = 0;
		progress(o, r, false);
		/* signals are taken only while a round runs (and forwarded to it):
		 * one that comes while a round is pooled waits for the next wait */
		pthread_sigmask(SIG_SETMASK, &open_mask, NULL);
		int sr = tb_spawn_wait(&sp, &status, err, sizeof(err));
		pthread_sigmask(SIG_BLOCK, &sigs, NULL);
		free(av);
		if (tb_spawn_killed) { /* a second signal: leave now, nothing behind */
			tb_remove_dir(dir);
			tb_run_session_abort(&ss);
			tb_resultset_free(&rs);
			signal((int)tb_spawn_killed, SIG_DFL);
			raise((int)tb_spawn_killed);
		}
		if (sp.pid && strlen(pids) + 16 < sizeof(pids))
			snprintf(pids + strlen(pids), sizeof(pids) - strlen(pids), "%s%d", r ? " " : "", sp.pid);
		progress(o, r, true);
		if (sr) {
			tb_print_error("round %u/%u: %s", r + 1, o->rounds, err);
			snprintf(failed, sizeof(failed), "round %u: %s", r + 1, err);
			rc = TB_EXIT_FAIL;
			break;
		}
		int out = round_outcome(status);
		if (out == -2)
			say_failure(r, o->rounds, status, errf, seen, sizeof(seen));
		else
			pass_on(errf, "", seen, sizeof(seen));
		/* whatever the round wrote is kept, also when it was cut short */
		if (exists(summary)) {
			if (pool_round(&rs, summary, err, sizeof(err))) {
				tb_print_error("round %u/%u: %s", r + 1, o->rounds, err);
				out = -2;
			} else {
				done++;
			}
		}
		for (int i = 0; i < NFILES; i++) /* pooled: at most one round's files exist */
			unlink(files[i]);
		if (out == TB_EXIT_FAIL)
			rc = TB_EXIT_FAIL;
		if (out == -2) {
			snprintf(failed, sizeof(failed), "round %u: exit status %d", r + 1, status);
			rc = TB_EXIT_FAIL;
			break;
		}
	}
	tb_remove_dir(dir);
	tb_run_rounds_dir[0] = 0;
	pthread_sigmask(SIG_SETMASK, &open_mask, NULL);
	snprintf(rs.name, sizeof(rs.name), "%s", o->ses.name ? o->ses.name : "");
	tb_kv_set(&rs.options, "command", o->argv_joined ? o->argv_joined : "tbench run");
	tb_kv_setf(&rs.options, "rounds", "%u", o->rounds);
	tb_kv_setf(&rs.options, "rounds.measured", "%u", done);
	tb_kv_set(&rs.options, "rounds.order", "round r starts at case r x cases / rounds");
	tb_kv_set(&rs.options, "rounds.pids", pids);
	if (failed[0])
		tb_kv_set(&rs.options, "rounds.failed", failed);
	if (tb_stop_requested)
		tb_kv_set(&rs.options, "partial", "yes");
	const char *noise = tb_kv_get(&rs.fingerprint, "noise");
	if (!o->quiet && noise && strcmp(noise, "none seen"))
		tb_print_error("warning: timings may be noisy: %s", noise);
	if (!o->quiet && done < o->rounds)
		tb_print_error("note: %u of %u rounds measured", done, o->rounds);
	return tb_run_session_finish(&ss, o, &rs, rc);
}
