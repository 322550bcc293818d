/*
 * exec_opts.c - the options of `tbench exec`: its usage text and parser.
 */
#include "cmds.h"
#include "exec.h"
#include "parse.h"

#include "../kernels/common.h"
#include "../probes/sysinfo.h"
#include "../reports/baseline.h"

#include <getopt.h>
#include <string.h>

const char tb_usage_exec[] =
	"usage: tbench exec [options] [--] CMD [ARGS...]\n"
	"       tbench exec [options] --command 'CMD ARGS' [--command 'CMD2 ...' ...]\n"
	"\n"
	"Measure whole commands as processes: each run spawns CMD directly (no\n"
	"shell unless --shell) and records its wall time (from just before the\n"
	"spawn to just after wait4), the child's user and system CPU time, peak RSS,\n"
	"page faults and context switches.  Process start-up is inside every run:\n"
	"the cost of spawning /bin/true (sh -c : with --shell) is measured first\n"
	"and printed, never subtracted.  Results are an ordinary tbench result set\n"
	"(family exec, the command as variant): the table, --csv, --json, --html,\n"
	"--baseline and --save-baseline work as for 'tbench run'.\n"
	"\n"
	"options:\n"
	"  -c, --command CMD         a command (repeatable); split into words like a\n"
	"                            shell would, without expansions\n"
	"  -n, --command-name NAME   the case name of the Nth command (repeatable)\n"
	"  -S, --shell               run each command through /bin/sh -c\n"
	"  -w, --warmup N            runs before measuring (default 1)\n"
	"  -r, --runs N              exactly N measured runs\n"
	"  -m, --min-runs N          at least N runs (default 10)\n"
	"  -M, --max-runs N          at most N runs (default 10000)\n"
	"  -t, --time DUR            after --min-runs, go on while the runs took less\n"
	"                            than DUR (default 1s; 0: stop at --min-runs)\n"
	"  -p, --prepare CMD         run (by /bin/sh -c, untimed) before every run\n"
	"  -P, --parameter-scan NAME LO HI  one case per value: {NAME} in the command,\n"
	"                            --command-name and --prepare is replaced\n"
	"  -D, --parameter-step S    the scan's step (default 1)\n"
	"  -i, --ignore-failure      measure commands that exit non-zero\n"
	"      --show-output         let the commands' output through (default\n"
	"                            /dev/null)\n"
	"      --rounds N            interleave the commands: N rounds, each running\n"
	"                            every command runs/N times (order rotated)\n"
	"  -e, --events LIST         count events of every measured run, from the\n"
	"                            command's exec to its exit, its children included\n"
	"                            (perf_event_open, inherited; names as for 'tbench\n"
	"                            run --events', e.g. perf::TASK-CLOCK,perf::PAGE-FAULTS;\n"
	"                            'default': task-clock, context switches, migrations,\n"
	"                            page faults, cycles, instructions); each checked\n"
	"                            against wait4's rusage, unknown where they disagree;\n"
	"                            events this machine lacks are said once and skipped\n"
	"      --pin[=CPU]           run everything on CPU (default 0)\n"
#define TB_OUTPUT(id, w, opt, help) help
#include "../reports/outputs.def"
#undef TB_OUTPUT
	"      --json-samples        include the raw samples in the JSON document\n"
	"      --name LABEL          label of this run, shown in reports\n"
	"      --baseline NAME|PATH  compare with a saved baseline or results file\n"
	"      --save-baseline NAME  save the results as baseline NAME\n"
	"      --append              with --save-baseline: pool with its samples\n"
	TB_GATE_USAGE
	"  -q, --quiet               no table\n"
	"  -v, --verbose             per-run detail\n"
	"\n"
	"Exit status: 0 ok; 1 a command failed (non-zero exit or a signal; see\n"
	"--ignore-failure) or is slower than the baseline; 2 bad usage, a command\n"
	"that cannot be started; 128+N interrupted by signal N (results written).\n";

