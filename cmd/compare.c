/*
 * compare.c - `tbench compare OLD NEW`: compare two saved result sets
 * (baseline names, result directories or summary CSV files), print the
 * table, optionally write Markdown and CSV, exit 1 on a slower case.
 */
#include "cmds.h"
#include "gate.h"
#include "run_outputs.h"

#include "../reports/baseline.h"
#include "../reports/foreign.h"
#include "../reports/load.h"
#include "../reports/outfile.h"
#include "../reports/writer.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char tb_usage_compare[] =
	"usage: tbench compare [options] OLD NEW\n"
	"\n"
	"Compare two result sets.  OLD and NEW are each a path (a directory with\n"
	"summary.csv [samples.csv fingerprint.csv], or a summary CSV file whose raw\n"
	"samples are found beside it) or, when no such path exists, the name of a\n"
	"saved baseline.  Cases match on (family, variant, mode, n, threads).\n"
	"Other harnesses' results are read too, told apart by content: Google\n"
	"Benchmark JSON (--benchmark_out), hyperfine --export-json, criterion.rs\n"
	"directories (target/criterion or below: every benchmark's new/; DIR@NAME:\n"
	"its NAME/, e.g. base).  'tbench compare DIR' with one criterion directory\n"
	"compares base/ with new/ there.  Their cases are keyed by the tool's names.\n"
	"A case is slower/faster when the Mann-Whitney test on the raw samples is\n"
	"significant AND its change reaches beyond the noise threshold (the ratio's\n"
	"bootstrap CI; a side pooled from several runs with --save-baseline NAME\n"
	"--append is resampled run by run, so run-to-run spread widens the CI).\n"
	"\n"
	"options:\n"
	TB_GATE_USAGE
	TB_GATE_METRIC_USAGE
	"      --gbench-time T       Google Benchmark: real (default) or cpu time\n"
	"      --markdown FILE       the comparison as Markdown (CI job summary)\n"
	"      --csv FILE            the comparison as CSV, one row per case\n"
	"  -q, --quiet               no table (warnings and exit status only)\n"
	"\n"
	"Exit status: 0 no slower case, 1 a slower case (unless --fail-on none),\n"
	"2 bad usage or input (missing, malformed or truncated result set).\n";

enum { OPT_MARKDOWN = 1000, OPT_CSV, OPT_GBENCH_TIME };

/* a path when one exists, else a baseline name; 0, or 2 (exit status) */
static int load_side(const char *arg, const struct tb_gate_opts *g,
		     const struct tb_read_opts *ro, struct tb_resultset *rs)
{
	char err[1024];
	return tb_gate_load(arg, g, ro, rs, err, sizeof(err)) ? tb_usage_error("%s", err) : 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"quiet", no_argument, NULL, 'q'},
		{"markdown", required_argument, NULL, OPT_MARKDOWN},
		{"csv", required_argument, NULL, OPT_CSV},
		{"gbench-time", required_argument, NULL, OPT_GBENCH_TIME},
		TB_GATE_LONG_OPTIONS,
		TB_GATE_METRIC_OPTION,
		{0},
	};
	struct tb_gate_opts g;
	tb_gate_defaults(&g);
	struct tb_read_opts ro = {0};
	const char *md_path = NULL, *csv_path = NULL;
	bool quiet = false;
	char err[512];
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hq", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(tb_usage_compare, stdout);
			return TB_EXIT_OK;
		} else if (c == 'q') {
			quiet = true;
		} else if (c == OPT_MARKDOWN) {
			md_path = optarg;
		} else if (c == OPT_CSV) {
			csv_path = optarg;
		} else if (c == OPT_GBENCH_TIME) {
			if (tb_read_opts_gbench_time(&ro, optarg, err, sizeof(err)))
				return tb_usage_error("%s", err);
		} else if (c >= TB_OPT_SIGNIFICANCE && c < TB_OPT_GATE_END) {
			if (tb_gate_parse(c, optarg, &g, err, sizeof(err)))
				return tb_usage_error("%s", err);
		} else {
			return tb_getopt_error("compare", argc, argv, c);
		}
	}
	/* one criterion directory: its base/ against its new/, as criterion does */
	char pair[2][4096];
	const char *sides[2] = {argv[optind], argc - optind > 1 ? argv[optind + 1] : NULL};
	if (argc - optind == 1 && tb_foreign_criterion_pair(argv[optind]) &&
	    snprintf(pair[0], sizeof(pair[0]), "%s@base", argv[optind]) < (int)sizeof(pair[0]) &&
	    snprintf(pair[1], sizeof(pair[1]), "%s@new", argv[optind]) < (int)sizeof(pair[1])) {
		sides[0] = pair[0];
		sides[1] = pair[1];
	} else if (argc - optind != 2) {
		return tb_usage_error("compare needs OLD and NEW, got %d argument%s (see 'tbench compare --help')",
				      argc - optind, argc - optind == 1 ? "" : "s");
	}
	struct out outs[] = {{md_path, &tb_writer_compare_markdown, {0}},
			     {csv_path, &tb_writer_compare_csv, {0}}};
	const size_t nouts = sizeof(outs) / sizeof(outs[0]);
	if (tb_outs_open(outs, nouts))
		return TB_EXIT_USAGE;
	struct tb_resultset old = {0}, new = {0};
	struct tb_comparison cmp = {0};
	int rc = load_side(sides[0], &g, &ro, &old);
	if (!rc)
		rc = load_side(sides[1], &g, &ro, &new);
	if (!rc && tb_compare(&old, &new, &g.cmp, &cmp, err, sizeof(err)))
		rc = tb_usage_error("%s", err);
	if (!rc) {
		snprintf(cmp.old_label, sizeof(cmp.old_label), "%.250s", sides[0]);
		snprintf(cmp.new_label, sizeof(cmp.new_label), "%.250s", sides[1]);
		const char *nc = getenv("NO_COLOR");
		rc = tb_gate_report(&cmp, &g, quiet, isatty(STDOUT_FILENO) && !(nc && *nc));
		struct tb_report rep = {.cmp = &cmp};
		int wrc = tb_outs_write(outs, nouts, &rep);
		if (wrc && rc == TB_EXIT_OK)
			rc = wrc;
	}
	tb_outs_abort(outs, nouts);
	tb_comparison_free(&cmp);
	tb_resultset_free(&old);
	tb_resultset_free(&new);
	return rc;
}
