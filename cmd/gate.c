/*
 * gate.c - parsing of the comparison options and printing of a comparison
 * (shared by compare.c and run_exec.c).
 */
#include "gate.h"

#include "cmds.h"
#include "parse.h"

#include "../kernels/common.h"
#include "../reports/baseline.h"
#include "../reports/load.h"
#include "../reports/writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void tb_gate_defaults(struct tb_gate_opts *g)
{
	memset(g, 0, sizeof(*g));
	tb_compare_defaults(&g->cmp);
	g->fail_on_slower = true;
}

/* "5", "5%", "2.5%": a percentage in [0, 1000] as a fraction */
static int parse_percent(const char *what, const char *s, double *out, char *err, size_t len)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%s", s);
	size_t n = strlen(buf);
	if (n && buf[n - 1] == '%')
		buf[n - 1] = 0;
	double v;
	if (strlen(s) >= sizeof(buf) || tb_parse_double(what, buf, 0, 1000, &v, NULL, 0))
		return snprintf(err, len, "invalid %s '%s': expected a percentage from 0 to 1000, like 5 or 5%%",
				what, s), -1;
	*out = v / 100;
	return 0;
}

static int parse_threshold(const char *arg, struct tb_gate_opts *g, char *err, size_t len)
{
	const char *eq = strchr(arg, '=');
	if (!eq)
		return parse_percent("--threshold", arg, &g->cmp.threshold, err, len);
	struct tb_compare_opts *o = &g->cmp;
	size_t pl = (size_t)(eq - arg);
	if (o->nrules == TB_MAX_THRESHOLD_RULES)
		return snprintf(err, len, "too many --threshold rules (at most %d)",
				TB_MAX_THRESHOLD_RULES), -1;
	if (pl == 0 || pl >= sizeof(o->rules[0].pattern))
		return snprintf(err, len, "invalid --threshold '%s': expected FAMILY[/VARIANT]=PERCENT",
				arg), -1;
	struct tb_threshold_rule *r = &o->rules[o->nrules];
	snprintf(r->pattern, sizeof(r->pattern), "%.*s", (int)pl, arg);
	if (parse_percent("--threshold", eq + 1, &r->threshold, err, len))
		return -1;
	o->nrules++;
	return 0;
}

int tb_gate_parse(int c, const char *arg, struct tb_gate_opts *g, char *err, size_t len)
{
	uint64_t u;
	switch (c) {
	case TB_OPT_SIGNIFICANCE:
		if (tb_parse_double("--significance", arg, 1e-12, 0.5, &g->cmp.significance, err, len))
			return -1;
		return 0;
	case TB_OPT_THRESHOLD:
		return parse_threshold(arg, g, err, len);
	case TB_OPT_FAIL_ON: {
		bool slower = false, missing = false, none = false;
		char buf[128], *items[8];
		snprintf(buf, sizeof(buf), "%s", arg);
		int n = strlen(arg) < sizeof(buf) ? tb_split_list(buf, items, 8) : -1;
		for (int i = 0; i < n; i++) {
			if (!strcmp(items[i], "slower"))
				slower = true;
			else if (!strcmp(items[i], "missing"))
				missing = true;
			else if (!strcmp(items[i], "none"))
				none = true;
			else
				n = -1;
		}
		if (n <= 0 || (none && (slower || missing)))
			return snprintf(err, len, "invalid --fail-on '%s': expected slower, missing, "
					"slower,missing or none", arg), -1;
		g->fail_on_slower = slower;
		g->fail_on_missing = missing;
		return 0;
	}
	case TB_OPT_METRIC:
		if (!*arg || strlen(arg) >= sizeof(g->cmp.metric))
			return snprintf(err, len, "invalid --metric '%s': expected time or a counter name", arg), -1;
		snprintf(g->cmp.metric, sizeof(g->cmp.metric), "%s", arg);
		return 0;
	case TB_OPT_BOOTSTRAP:
		if (tb_parse_u64("--bootstrap", arg, 100, 1000000, &u, err, len))
			return -1;
		g->cmp.resamples = u;
		return 0;
	case TB_OPT_CONFIDENCE: {
		double v;
		size_t n = strlen(arg);
		if (n && arg[n - 1] == '%') {
			if (parse_percent("--confidence", arg, &v, err, len))
				return -1;
		} else if (tb_parse_double("--confidence", arg, 0, 1, &v, err, len)) {
			return -1;
		}
		if (!(v >= 0.5 && v < 1))
			return snprintf(err, len, "invalid --confidence '%s': expected a level from 0.5 to below 1 (or 50%% to 99.9%%)",
					arg), -1;
		g->cmp.confidence = v;
		return 0;
	}
	case TB_OPT_BASELINE_DIR:
		if (!*arg)
			return snprintf(err, len, "invalid --baseline-dir '': expected a directory"), -1;
		g->baseline_dir = arg;
		return 0;
	}
	return snprintf(err, len, "internal: unknown comparison option %d", c), -1;
}