enum {
	X_SHOW = 1000, X_ROUNDS, X_PIN, X_JSON_SAMPLES, X_NAME, X_BASELINE, X_SAVE_BASELINE,
	X_APPEND,
	X_OUTPUT = 1200, /* X_OUTPUT + i: --OPTION FILE of tb_outputs[i] */
};

static int count(const char *what, const char *s, uint64_t lo, uint64_t hi, size_t *out,
		 char *err, size_t len)
{
	uint64_t u;
	if (tb_parse_u64(what, s, lo, hi, &u, err, len))
		return -1;
	*out = (size_t)u;
	return 0;
}

int tb_exec_parse(int argc, char **argv, struct tb_exec_args *a, char *err, size_t len)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'}, {"command", required_argument, NULL, 'c'},
		{"command-name", required_argument, NULL, 'n'}, {"shell", no_argument, NULL, 'S'},
		{"warmup", required_argument, NULL, 'w'}, {"runs", required_argument, NULL, 'r'},
		{"min-runs", required_argument, NULL, 'm'}, {"max-runs", required_argument, NULL, 'M'},
		{"time", required_argument, NULL, 't'}, {"prepare", required_argument, NULL, 'p'},
		{"parameter-scan", required_argument, NULL, 'P'},
		{"parameter-step", required_argument, NULL, 'D'},
		{"ignore-failure", no_argument, NULL, 'i'}, {"show-output", no_argument, NULL, X_SHOW},
		{"rounds", required_argument, NULL, X_ROUNDS}, {"pin", optional_argument, NULL, X_PIN},
		{"events", required_argument, NULL, 'e'},
