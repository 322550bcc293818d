/*
 * history.c - `tbench history`: record result sets with their commit,
 * branch, time and machine (add), print the recorded series (show); check
 * and report live in history_check.c.  The store itself is
 * reports/history*.c; this file parses and prints.
 */
#define _GNU_SOURCE
#include "cmds.h"
#include "history.h"
#include "parse.h"

#include "../reports/baseline.h"
#include "../reports/writer.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char tb_usage_history[] =
	"usage: tbench history add RESULTS [--commit SHA] [--branch B] [--time T]\n"
	"       tbench history show [--filter PATTERN] [--machine ID] [--branch B] [--last N]\n"
	"       tbench history check [selection] [--threshold P] [--significance A] ...\n"
	"       tbench history report --html FILE [selection]\n"
	"\n"
	"A history of result sets across commits, with change-point detection.\n"
	"\n"
	"  add RESULTS       record a result set (tbench run --json/--csv output, or a\n"
	"                    baseline directory) as one run\n"
	"      --commit SHA  default: git rev-parse HEAD here, else the results' tbench.git\n"
	"      --branch B    default: git's branch here (CI variables on a detached HEAD)\n"
	"      --time T      ISO 8601 (2024-05-01T12:00:00Z or with an offset), YYYY-MM-DD or\n"
	"                    @UNIX-SECONDS; default: the results' run.timestamp, else now\n"
	"  show              each case's series: median and CI per run, oldest first, with\n"
	"                    a sparkline on a terminal\n"
	"      --sparkline / --no-sparkline   force it on or off (default: a terminal and\n"
	"                    NO_COLOR unset)\n"
	"  check             change points per series (E-Divisive means, permutation test):\n"
	"                    where each starts (run, commit), size, direction, confidence;\n"
	"                    exit 1 when a series' newest change is a slowdown beyond the\n"
	"                    threshold (see 'tbench history check --help')\n"
	"  report --html FILE  trend charts per case: CI bands, change points marked\n"
	"\n"
	"selection (show, check, report):\n"
	"      --filter PATTERN  cases whose key family/variant/mode/size/threads matches\n"
	"                    the glob, or starts with PATTERN/ (e.g. scale, scale/avx2)\n"
	"      --machine ID  one machine (its id, or the first digits of it)\n"
	"      --branch B    runs of that branch only\n"
	"      --last N      the newest N runs of each series (check: default 200)\n"
	"\n"
	"      --history-db WHERE  a file (SQLite) or a postgresql://... URL; default\n"
	"                    $TBENCH_HISTORY_DB, else ./.tbench/history.db\n"
	"  -q, --quiet       add: no confirmation line\n"
	"\n"
	"Exit status: 0 ok, 1 check found a slowdown, 2 usage error, unreadable results,\n"
	"or a history that cannot be used (damaged, foreign or newer: refused).\n";

int tb_history_fail(int rc, bool writing, const char *err)
{
	if (writing && rc == TB_HISTORY_ERROR) {
		tb_print_error("%s", err);
		return TB_EXIT_WRITE;
	}
	return tb_usage_error("%s", err);
}

static int cmd_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"commit", required_argument, NULL, 'c'},
		{"branch", required_argument, NULL, 'b'},
		{"time", required_argument, NULL, 't'},
		{"history-db", required_argument, NULL, 'D'},
		{"quiet", no_argument, NULL, 'q'},
		{0},
	};
	const char *commit = NULL, *branch = NULL, *when = NULL, *db = NULL;
	bool quiet = false;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hq", opts, NULL)) != -1) {
		switch (c) {
		case 'h': fputs(tb_usage_history, stdout); return TB_EXIT_OK;
		case 'c': commit = optarg; break;
		case 'b': branch = optarg; break;
		case 't': when = optarg; break;
		case 'D': db = optarg; break;
		case 'q': quiet = true; break;
		default: return tb_getopt_error("history add", argc, argv, c);
		}
	}
	if (optind >= argc)
		return tb_usage_error("history add: no results file given (see 'tbench history --help')");
	if (optind + 1 < argc)
		return tb_usage_error("history add: one results file per run, got %d ('%s', '%s', ...)",
				      argc - optind, argv[optind], argv[optind + 1]);
	char err[1024];
	struct tb_resultset rs = {0};
	if (tb_results_load_path(argv[optind], &rs, err, sizeof(err))) {
		tb_resultset_free(&rs);
		return tb_usage_error("%s", err);
	}
	struct tb_history_meta m;
	if (tb_history_meta_fill(&m, &rs, commit, branch, when, err, sizeof(err))) {
		tb_resultset_free(&rs);
		return tb_usage_error("%s", err);
	}
	const char *where = tb_history_where(db);
	struct tb_history *h;
	int rc = tb_history_open(&h, where, true, err, sizeof(err));
	long long id = -1;
	size_t n = 0;
	if (!rc)
		rc = tb_history_add(h, &rs, &m, &id, &n, err, sizeof(err));
	if (!rc && !quiet) {
		char mid[17];
		tb_history_machine_id(&rs.fingerprint, mid);
		printf("recorded run %lld: %zu case%s at commit %.12s (%s, %s) on machine %s in %s\n",
		       id, n, n == 1 ? "" : "s", m.commit, m.branch, m.time, mid, where);
	}
	tb_history_close(h);
	tb_resultset_free(&rs);
	return rc ? tb_history_fail(rc, true, err) : TB_EXIT_OK;
}

/* ---- show ---- */

