/*
 * report.c - `tbench report`: re-render saved results (a tbench JSON
 * document, or a summary CSV with its samples / fingerprint / options CSVs
 * beside it) as HTML, Markdown, JSON or CSV, and merge several result files
 * (for example a tbench run and NumPy's figures from scripts/compare_numpy.py)
 * into one report.  Output files are opened before anything is read.
 */
#include "cmds.h"
#include "run_outputs.h"

#include "../reports/compare.h"
#include "../reports/load.h"
#include "../reports/outfile.h"
#include "../reports/writer.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char tb_usage_report[] =
	"usage: tbench report RESULTS... [options]\n"
	"\n"
	"Re-render saved results, merging several files into one report.  RESULTS\n"
	"is a JSON document (tbench run --json) or a summary CSV (tbench run --csv,\n"
	"or a peer's figures in the same columns); beside a summary CSV these are\n"
	"read when present: <stem>.samples.csv (samples.csv beside summary.csv),\n"
	"<stem>.fingerprint.csv or fingerprint.csv, <stem>.options.csv or options.csv.\n"
	"Other harnesses' results are read too (by content): Google Benchmark JSON,\n"
	"hyperfine --export-json, criterion.rs directories (see 'tbench compare').\n"
	"A case found in two files keeps both: the later one's variant becomes\n"
	"VARIANT@LABEL (LABEL: that file's run name, else its file name).\n"
	"\n"
#define TB_OUTPUT(id, w, opt, help) help
#include "../reports/outputs.def"
#undef TB_OUTPUT
	"  -o FILE                   the same as --html FILE\n"
	"      --json-samples        include raw samples in the JSON document\n"
	"      --name LABEL          label of the report (default: the runs' names)\n"
	"      --gbench-time T       Google Benchmark: real (default) or cpu time\n"
	"      --baseline FILE       compare with these saved results (default test and\n"
	"                            threshold) and show the ratios; the exit status\n"
	"                            stays 0 (the CI gate is 'tbench compare')\n"
	"  -q, --quiet               no table on standard output\n"
	"\n"
	"With no output option, the terminal table is printed.  Exit status: 0 ok,\n"
	"2 usage error or a results file that cannot be read.\n";

enum { R_OUTPUT = 1200 }; /* R_OUTPUT + i: --OPTION FILE of tb_outputs[i] */

/* the label a file's cases carry when they clash: its run name, else its stem */
static void file_label(const char *path, const char *name, char *out, size_t len)
{
	if (name && *name) {
		snprintf(out, len, "%s", name);
		return;
	}
	const char *b = strrchr(path, '/');
	b = b ? b + 1 : path;
	const char *dot = strrchr(b, '.');
	snprintf(out, len, "%.*s", dot && dot > b ? (int)(dot - b) : (int)strlen(b), b);
}

static int load_all(int nin, char **in, const struct tb_read_opts *ro, struct tb_resultset *rs,
		    const char *name)
{
	char err[1024], comp[1024];
	char names[1024] = "";
	for (int i = 0; i < nin; i++) {
		struct tb_resultset one = {0};
		if (tb_results_load_opts(in[i], ro, &one, comp, sizeof(comp), err, sizeof(err))) {
			tb_resultset_free(&one);
			return tb_usage_error("%s", err);
		}
		char label[160];
		file_label(in[i], one.name, label, sizeof(label));
		if (one.name[0] && !strstr(names, one.name))
			snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
				 names[0] ? " + " : "", one.name);
		int rc = tb_resultset_merge(rs, &one, label, err, sizeof(err));
		tb_resultset_free(&one);
		if (rc)
			return tb_usage_error("%s", err);
	}
	snprintf(rs->name, sizeof(rs->name), "%.127s", name ? name : names);
	return 0;
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
#define TB_OUTPUT(id, w, opt, help) {opt, required_argument, NULL, R_OUTPUT + TB_OUT_##id},
#include "../reports/outputs.def"
#undef TB_OUTPUT
		{"json-samples", no_argument, NULL, 'S'},
		{"name", required_argument, NULL, 'n'},
		{"baseline", required_argument, NULL, 'B'},
		{"quiet", no_argument, NULL, 'q'},
		{"gbench-time", required_argument, NULL, 'G'},
		{0},
	};
	const char *path[TB_OUT_COUNT] = {0};
	struct tb_read_opts ro = {0};
	char gerr[256];
	const char *name = NULL, *baseline = NULL;
	bool quiet = false, samples = false;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:q", opts, NULL)) != -1) {
		switch (c) {
		case 'h': fputs(tb_usage_report, stdout); return TB_EXIT_OK;
		case 'o': path[TB_OUT_HTML] = optarg; break;
		case 'S': samples = true; break;
		case 'n': name = optarg; break;
		case 'B': baseline = optarg; break;
		case 'q': quiet = true; break;
		case 'G':
			if (tb_read_opts_gbench_time(&ro, optarg, gerr, sizeof(gerr)))
				return tb_usage_error("%s", gerr);
			break;
		default:
			if (c >= R_OUTPUT && c < R_OUTPUT + TB_OUT_COUNT) {
				path[c - R_OUTPUT] = optarg;
				break;
			}
			return tb_getopt_error("report", argc, argv, c);
		}
	}
	if (optind >= argc)
		return tb_usage_error("no results file given (see 'tbench report --help')");
	if (name && strlen(name) >= sizeof(((struct tb_resultset *)0)->name))
		return tb_usage_error("invalid --name: longer than %zu characters",
				      sizeof(((struct tb_resultset *)0)->name) - 1);
	bool any = false;
	struct out out[TB_OUT_COUNT];
	for (int k = 0; k < TB_OUT_COUNT; k++) {
		out[k] = (struct out){.path = path[k], .w = tb_outputs[k].w};
		any = any || path[k];
	}
	if (tb_outs_open(out, TB_OUT_COUNT))
		return TB_EXIT_USAGE;
	char err[1024];
	struct tb_resultset rs = {0}, base = {0};
	struct tb_comparison cmp;
	bool have_cmp = false;
	int rc = load_all(argc - optind, argv + optind, &ro, &rs, name);
	if (!rc && baseline) {
		if (tb_results_load_opts(baseline, &ro, &base, NULL, 0, err, sizeof(err)))
			rc = tb_usage_error("%s", err);
		else {
			struct tb_compare_opts co;
			tb_compare_defaults(&co);
			if (tb_compare(&base, &rs, &co, &cmp, err, sizeof(err)))
				rc = tb_usage_error("%s", err);
			else
				have_cmp = true;
		}
		if (have_cmp) {
			snprintf(cmp.old_label, sizeof(cmp.old_label), "%s", baseline);
			snprintf(cmp.new_label, sizeof(cmp.new_label), "%s",
				 rs.name[0] ? rs.name : argv[optind]);
		}
	}
	const char *nc = getenv("NO_COLOR");
	struct tb_report rep = {.rs = &rs, .samples = samples,
				.color = isatty(STDOUT_FILENO) && !(nc && *nc),
				.sources = (const char *const *)(argv + optind),
				.nsources = argc - optind > 1 ? (size_t)(argc - optind) : 0,
				.cmp = have_cmp ? &cmp : NULL};
	if (!rc && !any && !quiet)
		tb_writer_table.write(stdout, &rep, err, sizeof(err));
	if (!rc)
		rc = tb_outs_write(out, TB_OUT_COUNT, &rep);
	tb_outs_abort(out, TB_OUT_COUNT);
	if (have_cmp)
		tb_comparison_free(&cmp);
	tb_resultset_free(&base);
	tb_resultset_free(&rs);
	return rc;
}
