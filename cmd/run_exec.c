/*
 * run_exec.c - execute a plan: for each case set up, verify against the
 * reference, measure, tear down; then derive statistics and write every
 * requested output.  Output files are opened before the first case runs.
 */
#include "cmds.h"
#include "run.h"

#include "../kernels/common.h"
#include "../kernels/pool.h"
#include "../probes/clock.h"
#include "../probes/sysinfo.h"
#include "../reports/results.h"
#include "../reports/writer.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TB_VERSION
#define TB_VERSION "0.0.0"
#endif

/* First SIGINT/SIGTERM/SIGHUP: stop at the next sample boundary and write
 * what was measured.  Second: remove the temporary output files (existing
 * targets were never touched) and die of the signal at once.  Only
 * async-signal-safe calls here. */
static void on_signal(int sig)
{
	if (tb_stop_requested) {
		tb_outfile_unlink_all();
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	tb_stop_requested = sig;
}

static void catch_signals(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* a closed stdout (tbench run | head) must not kill the run before its
	 * files are written: writes fail with EPIPE and main reports it */
	signal(SIGPIPE, SIG_IGN);
}

/* worker threads must not take the signals: the main thread handles them */
static struct tb_pool *pool_create_masked(unsigned n, bool pin, char *msg, size_t len)
{
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	struct tb_pool *p = tb_pool_create(n, pin, 0, msg, len);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return p;
}

struct progress_ctx {
	bool on;
	size_t i, n;
	const struct tb_plan_case *pc;
};

static void progress(void *ctx, enum tb_phase ph, size_t done, size_t total)
{
	struct progress_ctx *p = ctx;
	if (!p->on)
		return;
	static const char *names[] = {"warmup", "calibrate", "measure"};
	fprintf(stderr, "\r\033[K[%zu/%zu] %s/%s %s %zu/%zu", p->i + 1, p->n, p->pc->k->family,
		p->pc->k->variant, names[ph], done, total);
	fflush(stderr);
}

static void record_options(const struct tb_run_opts *o, struct tb_kvlist *kv,
			   const struct tb_clock_info *ci)
{
	tb_kv_set(kv, "command", o->argv_joined ? o->argv_joined : "tbench run");
	tb_kv_setf(kv, "seed", "%llu", (unsigned long long)o->seed);
	tb_kv_setf(kv, "alpha", "%.9g", (double)o->alpha);
	tb_kv_setf(kv, "samples", "%zu", o->runner.samples);
	tb_kv_setf(kv, "warmup_iters", "%llu", (unsigned long long)o->runner.warmup_iters);
	tb_kv_setf(kv, "warmup_min_ns", "%.0f", o->runner.warmup_min_ns);
	tb_kv_setf(kv, "min_sample_ns", "%.0f", o->runner.min_sample_ns);
	tb_kv_setf(kv, "max_time_ns", "%.0f", o->runner.max_time_ns);
	tb_kv_setf(kv, "pin", "%s", o->pin ? "yes" : "no");
	tb_kv_setf(kv, "clock.resolution_ns", "%.0f", ci->resolution_ns);
	tb_kv_setf(kv, "clock.overhead_ns", "%.1f", ci->overhead_ns);
}

static void set_key(struct tb_result *r, const struct tb_plan_case *pc)
{
	const struct tb_kernel *k = pc->k;
	snprintf(r->family, sizeof(r->family), "%s", k->family);
	snprintf(r->variant, sizeof(r->variant), "%s", k->variant);
	snprintf(r->mode, sizeof(r->mode), "%s", tb_mode_name(pc->mode));
	r->n = pc->size.n;
	r->rows = pc->size.rows;
	r->cols = pc->size.cols;
	r->threads = pc->threads;
}

/* One case, start to end; fills r.  Returns 0, or -1 on a fatal error. */
static int run_case(const struct tb_run_opts *o, const struct tb_plan_case *pc,
		    struct tb_runner_opts *ro, struct tb_result *r, char *err, size_t errlen)
{
	const struct tb_kernel *k = pc->k;
	set_key(r, pc);
	const char *why;
	if (!tb_kernel_supported(k, &why)) {
		snprintf(r->status, sizeof(r->status), "unsupported");
		snprintf(r->note, sizeof(r->note), "%s", why);
		return 0;
	}
	struct tb_case c = {
		.k = k, .mode = pc->mode, .n = pc->size.n, .rows = pc->size.rows,
		.cols = pc->size.cols, .threads = pc->threads, .seed = o->seed,
		.alpha = o->alpha, .work_factor = 1.0,
	};
	char msg[256] = "";
	if (k->threaded && pc->threads > 1) {
		c.pool = pool_create_masked(pc->threads, o->pin, msg, sizeof(msg));
		if (!c.pool) {
			snprintf(r->status, sizeof(r->status), "setup-failed");
			snprintf(r->note, sizeof(r->note), "%s", msg);
			return 0;
		}
	}
	if (k->setup && k->setup(&c, msg, sizeof(msg))) {
		snprintf(r->status, sizeof(r->status), "setup-failed");
		snprintf(r->note, sizeof(r->note), "%s", msg);
		tb_pool_destroy(c.pool);
		return 0;
	}
	struct tb_work w = k->work ? k->work(&c) : (struct tb_work){0};
	r->bytes = w.bytes;
	r->flops = w.flops;
	r->items = w.items;
	snprintf(r->unit, sizeof(r->unit), "%s", w.item_unit ? w.item_unit : "it");

	int rc = 0;
	if (k->verify && k->verify(&c, msg, sizeof(msg))) {
		snprintf(r->status, sizeof(r->status), "failed-verify");
		snprintf(r->note, sizeof(r->note), "%s", msg);
	} else {
		struct tb_measurement m;
		if (tb_measure(&c, ro, &m, err, errlen)) {
			rc = -1;
		} else {
			snprintf(r->status, sizeof(r->status), "%s", m.partial ? "partial" : "ok");
			r->iters = m.iters;
			if (tb_result_set_samples(r, m.ns, m.nsamples))
				rc = tb_err(err, errlen, "out of memory");
			tb_measurement_free(&m);
		}
	}
	if (k->teardown)
		k->teardown(&c);
	tb_pool_destroy(c.pool);
	return rc;
}

static int open_out(struct tb_outfile *f, const char *path, int *failed)
{
	char err[512];
	if (!path)
		return 0;
	if (tb_outfile_open(f, path, err, sizeof(err))) {
		*failed = 1;
		return tb_usage_error("%s", err);
	}
	return 0;
}

static int write_out(struct tb_outfile *f, const struct tb_writer *w, const struct tb_report *rep)
{
	char err[512] = "";
	if (!f->f)
		return 0;
	if (w->write(f->f, rep, err, sizeof(err))) {
		tb_outfile_abort(f);
		tb_print_error("%s", err);
		return -1;
	}
	if (tb_outfile_commit(f, err, sizeof(err))) {
		tb_print_error("%s", err);
		return -1;
	}
	return 0;
}

int tb_run_execute(struct tb_run_opts *o, struct tb_plan *plan)
{
	struct tb_outfile csv = {0}, samples = {0};
	int failed = 0;
	catch_signals(); /* before the temporary files exist */
	open_out(&csv, o->csv_path, &failed);
	if (!failed)
		open_out(&samples, o->samples_csv_path, &failed);
	if (failed) {
		tb_outfile_abort(&csv);
		return TB_EXIT_USAGE;
	}

	struct tb_clock_info ci;
	tb_clock_probe(&ci);
	struct tb_runner_opts ro = o->runner;
	if (ro.min_sample_ns < 1000 * ci.resolution_ns)
		ro.min_sample_ns = 1000 * ci.resolution_ns;

	struct tb_resultset rs = {0};
	snprintf(rs.name, sizeof(rs.name), "%s", o->name ? o->name : "");
	tb_fingerprint(&rs.fingerprint);
	record_options(o, &rs.options, &ci);

	if (!o->quiet)
		printf("tbench %s: %zu case%s; clock resolution %.0f ns, overhead %.1f ns per read\n",
		       TB_VERSION, plan->n, plan->n == 1 ? "" : "s", ci.resolution_ns, ci.overhead_ns);
	struct progress_ctx pctx = {.on = !o->quiet && isatty(STDERR_FILENO), .n = plan->n};
	ro.progress = progress;
	ro.progress_ctx = &pctx;

	int rc = TB_EXIT_OK;
	char err[512] = "";
	size_t i;
	for (i = 0; i < plan->n && !tb_stop_requested; i++) {
		struct tb_result *r = tb_resultset_add(&rs);
		if (!r) {
			rc = tb_usage_error("out of memory");
			break;
		}
		pctx.i = i;
		pctx.pc = &plan->c[i];
		if (run_case(o, &plan->c[i], &ro, r, err, sizeof(err))) {
			tb_print_error("%s/%s: %s", plan->c[i].k->family, plan->c[i].k->variant, err);
			rc = TB_EXIT_FAIL;
			break;
		}
		if (!strcmp(r->status, "failed-verify"))
			rc = TB_EXIT_FAIL;
	}
	if (pctx.on)
		fputs("\r\033[K", stderr);

	if (tb_stop_requested) {
		/* the cases that never ran are listed too, so every output
		 * shows the run is partial, even if no case was cut short */
		tb_kv_set(&rs.options, "partial", "yes");
		for (; i < plan->n; i++) {
			struct tb_result *r = tb_resultset_add(&rs);
			if (!r)
				break;
			set_key(r, &plan->c[i]);
			snprintf(r->status, sizeof(r->status), "partial");
			snprintf(r->note, sizeof(r->note), "not run: interrupted");
		}
	}
	const char *nc = getenv("NO_COLOR");
	struct tb_report rep = {.rs = &rs, .verbose = o->verbose,
				.color = isatty(STDOUT_FILENO) && !(nc && *nc)};
	if (!o->quiet) {
		char e2[256];
		tb_writer_table.write(stdout, &rep, e2, sizeof(e2));
	}
	if (write_out(&csv, &tb_writer_csv, &rep) ||
	    write_out(&samples, &tb_writer_samples_csv, &rep))
		rc = TB_EXIT_FAIL;
	tb_outfile_abort(&csv);
	tb_outfile_abort(&samples);
	tb_resultset_free(&rs);
	if (tb_stop_requested) {
		tb_print_error("interrupted by %s: the results so far were written, marked partial",
			       tb_stop_requested == SIGINT ? "SIGINT" : tb_stop_requested == SIGTERM ? "SIGTERM" : "a signal");
		return 128 + tb_stop_requested;
	}
	return rc;
}
