/*
 * exec_runs.c - the runs of `tbench exec` (exec_runs.h): every command
 * measured by probes/exec.c, interleaved in rounds, and the spawn cost.
 */
#include "exec_runs.h"

#include "../probes/runner.h"
#include "../reports/exec_result.h"

#include <math.h>

int tb_exec_runs(const struct tb_exec_plan *p, const struct tb_exec_opts *ex, size_t rounds,
		 void (*started)(void *ctx, size_t k, const char *name), void *ctx,
		 struct tb_exec_result *res, char *err, size_t len)
{
	size_t per = (ex->min_runs + rounds - 1) / rounds;
	for (size_t r = 0; r < rounds && !tb_stop_requested; r++)
		for (size_t k = 0; k < p->n && !tb_stop_requested; k++) {
			size_t i = (k + r) % p->n; /* round r starts one command later */
			if (res[i].failed)
				continue;
			struct tb_exec_opts o = *ex;
			o.prepare = p->e[i].prepare;
			if (rounds > 1) {
				o.warmup = r ? 0 : ex->warmup;
				o.min_runs = o.max_runs = per;
				o.budget_ns = 0;
			}
			if (started)
				started(ctx, r * p->n + k, p->e[i].name);
			if (tb_exec_measure(p->e[i].argv, &o, &res[i], err, len))
				return -1;
		}
	return 0;
}

double tb_exec_spawn_cost(bool shell, const struct tb_exec_counters *ctr, const char **what)
{
	char *t[] = {"/bin/true", NULL}, *sh[] = {"/bin/sh", "-c", ":", NULL};
	*what = shell ? "/bin/sh -c :" : "/bin/true";
	struct tb_exec_opts o;
	tb_exec_defaults(&o);
	o.warmup = 2;
	o.min_runs = o.max_runs = 20;
	o.budget_ns = 0;
	o.ctr = ctr; /* spawned as the runs are; its counts are dropped */
	struct tb_exec_result r = {0};
	char err[256];
	double med = NAN;
	if (!tb_exec_measure(shell ? sh : t, &o, &r, err, sizeof(err)) && !r.failed && r.n) {
		struct tb_result x = {0};
		if (!tb_result_from_exec(&x, "spawn", &r, 1))
			med = x.st.median;
		tb_result_free(&x);
	}
	tb_exec_result_free(&r);
	return med;
}
