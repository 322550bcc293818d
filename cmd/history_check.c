/*
 * history_check.c - `tbench history check` (change points per recorded
 * series; exit 1 when a series' newest change is a slowdown beyond the
 * threshold: a CI gate over the history, not a pair) and `tbench history
 * report --html` (the same judgement drawn as trend charts).
 */
#include "cmds.h"
#include "gate.h"
#include "history.h"
#include "parse.h"

#include "../reports/history_html.h"
#include "../reports/outfile.h"
#include "../reports/writer.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TB_CHECK_LAST 200 /* check looks at the newest 200 runs of a series by default */

static const char tb_usage_history_check[] =
	"usage: tbench history check [--filter PATTERN] [--machine ID] [--branch B] [--last N]\n"
	"                            [--threshold [F[/V]=]P] [--significance A]\n"
	"                            [--permutations N] [--min-size N] [--seed N] [--verbose]\n"
	"       tbench history report --html FILE [the same options] [--name TITLE]\n"
	"\n"
	"Change points in each recorded series (one median per run, oldest first):\n"
	"E-Divisive means; a change is kept when its permutation p-value is below\n"
	"--significance (default 0.01; --permutations, default 999; --seed, default\n"
	"1).  Each is reported with the run and commit where it starts, its size and\n"
	"direction (medians of the segments either side) and its confidence (1 - p).\n"
	"A segment has at least --min-size runs (default 3), so a change shows once\n"
	"that many runs follow it.  --last N: the newest N runs of each series\n"
	"(default 200, at most 1000).  --threshold: the noise threshold in percent\n"
	"(default 5), per family or variant with F[/V]=P as in 'tbench compare'.\n"
	"\n"
	"Exit status: 0 no series ends in a slowdown beyond its threshold; 1 at least\n"
	"one does (its newest change point is slower by more than the threshold);\n"
	"2 usage error or a history that cannot be read.\n";

enum { OPT_PERMS = 3100, OPT_MINSIZE, OPT_SEED, OPT_VERBOSE, OPT_HTML, OPT_NAME };

struct check_opts {
	struct tb_history_select sel;
	struct tb_gate_opts gate; /* threshold (and rules), significance */
	struct tb_cp_opts cp;
	bool verbose;
	const char *html, *name;
};

static int parse(int argc, char **argv, const char *cmd, bool report, struct check_opts *o)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"threshold", required_argument, NULL, TB_OPT_THRESHOLD},
		{"significance", required_argument, NULL, TB_OPT_SIGNIFICANCE},
		{"permutations", required_argument, NULL, OPT_PERMS},
		{"min-size", required_argument, NULL, OPT_MINSIZE},
		{"seed", required_argument, NULL, OPT_SEED},
		{"verbose", no_argument, NULL, OPT_VERBOSE},
		{"html", required_argument, NULL, OPT_HTML},
		{"name", required_argument, NULL, OPT_NAME},
		TB_HISTORY_SELECT_OPTIONS,
		{0},
	};
	memset(o, 0, sizeof(*o));
	tb_gate_defaults(&o->gate);
	tb_cp_defaults(&o->cp);
	o->sel.f.last = TB_CHECK_LAST;
	char err[512];
	uint64_t u;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(tb_usage_history_check, stdout);
			return -1;
		}
		int bad = 0;
		switch (c) {
		case TB_OPT_THRESHOLD:
		case TB_OPT_SIGNIFICANCE: bad = tb_gate_parse(c, optarg, &o->gate, err, sizeof(err)); break;
		case OPT_PERMS:
			bad = tb_parse_u64("--permutations", optarg, 19, 1000000, &u, err, sizeof(err));
			o->cp.permutations = (size_t)u;
			break;
		case OPT_MINSIZE:
			bad = tb_parse_u64("--min-size", optarg, 2, 100, &u, err, sizeof(err));
			o->cp.min_size = (size_t)u;
			break;
		case OPT_SEED:
			bad = tb_parse_u64("--seed", optarg, 0, UINT32_MAX, &u, err, sizeof(err));
			o->cp.seed = u;
			break;
		case OPT_VERBOSE: o->verbose = true; break;
		case OPT_HTML:
		case OPT_NAME:
			if (!report)
				return tb_getopt_error(cmd, argc, argv, '?');
			*(c == OPT_HTML ? &o->html : &o->name) = optarg;
			break;
		default:
			if (c >= TB_HOPT_FILTER && c < TB_HOPT_END) {
				bad = tb_history_parse_select(c, optarg, &o->sel, err, sizeof(err));
				break;
			}
			return tb_getopt_error(cmd, argc, argv, c);
		}
		if (bad)
			return tb_usage_error("%s", err);
	}
	if (optind < argc)
		return tb_usage_error("%s: unexpected argument '%s'", cmd, argv[optind]);
	if (o->sel.f.last > TB_CP_MAX_N)
		return tb_usage_error("invalid --last '%zu': check and report judge at most %d runs "
				      "of a series", o->sel.f.last, TB_CP_MAX_N);
	if (report && !o->html)
		return tb_usage_error("history report: no output given (--html FILE)");
	o->cp.alpha = o->gate.cmp.significance;
	return 0;
}

/* every series judged; j is malloc'd */
static int judge_all(const struct check_opts *o, const struct tb_history_series *s, size_t n,
		     struct tb_history_judgement **j)
{
	*j = calloc(n ? n : 1, sizeof(**j));
	if (!*j)
		return tb_usage_error("out of memory");
	for (size_t i = 0; i < n; i++) {
		double th = tb_compare_threshold(&o->gate.cmp, s[i].like.family, s[i].like.variant);
		if (tb_history_judge(&s[i], &o->cp, th, &(*j)[i]))
			return tb_usage_error("out of memory judging %s", s[i].key);
	}
	return 0;
}