#define TB_OUTPUT(id, w, opt, help) {opt, required_argument, NULL, X_OUTPUT + TB_OUT_##id},
#include "../reports/outputs.def"
#undef TB_OUTPUT
		{"json-samples", no_argument, NULL, X_JSON_SAMPLES},
		{"name", required_argument, NULL, X_NAME},
		{"baseline", required_argument, NULL, X_BASELINE},
		{"save-baseline", required_argument, NULL, X_SAVE_BASELINE},
		{"append", no_argument, NULL, X_APPEND}, {"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'}, TB_GATE_LONG_OPTIONS, {0},
	};
	bool runs_given = false;
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hc:n:Sw:r:m:M:t:p:P:D:e:iqv", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return 1;
		case 'c':
		case 'n':
			if ((c == 'c' ? a->ncommands : a->nnames) == TB_EXEC_MAX_CMDS)
				return tb_err(err, len, "too many --%s (at most %d)",
					      c == 'c' ? "command" : "command-name", TB_EXEC_MAX_CMDS);
			if (c == 'c')
				a->commands[a->ncommands++] = optarg;
			else
				a->names[a->nnames++] = optarg;
			break;
		case 'S': a->shell = true; break;
		case 'w':
			if (count("--warmup", optarg, 0, 1000000, &a->ex.warmup, err, len))
				return -1;
			break;
		case 'r':
			if (count("--runs", optarg, 1, 10000000, &a->ex.min_runs, err, len))
				return -1;
			a->ex.max_runs = a->ex.min_runs;
			a->ex.budget_ns = 0;
			runs_given = true;
			break;
		case 'm':
		case 'M':
			if (runs_given)
				return tb_err(err, len, "--runs cannot be combined with --min-runs or --max-runs");
			if (count(c == 'm' ? "--min-runs" : "--max-runs", optarg, 1, 10000000,
				  c == 'm' ? &a->ex.min_runs : &a->ex.max_runs, err, len))
				return -1;
			break;
		case 't':
			if (!strcmp(optarg, "0"))
				a->ex.budget_ns = 0;
			else if (tb_parse_duration("--time", optarg, &a->ex.budget_ns, err, len))
				return -1;
			break;
		case 'p': a->prepare = optarg; break;
		case 'P':
			if (optind + 1 >= argc)
				return tb_err(err, len, "--parameter-scan needs NAME LO HI");
			if (!*optarg || strlen(optarg) > 64 || strpbrk(optarg, "{}"))
				return tb_err(err, len, "invalid --parameter-scan name '%s': expected 1-64 characters, no braces", optarg);
			a->scan_name = optarg;
			if (tb_parse_double("--parameter-scan LO", argv[optind], -1e15, 1e15, &a->scan_lo, err, len) ||
			    tb_parse_double("--parameter-scan HI", argv[optind + 1], -1e15, 1e15, &a->scan_hi, err, len))
				return -1;
			optind += 2;
			break;
		case 'D':
			if (tb_parse_double("--parameter-step", optarg, 1e-9, 1e15, &a->scan_step, err, len))
				return -1;
			break;
		case 'e':
			if (!*optarg)
				return tb_err(err, len, "invalid --events '': expected event names separated by commas, or 'default'");
			a->events = optarg;
			break;
		case 'i': a->ex.ignore_failure = true; break;
		case X_SHOW: a->ex.show_output = true; break;
		case X_ROUNDS:
			if (count("--rounds", optarg, 1, 1000, &a->rounds, err, len))
				return -1;
			break;
		case X_PIN: {
			uint64_t u = 0;
			a->pin = true;
			if (optarg && tb_parse_u64("--pin CPU", optarg, 0, tb_cpu_count() - 1, &u, err, len))
				return -1;
			a->pin_cpu = (int)u;
			break;
		}
		case X_JSON_SAMPLES: a->json_samples = true; break;
		case X_NAME: a->name = optarg; break;
		case X_BASELINE: a->baseline = optarg; break;
		case X_SAVE_BASELINE:
			if (tb_baseline_name_check(optarg, err, len))
				return -1;
			a->save_baseline = optarg;
			break;
		case X_APPEND: a->append = true; break;
		case 'q': a->quiet = true; break;
		case 'v': a->verbose = true; break;
		default:
			if (c >= X_OUTPUT && c < X_OUTPUT + TB_OUT_COUNT) {
				a->path[c - X_OUTPUT] = optarg;
				break;
			}
			if (c >= TB_OPT_SIGNIFICANCE && c < TB_OPT_GATE_END && c != TB_OPT_METRIC) {
				if (tb_gate_parse(c, optarg, &a->gate, err, len))
					return -1;
				break;
			}
			tb_getopt_error("exec", argc, argv, c);
			return -2; /* said */
		}
	}
	if (optind < argc)
		a->argv_cmd = argv + optind;
	if (!a->argv_cmd == !a->ncommands)
		return tb_err(err, len, a->ncommands ? "give the command after -- or with --command, not both"
						     : "no command given (tbench exec -- CMD [ARGS...], see 'tbench exec --help')");
	if (a->nnames > (a->argv_cmd ? 1 : a->ncommands))
		return tb_err(err, len, "%zu --command-name for %zu command%s", a->nnames,
			      a->argv_cmd ? (size_t)1 : a->ncommands, a->ncommands > 1 ? "s" : "");
	if (a->shell && a->argv_cmd)
		return tb_err(err, len, "--shell runs --command strings; after -- the command is run as given");
	if (a->ex.min_runs > a->ex.max_runs)
		return tb_err(err, len, "--min-runs %zu is more than --max-runs %zu", a->ex.min_runs,
			      a->ex.max_runs);
	if (a->append && !a->save_baseline)
		return tb_err(err, len, "--append needs --save-baseline NAME");
	if (a->name && strlen(a->name) >= sizeof(((struct tb_resultset *)0)->name))
		return tb_err(err, len, "invalid --name: longer than %zu characters",
			      sizeof(((struct tb_resultset *)0)->name) - 1);
	return 0;
}

