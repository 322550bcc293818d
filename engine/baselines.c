/*
 * baselines.c - a session's baselines (baselines.h).
 */
#include "baselines.h"

#include <stdio.h>
#include <string.h>

int tb_baselines_open(struct tb_baselines *b, const char *dir, const char *compare,
		      const char *save, bool append, char *err, size_t len)
{
	memset(b, 0, sizeof(*b));
	b->dir = tb_baseline_dir(dir);
	b->compare = compare;
	b->save = save;
	b->append = append;
	if ((compare && tb_baseline_load(b->dir, compare, &b->base, err, len)) ||
	    (save && tb_baseline_begin(&b->tx, b->dir, save, err, len)) ||
	    (append && tb_baseline_load(b->dir, save, &b->prev, err, len) == -1)) {
		tb_baselines_close(b);
		return -1;
	}
	return 0;
}

int tb_baselines_compare(const struct tb_baselines *b, const struct tb_resultset *rs,
			 const struct tb_compare_opts *co, struct tb_comparison *cmp, char *err,
			 size_t len)
{
	if (tb_compare(&b->base, rs, co, cmp, err, len))
		return -1;
	snprintf(cmp->old_label, sizeof(cmp->old_label), "baseline %s", b->compare);
	snprintf(cmp->new_label, sizeof(cmp->new_label), "this run%s%s", rs->name[0] ? " " : "",
		 rs->name);
	return 0;
}

/* --append: the saved baseline's results first (prev, loaded before the
 * run so a damaged one fails at once), this run's merged in */
static int append_prev(struct tb_resultset *prev, struct tb_resultset *rs, char *err,
		       size_t errlen)
{
	int rc = tb_resultset_append_samples(prev, rs, err, errlen);
	if (!rc) { /* rs becomes the merged set */
		snprintf(prev->name, sizeof(prev->name), "%s", rs->name);
		tb_resultset_free(rs);
		*rs = *prev;
		memset(prev, 0, sizeof(*prev));
	}
	return rc;
}

int tb_baselines_save(struct tb_baselines *b, struct tb_resultset *rs, char *err, size_t len)
{
	if (b->append && append_prev(&b->prev, rs, err, len))
		return -1;
	return tb_baseline_commit(&b->tx, rs, err, len);
}

void tb_baselines_close(struct tb_baselines *b)
{
	tb_baseline_abort(&b->tx);
	tb_resultset_free(&b->base);
	tb_resultset_free(&b->prev);
}
