/*
 * run_history.c - `tbench run --history`: the history is opened (created,
 * migrated) before the first case runs, so a bad store fails in a second;
 * the finished result set is recorded as one run, with the commit, branch
 * and time git and the results give (cmd/history_git.c).
 */
#include "cmds.h"
#include "history.h"
#include "run.h"

int tb_run_history_open(const struct tb_run_opts *o, struct tb_history **h)
{
	*h = NULL;
	if (!o->gate.history)
		return 0;
	char err[1024];
	int rc = tb_history_open(h, tb_history_where(o->gate.history_db), true, err, sizeof(err));
	return rc ? tb_history_fail(rc, true, err) : 0;
}

int tb_run_history_add(const struct tb_run_opts *o, struct tb_history *h,
		       const struct tb_resultset *rs, bool interrupted)
{
	if (!h)
		return TB_EXIT_OK;
	const char *where = tb_history_where(o->gate.history_db);
	if (interrupted) {
		tb_print_error("interrupted: the run was not recorded in the history %s", where);
		return TB_EXIT_OK;
	}
	char err[1024];
	struct tb_history_meta m;
	long long id;
	size_t n;
	if (tb_history_meta_fill(&m, rs, NULL, NULL, NULL, err, sizeof(err)))
		return tb_usage_error("%s", err);
	int rc = tb_history_add(h, rs, &m, &id, &n, err, sizeof(err));
	if (rc)
		return tb_history_fail(rc, true, err);
	if (!o->quiet)
		printf("recorded as run %lld in the history %s (commit %.12s, %s)\n", id, where,
		       m.commit, m.branch);
	return TB_EXIT_OK;
}
