/*
 * compare.c - `tbench compare OLD NEW`: compare two saved result sets
 * (baseline names, result directories or summary CSV files), print the
 * table, optionally write Markdown and CSV, exit 1 on a slower case.
 */
#include "cmds.h"
#include "gate.h"
#include "run_outputs.h"

#include "../reports/baseline.h"
#include "../reports/outfile.h"
#include "../reports/writer.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char tb_usage_compare[] =
	"usage: tbench compare [options] OLD NEW\n"
	"\n"
	"Compare two result sets.  OLD and NEW are each a path (a directory with\n"
	"summary.csv [samples.csv fingerprint.csv], or a summary CSV file whose raw\n"
	"samples are found beside it) or, when no such path exists, the name of a\n"
	"saved baseline.  Cases match on (family, variant, mode, n, threads).\n"
	"A case is slower/faster when the Mann-Whitney test on the raw samples is\n"
	"significant AND its change reaches beyond the noise threshold (the ratio's\n"
	"bootstrap CI; a side pooled from several runs with --save-baseline NAME\n"
	"--append is resampled run by run, so run-to-run spread widens the CI).\n"
	"\n"
	"options:\n"
	TB_GATE_USAGE
	TB_GATE_METRIC_USAGE
	"      --markdown FILE       the comparison as Markdown (CI job summary)\n"
	"      --csv FILE            the comparison as CSV, one row per case\n"
	"  -q, --quiet               no table (warnings and exit status only)\n"
	"\n"
	"Exit status: 0 no slower case, 1 a slower case (unless --fail-on none),\n"
	"2 bad usage or input (missing, malformed or truncated result set).\n";

enum { OPT_MARKDOWN = 1000, OPT_CSV };

/* a path when one exists, else a baseline name; 0, or 2 (exit status) */
static int load_side(const char *arg, const struct tb_gate_opts *g, struct tb_resultset *rs)
{
	char err[1024];
	struct stat st;
	int rc;
	if (stat(arg, &st) == 0) {
		rc = tb_results_load_path(arg, rs, err, sizeof(err));
	} else if (strchr(arg, '/') || (strlen(arg) > 4 && !strcmp(arg + strlen(arg) - 4, ".csv"))) {
		return tb_usage_error("cannot read '%s': no such file or directory", arg);
	} else {
		rc = tb_baseline_load(tb_baseline_dir(g->baseline_dir), arg, rs, err, sizeof(err));
	}
	return rc ? tb_usage_error("%s", err) : 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"quiet", no_argument, NULL, 'q'},
		{"markdown", required_argument, NULL, OPT_MARKDOWN},
		{"csv", required_argument, NULL, OPT_CSV},
		TB_GATE_LONG_OPTIONS,
		TB_GATE_METRIC_OPTION,
		{0},
	};
	struct tb_gate_opts g;
	tb_gate_defaults(&g);
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
		} else if (c >= TB_OPT_SIGNIFICANCE && c < TB_OPT_GATE_END) {
			if (tb_gate_parse(c, optarg, &g, err, sizeof(err)))
				return tb_usage_error("%s", err);
		} else {
			return tb_getopt_error("compare", argc, argv, c);
		}
	}
	if (argc - optind != 2)
		return tb_usage_error("compare needs OLD and NEW, got %d argument%s (see 'tbench compare --help')",
				      argc - optind, argc - optind == 1 ? "" : "s");
	struct out outs[] = {{md_path, &tb_writer_compare_markdown, {0}},
			     {csv_path, &tb_writer_compare_csv, {0}}};
	const size_t nouts = sizeof(outs) / sizeof(outs[0]);
	if (tb_outs_open(outs, nouts))
		return TB_EXIT_USAGE;
	struct tb_resultset old = {0}, new = {0};
	struct tb_comparison cmp = {0};
	int rc = load_side(argv[optind], &g, &old);
	if (!rc)
		rc = load_side(argv[optind + 1], &g, &new);
	if (!rc && tb_compare(&old, &new, &g.cmp, &cmp, err, sizeof(err)))
		rc = tb_usage_error("%s", err);
	if (!rc) {
		snprintf(cmp.old_label, sizeof(cmp.old_label), "%s", argv[optind]);
		snprintf(cmp.new_label, sizeof(cmp.new_label), "%s", argv[optind + 1]);
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
