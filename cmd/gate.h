/*
 * gate.h - options and output shared by `tbench compare` and
 * `tbench run --baseline`: significance, threshold, metric, bootstrap,
 * fail-on, baseline directory; printing a comparison and its exit status.
 */
#ifndef TB_CMD_GATE_H
#define TB_CMD_GATE_H

#include "../reports/compare.h"

#include <getopt.h>
#include <stdbool.h>

struct tb_gate_opts {
	struct tb_compare_opts cmp;
	const char *baseline_dir; /* NULL: $TBENCH_BASELINE_DIR or the default */
	bool fail_on_slower;      /* --fail-on slower (default) */
	bool fail_on_missing;     /* --fail-on missing: a case of OLD not in NEW fails */
};

enum {
	TB_OPT_SIGNIFICANCE = 1500, TB_OPT_THRESHOLD, TB_OPT_FAIL_ON, TB_OPT_METRIC,
	TB_OPT_BOOTSTRAP, TB_OPT_CONFIDENCE, TB_OPT_BASELINE_DIR, TB_OPT_GATE_END,
};

#define TB_GATE_LONG_OPTIONS                                                   \
	{"significance", required_argument, NULL, TB_OPT_SIGNIFICANCE},        \
	{"threshold", required_argument, NULL, TB_OPT_THRESHOLD},              \
	{"fail-on", required_argument, NULL, TB_OPT_FAIL_ON},                  \
	{"bootstrap", required_argument, NULL, TB_OPT_BOOTSTRAP},              \
	{"confidence", required_argument, NULL, TB_OPT_CONFIDENCE},            \
	{"baseline-dir", required_argument, NULL, TB_OPT_BASELINE_DIR}

#define TB_GATE_USAGE                                                                      \
	"      --significance A      alpha of the Mann-Whitney test (default 0.01)\n"         \
	"      --threshold [F[/V]=]P noise threshold in percent (default 5); with F or F/V\n" \
	"                            only for that family or variant (repeatable)\n"         \
	"      --fail-on W[,W]       exit 1 on: slower (default: a slower case), missing\n"  \
	"                            (a case of OLD that NEW lacks), or none\n"            \
	"      --bootstrap N         bootstrap resamples for CIs (default 2000)\n"            \
	"      --confidence L        CI level, 0.95 or 95% (default: 1 - significance, 99%,\n" \
	"                            for comparisons; 95% for the CI of a case's median)\n"   \
	"      --baseline-dir DIR    where baselines live (default $TBENCH_BASELINE_DIR,\n"   \
	"                            else ./.tbench/baselines)\n"

/* `tbench compare` only (`run --metric` chooses what run measures) */
#define TB_GATE_METRIC_OPTION {"metric", required_argument, NULL, TB_OPT_METRIC}
#define TB_GATE_METRIC_USAGE                                                               \
	"      --metric M            time (default) or a counter name (ctr_ column)\n"

void tb_gate_defaults(struct tb_gate_opts *g);
/* c is a getopt code in [TB_OPT_SIGNIFICANCE, TB_OPT_GATE_END): 0 or -1 with err */
int tb_gate_parse(int c, const char *arg, struct tb_gate_opts *g, char *err, size_t len);
/* Print the comparison table (unless quiet) and warnings (fingerprint
 * differences, metric note, cases missing from NEW) on stderr; returns the
 * exit status it implies: 2 when NEW measured no case OLD has ("nothing to
 * compare"), 1 on a slower (or, with --fail-on missing, missing) case. */
int tb_gate_report(const struct tb_comparison *c, const struct tb_gate_opts *g, bool quiet,
		   bool color);

struct tb_read_opts;
/* A side of `compare` (OLD, NEW) or `exec --baseline`: a path when one
 * exists (whatever the loader reads, reports/load.h; also criterion's
 * DIR@SIDE), else the name of a saved baseline in g's directory.  0, or -1
 * with err. */
int tb_gate_load(const char *arg, const struct tb_gate_opts *g, const struct tb_read_opts *ro,
		 struct tb_resultset *rs, char *err, size_t len);

struct tb_report;
/* --baseline of run and exec: compare rs with base (labelled "baseline
 * NAME" -> "this run LABEL"), print it as tb_gate_report does (after a
 * blank line unless quiet) and hang it on rep->cmp.  cmp is filled (free it
 * with tb_comparison_free).  Returns the exit status it implies, or
 * TB_EXIT_USAGE (2) when the comparison cannot be made (said). */
int tb_gate_baseline(const struct tb_resultset *base, const struct tb_resultset *rs,
		     const char *name, const struct tb_gate_opts *g, bool quiet,
		     struct tb_report *rep, struct tb_comparison *cmp);

#endif