static void print_change(const struct tb_history_series *s, const struct tb_history_change *c,
			 bool newest, double th)
{
	const struct tb_history_point *p = &s->p[c->at];
	bool insns = !strcmp(s->metric, TB_METRIC_INSNS);
	char b[32], a[32];
	tb_fmt_per_call(&s->like, c->before, b, sizeof(b));
	tb_fmt_per_call(&s->like, c->after, a, sizeof(a));
	printf("  from #%zu (run %lld, commit %.12s, %s, %s): %s %+.1f%%, %s -> %s, confidence "
	       "%.1f%%", c->at + 1, p->run, p->commit, p->branch, p->time,
	       insns ? (c->slower ? "more instructions" : "fewer instructions")
		     : (c->slower ? "slower" : "faster"),
	       100 * (c->ratio - 1), b, a, 100 * (1 - c->p));
	if (newest && c->slower && c->beyond)
		printf("  <- newest change, beyond the %.3g%% threshold", 100 * th);
	else if (!c->beyond)
		printf(" (within the %.3g%% threshold)", 100 * th);
	putchar('\n');
}

int tb_history_check(int argc, char **argv)
{
	struct check_opts o;
	int rc = parse(argc, argv, "history check", false, &o);
	if (rc)
		return rc < 0 ? TB_EXIT_OK : rc;
	struct tb_history_series *s;
	size_t n;
	const char *where;
	if ((rc = tb_history_load(&o.sel, &s, &n, &where)))
		return rc;
	struct tb_history_judgement *j;
	if ((rc = judge_all(&o, s, n, &j)))
		goto out;
	printf("history check of %s: %zu series (newest %zu runs of each); change points by "
	       "E-Divisive means, permutation test at %.3g (%zu permutations), threshold %.3g%%\n",
	       where, n, o.sel.f.last, o.cp.alpha, o.cp.permutations, 100 * o.gate.cmp.threshold);
	size_t changed = 0, failed = 0, shortn = 0;
	for (size_t i = 0; i < n; i++) {
		double th = tb_compare_threshold(&o.gate.cmp, s[i].like.family, s[i].like.variant);
		const struct tb_trend *t = &j[i].trend;
		bool trend = j[i].drift && fabs(t->total) > th;
		shortn += s[i].n < 2 * o.cp.min_size;
		changed += j[i].n > 0;
		failed += j[i].fail;
		if (!j[i].n && !trend && !o.verbose)
			continue;
		putchar('\n');
		tb_history_series_title(stdout, &s[i]);
		printf(", machine %s\n", s[i].machine);
		if (!j[i].n)
			printf("  no change point%s\n", s[i].n < 2 * o.cp.min_size
								? " (too few runs to judge)" : "");
		for (size_t k = 0; k < j[i].n; k++)
			print_change(&s[i], &j[i].c[k], k + 1 == j[i].n, th);
		if (trend)
			printf("  drift: %+.2f%% per run, %+.1f%% over these %zu runs (p %.2g; a line fits "
			       "better than steps)\n",
			       100 * t->per_point, 100 * t->total, s[i].n, t->p);
	}
	printf("\n%zu series: %zu without a change point (%zu of them too short to judge), %zu "
	       "with; %zu end%s in a slowdown beyond the threshold\n", n, n - changed, shortn,
	       changed, failed, failed == 1 ? "s" : "");
	for (size_t i = 0; i < n; i++)
		if (j[i].fail) {
			const struct tb_history_change *c = &j[i].c[j[i].n - 1];
			printf("  SLOWER %s on %s: %+.1f%% from #%zu (commit %.12s)\n", s[i].key,
			       s[i].machine, 100 * (c->ratio - 1), c->at + 1, s[i].p[c->at].commit);
		}
	rc = failed ? TB_EXIT_FAIL : TB_EXIT_OK;
out:
	for (size_t i = 0; j && i < n; i++)
		tb_history_judgement_free(&j[i]);
	free(j);
	tb_history_series_free(s, n);
	return rc;
}

int tb_history_report(int argc, char **argv)
{
	struct check_opts o;
	int rc = parse(argc, argv, "history report", true, &o);
	if (rc)
		return rc < 0 ? TB_EXIT_OK : rc;
	char err[1024];
	struct tb_outfile out = {0};
	if (tb_outfile_open(&out, o.html, err, sizeof(err)))
		return tb_usage_error("%s", err);
	struct tb_history_series *s = NULL;
	struct tb_history_judgement *j = NULL;
	size_t n = 0;
	const char *where;
	if ((rc = tb_history_load(&o.sel, &s, &n, &where)) || (rc = judge_all(&o, s, n, &j)))
		goto out;
	struct tb_history_html hh = {.s = s, .j = j, .n = n, .where = where, .title = o.name,
				     .cp = &o.cp, .cmp = &o.gate.cmp};
	if (tb_history_html_write(out.f, &hh, err, sizeof(err)) ||
	    tb_outfile_commit(&out, err, sizeof(err))) {
		tb_print_error("%s", err);
		rc = TB_EXIT_FAIL;
	}
out:
	tb_outfile_abort(&out);
	for (size_t i = 0; j && i < n; i++)
		tb_history_judgement_free(&j[i]);
	free(j);
	tb_history_series_free(s, n);
	return rc;
}
