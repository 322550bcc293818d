/*
 * baselines.h - a session's baselines (baselines.c): --baseline NAME
 * loaded before anything runs and compared with the results after;
 * --save-baseline NAME begun before (so a name that cannot be written fails
 * at once) and committed after, with --append's pooling of the saved
 * samples and this run's.
 */
#ifndef TB_ENGINE_BASELINES_H
#define TB_ENGINE_BASELINES_H

#include "../reports/baseline.h"
#include "../reports/compare.h"
#include "../reports/results.h"

#include <stdbool.h>
#include <stddef.h>

struct tb_baselines {
	const char *dir;           /* where they live (tb_baseline_dir) */
	const char *compare;       /* --baseline NAME, or NULL */
	const char *save;          /* --save-baseline NAME, or NULL */
	bool append;               /* --append */
	struct tb_resultset base;  /* compare's, loaded */
	struct tb_resultset prev;  /* --append: the saved baseline, loaded before the run */
	struct tb_baseline_tx tx;  /* save's transaction */
};

/* dir: --baseline-dir or NULL.  0, or -1 with err (b closed). */
int tb_baselines_open(struct tb_baselines *b, const char *dir, const char *compare,
		      const char *save, bool append, char *err, size_t len);
/* rs against the --baseline (labelled "baseline NAME" -> "this run LABEL"):
 * 0 with cmp filled (free it with tb_comparison_free), or -1 with err */
int tb_baselines_compare(const struct tb_baselines *b, const struct tb_resultset *rs,
			 const struct tb_compare_opts *co, struct tb_comparison *cmp, char *err,
			 size_t len);
/* commit rs as --save-baseline (with --append, rs becomes the pooled set
 * first): 0, or -1 with err */
int tb_baselines_save(struct tb_baselines *b, struct tb_resultset *rs, char *err, size_t len);
/* what is left: the transaction (aborted when not committed), the sets */
void tb_baselines_close(struct tb_baselines *b);

#endif