int tb_history_parse_select(int c, const char *arg, struct tb_history_select *s, char *err,
			    size_t len)
{
	uint64_t u;
	switch (c) {
	case TB_HOPT_FILTER: s->f.pattern = arg; return 0;
	case TB_HOPT_MACHINE:
		if (!*arg || strspn(arg, "0123456789abcdef") != strlen(arg) || strlen(arg) > 16)
			return snprintf(err, len, "invalid --machine '%s': expected a machine id (up to "
					"16 hex digits, as 'tbench history show' prints it)", arg), -1;
		s->f.machine = arg;
		return 0;
	case TB_HOPT_BRANCH: s->f.branch = arg; return 0;
	case TB_HOPT_LAST:
		if (tb_parse_u64("--last", arg, 1, 1000000, &u, err, len))
			return -1;
		s->f.last = (size_t)u;
		return 0;
	case TB_HOPT_DB: s->db = arg; return 0;
	}
	return snprintf(err, len, "internal: unknown selection option %d", c), -1;
}

int tb_history_load(const struct tb_history_select *s, struct tb_history_series **out,
		    size_t *n, const char **where)
{
	char err[1024];
	*where = tb_history_where(s->db);
	struct tb_history *h;
	int rc = tb_history_open(&h, *where, false, err, sizeof(err));
	if (!rc)
		rc = tb_history_series(h, &s->f, out, n, err, sizeof(err));
	tb_history_close(h);
	if (rc)
		return tb_history_fail(rc, false, err);
	if (!*n) {
		tb_history_series_free(*out, 0);
		*out = NULL;
		return tb_usage_error("no recorded series in '%s' match the selection", *where);
	}
	return 0;
}

static void sparkline(FILE *f, const struct tb_history_series *s)
{
	static const char *const bars[8] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
					    "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
					    "\xe2\x96\x87", "\xe2\x96\x88"};
	double lo = s->p[0].median, hi = lo;
	for (size_t i = 1; i < s->n; i++) {
		lo = s->p[i].median < lo ? s->p[i].median : lo;
		hi = s->p[i].median > hi ? s->p[i].median : hi;
	}
	fputs("  ", f);
	for (size_t i = 0; i < s->n; i++) {
		int k = hi > lo ? (int)((s->p[i].median - lo) / (hi - lo) * 7.999) : 3;
		fputs(bars[k < 0 ? 0 : k > 7 ? 7 : k], f);
	}
}

void tb_history_series_title(FILE *f, const struct tb_history_series *s)
{
	fprintf(f, "%s  %s per call, %zu run%s", s->key,
		strcmp(s->metric, TB_METRIC_INSNS) ? "time" : "instructions", s->n,
		s->n == 1 ? "" : "s");
}

static int cmd_show(int argc, char **argv)
{
	enum { SPARK_ON = 3000, SPARK_OFF };
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"sparkline", no_argument, NULL, SPARK_ON},
		{"no-sparkline", no_argument, NULL, SPARK_OFF},
		TB_HISTORY_SELECT_OPTIONS,
		{0},
	};
	struct tb_history_select sel = {0};
	const char *nc = getenv("NO_COLOR");
	bool spark = isatty(STDOUT_FILENO) && !(nc && *nc);
	char err[512];
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(tb_usage_history, stdout);
			return TB_EXIT_OK;
		} else if (c == SPARK_ON || c == SPARK_OFF) {
			spark = c == SPARK_ON;
		} else if (c >= TB_HOPT_FILTER && c < TB_HOPT_END) {
			if (tb_history_parse_select(c, optarg, &sel, err, sizeof(err)))
				return tb_usage_error("%s", err);
		} else {
			return tb_getopt_error("history show", argc, argv, c);
		}
	}
	if (optind < argc)
		return tb_usage_error("history show: unexpected argument '%s'", argv[optind]);
	struct tb_history_series *s;
	size_t n;
	const char *where;
	int rc = tb_history_load(&sel, &s, &n, &where);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (!i || strcmp(s[i].machine, s[i - 1].machine))
			printf("%smachine %s: %s\n", i ? "\n" : "", s[i].machine, s[i].machine_desc);
		putchar('\n');
		tb_history_series_title(stdout, &s[i]);
		if (spark)
			sparkline(stdout, &s[i]);
		printf("\n  %4s %6s  %-12s %-16s %-20s %12s  %s\n", "#", "run", "commit", "branch",
		       "time", "median", "CI of the median");
		for (size_t k = 0; k < s[i].n; k++) {
			const struct tb_history_point *p = &s[i].p[k];
			char med[32], lo[32], hi[32], ci[80] = "-";
			tb_fmt_per_call(&s[i].like, p->median, med, sizeof(med));
			if (p->ci_low > 0 && p->ci_high > 0) {
				tb_fmt_per_call(&s[i].like, p->ci_low, lo, sizeof(lo));
				tb_fmt_per_call(&s[i].like, p->ci_high, hi, sizeof(hi));
				snprintf(ci, sizeof(ci), "%s \xe2\x80\x93 %s", lo, hi);
			}
			printf("  %4zu %6lld  %-12.12s %-16.16s %-20s %12s  %s\n", k + 1, p->run,
			       p->commit, p->branch, p->time, med, ci);
		}
	}
	tb_history_series_free(s, n);
	return TB_EXIT_OK;
}

int cmd_history(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} sub[] = {{"add", cmd_add}, {"show", cmd_show}, {"check", tb_history_check},
		   {"report", tb_history_report}};
	if (argc < 2)
		return tb_usage_error("history: no command given (expected add, show, check or report; "
				      "see 'tbench history --help')");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(tb_usage_history, stdout);
		return TB_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++)
		if (!strcmp(argv[1], sub[i].name))
			return sub[i].fn(argc - 1, argv + 1);
	return tb_usage_error("unknown history command '%s' (expected add, show, check or report)",
			      argv[1]);
}
