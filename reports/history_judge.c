/*
 * history_judge.c - a recorded series judged: where its level changed
 * (changepoint.c on the medians, one per run), by how much and in which
 * direction, its overall trend, and whether the newest change is a
 * slowdown beyond the noise threshold (the history gate).
 */
#include "history.h"

#include "describe.h"

#include <math.h>
#include <stdlib.h>

int tb_history_judge(const struct tb_history_series *s, const struct tb_cp_opts *o,
		     double threshold, struct tb_history_judgement *j)
{
	j->c = NULL;
	j->n = 0;
	j->fail = j->drift = false;
	j->trend.sse = NAN;
	j->trend.per_point = j->trend.total = j->trend.p = NAN;
	if (!s->n)
		return 0;
	double *x = malloc(s->n * sizeof(double));
	if (!x)
		return -1;
	for (size_t i = 0; i < s->n; i++)
		x[i] = s->p[i].median;
	struct tb_changepoint *cp;
	size_t ncp;
	int rc = tb_cp_detect(x, s->n, o, &cp, &ncp);
	if (!rc)
		rc = tb_cp_trend(x, s->n, &j->trend);
	if (rc || (ncp && !(j->c = calloc(ncp, sizeof(*j->c))))) {
		free(cp);
		free(x);
		return -1;
	}
	for (size_t i = 0; i < ncp; i++) {
		struct tb_history_change *c = &j->c[i];
		c->at = cp[i].at;
		c->p = cp[i].p;
		c->before = cp[i].before;
		c->after = cp[i].after;
		c->ratio = c->before > 0 ? c->after / c->before : NAN;
		c->slower = c->ratio > 1;
		c->beyond = fabs(c->ratio - 1) > threshold;
	}
	j->n = ncp;
	j->fail = ncp && j->c[ncp - 1].slower && j->c[ncp - 1].beyond;
	/* a drift is a line that explains the series better than steps do */
	double sse = 0;
	for (size_t k = 0, i = 0; k <= ncp; k++) {
		size_t end = k < ncp ? cp[k].at : s->n;
		double lvl = k < ncp ? cp[k].before : ncp ? cp[ncp - 1].after : NAN;
		if (isnan(lvl)) { /* no change point: one level, the median of all */
			for (size_t q = 0; q < s->n; q++)
				x[q] = s->p[q].median;
			lvl = tb_median(x, s->n);
		}
		for (; i < end; i++)
			sse += pow(log(s->p[i].median / lvl), 2);
	}
	j->drift = j->trend.p < o->alpha && j->trend.sse < sse;
	free(cp);
	free(x);
	return 0;
}

void tb_history_judgement_free(struct tb_history_judgement *j)
{
	free(j->c);
	j->c = NULL;
	j->n = 0;
}