int tb_gate_report(const struct tb_comparison *c, const struct tb_gate_opts *g, bool quiet,
		   bool color)
{
	if (c->nfp_diffs) {
		fputs("tbench: warning: the machines differ:", stderr);
		for (size_t i = 0; i < c->nfp_diffs; i++)
			fprintf(stderr, "%s %s ('%s' vs '%s')", i ? "," : "", c->fp_diffs[i].key,
				c->fp_diffs[i].old_value, c->fp_diffs[i].new_value);
		fputc('\n', stderr);
	}
	if (c->metric_note[0])
		tb_print_error("note: %s", c->metric_note);
	if (!quiet) {
		struct tb_report rep = {.cmp = c, .color = color};
		char err[256];
		tb_writer_compare_table.write(stdout, &rep, err, sizeof(err));
	}
	if (!c->nmeasured)
		return tb_usage_error("nothing to compare: %s measured no case that %s has "
				      "(%zu matched but not measured, %zu only in old, %zu only in new)",
				      c->new_label, c->old_label, c->nrows, c->nonly_old, c->nonly_new);
	if (c->nonly_old) {
		char list[512] = "";
		for (size_t i = 0; i < c->nonly_old && i < 5; i++) {
			char sz[48];
			const struct tb_case_key *k = &c->only_old[i];
			if (k->rows > 1)
				snprintf(sz, sizeof(sz), "%llux%llu", (unsigned long long)k->rows,
					 (unsigned long long)k->cols);
			else
				snprintf(sz, sizeof(sz), "%llu", (unsigned long long)k->n);
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s/%s/%s/%s/threads=%u",
				 i ? ", " : "", k->family, k->variant, k->mode, sz, k->threads);
		}
		tb_print_error("%s: %zu case%s of %s missing from %s: %s%s", g->fail_on_missing ? "error" : "warning",
			       c->nonly_old, c->nonly_old == 1 ? "" : "s", c->old_label, c->new_label,
			       list, c->nonly_old > 5 ? ", ..." : "");
	}
	if ((g->fail_on_slower && c->nslower) || (g->fail_on_missing && c->nonly_old))
		return TB_EXIT_FAIL;
	return TB_EXIT_OK;
}

int tb_gate_baseline(const struct tb_resultset *base, const struct tb_resultset *rs,
		     const char *name, const struct tb_gate_opts *g, bool quiet,
		     struct tb_report *rep, struct tb_comparison *cmp)
{
	char err[512];
	if (tb_compare(base, rs, &g->cmp, cmp, err, sizeof(err))) {
		tb_print_error("%s", err);
		return TB_EXIT_USAGE;
	}
	snprintf(cmp->old_label, sizeof(cmp->old_label), "baseline %.200s", name);
	snprintf(cmp->new_label, sizeof(cmp->new_label), "this run%s%.127s", rs->name[0] ? " " : "",
		 rs->name);
	rep->cmp = cmp;
	if (!quiet)
		putchar('\n');
	return tb_gate_report(cmp, g, quiet, rep->color);
}

int tb_gate_load(const char *arg, const struct tb_gate_opts *g, const struct tb_read_opts *ro,
		 struct tb_resultset *rs, char *err, size_t len)
{
	struct stat st;
	size_t n = strlen(arg);
	if (stat(arg, &st) == 0 || strchr(arg, '@')) /* baseline names have no '@' */
		return tb_results_load_opts(arg, ro, rs, NULL, 0, err, len);
	if (strchr(arg, '/') || (n > 4 && !strcmp(arg + n - 4, ".csv")) ||
	    (n > 5 && !strcmp(arg + n - 5, ".json")))
		return tb_err(err, len, "cannot read '%s': no such file or directory", arg);
	return tb_baseline_load(tb_baseline_dir(g->baseline_dir), arg, rs, err, len) ? -1 : 0;
}
