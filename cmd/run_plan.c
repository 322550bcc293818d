/*
 * run_plan.c - the plan of `tbench run`: the engine builds it from the
 * selection (engine/plan.c); run adds its own check, that every
 * --threshold rule names a case (it would be silently ignored), and prints
 * it for --dry-run and `list --cases`.
 */
#include "cmds.h"
#include "run.h"
#include "run_record.h"

#include "../reports/compare.h"

#include <stdio.h>
#include <string.h>

/* a --threshold rule naming no case would be silently ignored */
static int check_thresholds(const struct tb_run_opts *o, const struct tb_plan *p, char *err,
			    size_t len)
{
	const struct tb_compare_opts *co = &o->gate.opts.cmp;
	for (size_t i = 0; o->gate.baseline && i < co->nrules; i++) {
		size_t k;
		for (k = 0; k < p->n; k++)
			if (tb_threshold_pattern_matches(co->rules[i].pattern, p->c[k].k->family,
							 p->c[k].k->variant))
				break;
		if (k == p->n)
			return snprintf(err, len, "--threshold %s=%g: no case of this run is of family or "
					"family/variant '%s' (see --dry-run)", co->rules[i].pattern,
					100 * co->rules[i].threshold, co->rules[i].pattern), -1;
	}
	return 0;
}

int tb_run_build_plan(const struct tb_run_opts *o, struct tb_plan *p, char *err, size_t len)
{
	if (tb_plan_build(&o->sel, p, err, len))
		return -1;
	return check_thresholds(o, p, err, len);
}

static void print_cases(const struct tb_plan *p, bool ids)
{
	for (size_t i = 0; i < p->n; i++) {
		char line[256];
		if (ids)
			tb_case_id(&p->c[i], line, sizeof(line));
		else
			tb_case_fields(&p->c[i], line, sizeof(line));
		puts(line);
	}
}

void tb_run_print_plan(const struct tb_plan *p)
{
	tb_run_print_notes(p, stderr); /* stdout is the case list */
	print_cases(p, false);
}

void tb_run_print_ids(const struct tb_plan *p)
{
	print_cases(p, true);
}
