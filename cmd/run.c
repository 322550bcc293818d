/*
 * run.c - `tbench run`: parse the options into the selection, session,
 * outputs and gate structs (run.h), have the engine build the plan
 * (run_plan.c; sizes that cannot be allocated are refused before anything
 * runs), then hand it to run_exec.c (this process), run_rounds.c (fresh
 * processes) or run_insns.c (under callgrind).
 */
#include "cmds.h"
#include "run.h"
#include "run_blas.h"

#include "../kernels/common.h"
#include "../kernels/plugin.h"
#include "../probes/blasinfo.h"
#include "../probes/callgrind.h"
#include "../probes/sysinfo.h"
#include "../reports/baseline.h"

#include <float.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char tb_usage_run[] =
	"usage: tbench run [FAMILY...] [options]\n"
	"\n"
	"Run benchmarks.  With no FAMILY, the default suite: every family at a\n"
	"representative size.  With FAMILY (or 'all'), each at its default sizes.\n"
	"\n"
	"selection:\n"
	"  -v, --variant V[,V...]    variants to run (default: all supported)\n"
	"  -m, --mode M              inplace, outofplace or both (default: both)\n"
	"  -s, --size S[,S...]       sizes: N, RxC, or N with k M G (x1000) / Ki Mi Gi (x1024),\n"
	"                            or L1, L2, L3, DRAM: tiers of this machine's caches\n"
	"  -t, --threads N[,N...]    threads for threaded variants (default: CPUs online)\n"
	"      --filter GLOB         only cases whose id (family/variant/mode/size/tN, see\n"
	"                            'tbench list --cases') matches GLOB (fnmatch; repeatable,\n"
	"                            any may match); with no FAMILY, from every family's\n"
	"                            default sizes\n"
	"      --filter-regex ERE    the same with a POSIX extended regular expression\n"
	"      --plugin PATH.so      load a plugin's families for this run (repeatable;\n"
	"                            docs/plugins.md)\n"
	"      --pin[=CPU]           pin the run to CPU (default 0); threads to CPU, CPU+1, ...\n"
	"      --events LIST         count events per call (PAPI presets, native names such\n"
	"                            as perf::PAGE-FAULTS; 'default'; see 'tbench counters')\n"
	"      --blas-core NAME      OpenBLAS runs its NAME kernels (OPENBLAS_CORETYPE, set\n"
	"                            by re-running tbench): Haswell, SkylakeX, Prescott, ...\n"
	"measurement:\n"
	"      --samples N           measured samples per case (default 100)\n"
	"      --rounds N            run the cases in N fresh processes, one after the other\n"
	"                            (each starting at another case), pool their samples and\n"
	"                            show the spread between processes beside the spread\n"
	"                            within one (default 1: this process measures)\n"
	"      --warmup N|auto       at least N warmup calls (default 10); auto: until the\n"
	"                            median and MAD of the last 10 samples move < 2%\n"
	"      --warmup-time D       and at least this long (default 50ms)\n"
	"      --warmup-max D        cap of --warmup auto (default 2s)\n"
	"      --min-sample-time D   each sample lasts at least D (default 1ms)\n"
	"      --max-time D          stop sampling a case after D (default: no limit)\n"
	"      --seed N              seed of the input generator (default 1, recorded)\n"
	"      --alpha A             scale factor, not 0 or 1 (default 1.5)\n"
	"      --turns IN,OUT,PLACE  take turns sample by sample with another tbench run\n"
	"                            through two FIFOs, so both see the same load (PLACE 1\n"
	"                            measures first, 2 second; scripts/gate-ab.sh does this)\n"
	"profiling:\n"
	"      --profile             fixed work per sample, for profilers: no warmup, no\n"
	"                            calibration, 100 calls per sample (see --profile-iters)\n"
	"      --profile-iters N     the same with N calls per sample\n"
	"      --dry-run             print the selected cases, one per line (family variant\n"
	"                            mode size threads), and run nothing\n"
	"      --metric M            time (default) or instructions: instructions per call,\n"
	"                            counted by valgrind's callgrind (deterministic; implies\n"
	"                            --profile-iters 10, --samples 3, --threads 1 unless given)\n"
	"output:\n"
#define TB_OUTPUT(id, w, opt, help) help
#include "../reports/outputs.def"
#undef TB_OUTPUT
	"      --json-samples        include the raw samples in the JSON document\n"
	"      --name LABEL          label of this run, shown in reports\n"
	"  -q, --quiet               no table and no progress\n"
	"      --verbose             more detail\n"
	"baselines (see 'tbench compare --help'):\n"
	"      --save-baseline NAME  store the results as baseline NAME (atomically)\n"
	"      --append              with --save-baseline: add this run's samples to the\n"
	"                            baseline's (interleaved rounds of old and new)\n"
	"      --baseline NAME       compare with baseline NAME; exit 1 on a slower case\n"
	"      --history             record the results in the history (see 'tbench history')\n"
	"      --history-db WHERE    that history (default $TBENCH_HISTORY_DB, else\n"
	"                            ./.tbench/history.db; postgresql://... for PostgreSQL)\n"
	TB_GATE_USAGE
	"\n"
	"Durations: 2s, 500ms, 250us.  Exit status: 0 ok, 1 failed verification,\n"
	"2 usage or input error, 130/143 interrupted (results so far are written).\n";

enum {
	OPT_SAMPLES = 1000, OPT_WARMUP, OPT_WARMUP_TIME, OPT_MIN_SAMPLE, OPT_MAX_TIME,
	OPT_SEED, OPT_ALPHA, OPT_NAME, OPT_VERBOSE, OPT_PIN,
	OPT_SAVE_BASELINE, OPT_BASELINE, OPT_WARMUP_MAX, OPT_APPEND,
	OPT_PROFILE, OPT_PROFILE_ITERS, OPT_METRIC, OPT_DRY_RUN,
	OPT_JSON_SAMPLES, OPT_EVENTS, OPT_TURNS, OPT_HISTORY,
	OPT_HISTORY_DB, OPT_BLAS_CORE, OPT_ROUNDS, OPT_ROUND_OF, OPT_FILTER, OPT_FILTER_REGEX,
	OPT_PLUGIN,
	OPT_OUTPUT = 1200, /* OPT_OUTPUT + i: --OPTION FILE of tb_outputs[i] */
};

static const struct option long_opts[] = {
	{"help", no_argument, NULL, 'h'},
	{"variant", required_argument, NULL, 'v'},
	{"mode", required_argument, NULL, 'm'},
	{"size", required_argument, NULL, 's'},
	{"threads", required_argument, NULL, 't'},
	{"pin", optional_argument, NULL, OPT_PIN},
	{"events", required_argument, NULL, OPT_EVENTS},
	{"blas-core", required_argument, NULL, OPT_BLAS_CORE},
	{"samples", required_argument, NULL, OPT_SAMPLES},
	{"warmup", required_argument, NULL, OPT_WARMUP},
	{"warmup-time", required_argument, NULL, OPT_WARMUP_TIME},
	{"min-sample-time", required_argument, NULL, OPT_MIN_SAMPLE},
	{"max-time", required_argument, NULL, OPT_MAX_TIME},
	{"seed", required_argument, NULL, OPT_SEED},
	{"alpha", required_argument, NULL, OPT_ALPHA},
#define TB_OUTPUT(id, w, opt, help) {opt, required_argument, NULL, OPT_OUTPUT + TB_OUT_##id},
#include "../reports/outputs.def"
#undef TB_OUTPUT
	{"json-samples", no_argument, NULL, OPT_JSON_SAMPLES},
	{"name", required_argument, NULL, OPT_NAME},
	{"profile", no_argument, NULL, OPT_PROFILE},
	{"profile-iters", required_argument, NULL, OPT_PROFILE_ITERS},
	{"metric", required_argument, NULL, OPT_METRIC},
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, OPT_VERBOSE},
	{"save-baseline", required_argument, NULL, OPT_SAVE_BASELINE},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"append", no_argument, NULL, OPT_APPEND},
	{"warmup-max", required_argument, NULL, OPT_WARMUP_MAX},
	{"turns", required_argument, NULL, OPT_TURNS},
	{"history", no_argument, NULL, OPT_HISTORY},
	{"history-db", required_argument, NULL, OPT_HISTORY_DB},
	{"rounds", required_argument, NULL, OPT_ROUNDS},
	{"round-of", required_argument, NULL, OPT_ROUND_OF}, /* internal: run_rounds.c */
	{"filter", required_argument, NULL, OPT_FILTER},
	{"filter-regex", required_argument, NULL, OPT_FILTER_REGEX},
	{"plugin", required_argument, NULL, OPT_PLUGIN},
	TB_GATE_LONG_OPTIONS,
	{0},
};

static int parse_opts(struct tb_run_opts *o, int argc, char **argv, char *err, size_t len)
{
	int c;
	uint64_t u;
	double d;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hv:m:s:t:q", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(tb_usage_run, stdout);
			return 1;
		case 'v': {
			int n = tb_split_list(optarg, o->sel.variants, TB_MAX_LIST);
			if (n < 0)
				return snprintf(err, len, "invalid --variant list '%s': expected names separated by commas", optarg), -1;
			o->sel.nvariants = n;
			break;
		}
		case 'm':
			if (!strcmp(optarg, "inplace"))
				o->sel.modes = TB_MODE_INPLACE;
			else if (!strcmp(optarg, "outofplace"))
				o->sel.modes = TB_MODE_OUTOFPLACE;
			else if (!strcmp(optarg, "both"))
				o->sel.modes = TB_MODE_INPLACE | TB_MODE_OUTOFPLACE;
			else
				return snprintf(err, len, "invalid --mode '%s': expected inplace, outofplace or both", optarg), -1;
			break;
		case 's':
			if (tb_selection_sizes(&o->sel, optarg, err, len))
				return -1;
			break;
		case 't':
			if (tb_selection_threads(&o->sel, optarg, err, len))
				return -1;
			break;
		case OPT_PIN:
			o->ses.pin = true;
			if (optarg) {
				if (tb_parse_u64("--pin CPU", optarg, 0, tb_cpu_count() - 1, &u, err, len))
					return -1;
				o->ses.pin_cpu = (int)u;
			}
			break;
		case OPT_EVENTS:
			if (!*optarg)
				return snprintf(err, len, "invalid --events '': expected event names separated by commas, or 'default'"), -1;
			o->ses.events = optarg;
			break;
		case OPT_BLAS_CORE:
			if (tb_blas_core_check(optarg, o->blas_core_buf, sizeof(o->blas_core_buf), err, len))
				return -1;
			o->blas_core = o->blas_core_buf;
			break;
		case 'q': o->quiet = true; break;
		case OPT_VERBOSE: o->verbose = true; break;
		case OPT_SAMPLES:
			if (tb_parse_u64("--samples", optarg, 1, 10000000, &u, err, len))
				return -1;
			o->ses.runner.samples = u;
			o->samples_given = true;
			break;
		case OPT_PROFILE:
			if (!o->ses.runner.fixed_iters)
				o->ses.runner.fixed_iters = TB_PROFILE_ITERS;
			o->profile = true;
			break;
		case OPT_PROFILE_ITERS:
			if (tb_parse_u64("--profile-iters", optarg, 1, UINT32_MAX, &u, err, len))
				return -1;
			o->ses.runner.fixed_iters = u;
			o->profile = true;
			break;
		case OPT_DRY_RUN: o->dry_run = true; break;
		case OPT_METRIC:
			if (!strcmp(optarg, "instructions"))
				o->ses.metric_insns = true;
			else if (!strcmp(optarg, "time"))
				o->ses.metric_insns = false;
			else
				return snprintf(err, len, "invalid --metric '%s': expected time or instructions", optarg), -1;
			break;
		case OPT_WARMUP:
			if (!strcmp(optarg, "auto")) {
				o->ses.runner.warmup_auto = true;
				break;
			}
			if (tb_parse_u64("--warmup", optarg, 1, UINT32_MAX, &u, NULL, 0))
				return snprintf(err, len, "invalid --warmup '%s': expected auto or a whole number from 1 to %u",
						optarg, UINT32_MAX), -1;
			o->ses.runner.warmup_iters = u;
			o->ses.runner.warmup_auto = false;
			break;
		case OPT_WARMUP_MAX:
			if (tb_parse_duration("--warmup-max", optarg, &o->ses.runner.warmup_max_ns, err, len))
				return -1;
			break;
		case OPT_SAVE_BASELINE:
			if (tb_baseline_name_check(optarg, err, len))
				return -1;
			o->gate.save_baseline = optarg;
			break;
		case OPT_BASELINE:
			if (tb_baseline_name_check(optarg, err, len))
				return -1;
			o->gate.baseline = optarg;
			break;
		case OPT_APPEND: o->gate.append = true; break;
		case OPT_ROUNDS:
			if (tb_parse_u64("--rounds", optarg, 1, TB_MAX_ROUNDS, &u, err, len))
				return -1;
			o->rounds = (unsigned)u;
			break;
		case OPT_ROUND_OF: o->round_spec = optarg; break;
		case OPT_WARMUP_TIME:
			if (tb_parse_duration("--warmup-time", optarg, &o->ses.runner.warmup_min_ns, err, len))
				return -1;
			break;
		case OPT_MIN_SAMPLE:
			if (tb_parse_duration("--min-sample-time", optarg, &o->ses.runner.min_sample_ns, err, len))
				return -1;
			break;
		case OPT_MAX_TIME:
			if (tb_parse_duration("--max-time", optarg, &o->ses.runner.max_time_ns, err, len))
				return -1;
			break;
		case OPT_SEED:
			if (tb_parse_u64("--seed", optarg, 0, UINT32_MAX, &o->ses.seed, err, len))
				return -1;
			break;
		case OPT_ALPHA:
			/* a float scale factor: a magnitude a float holds as a normal
			 * number (1e-320 is 0 as a float, and no double either) */
			if (tb_parse_double("--alpha", optarg, -INFINITY, INFINITY, &d, NULL, 0) ||
			    fabs(d) > 1e30 || (d != 0 && fabs(d) < FLT_MIN))
				return snprintf(err, len, "invalid --alpha '%s': expected a number whose magnitude is "
						"from %.2g (the smallest normal float) to 1e30", optarg, (double)FLT_MIN), -1;
			if ((float)d == 1.0f || (float)d == 0.0f)
				return snprintf(err, len, "invalid --alpha '%s': must not be 0 or 1 (BLAS returns early for 1)", optarg), -1;
			o->ses.alpha = (float)d;
			break;
		case OPT_JSON_SAMPLES: o->out.json_samples = true; break;
		case OPT_NAME: o->ses.name = optarg; break;
		case OPT_TURNS: o->ses.turns = optarg; break;
		case OPT_HISTORY: o->gate.history = true; break;
		case OPT_HISTORY_DB: o->gate.history_db = optarg; o->gate.history = true; break;
		case OPT_FILTER:
		case OPT_FILTER_REGEX:
			if (tb_filters_add(&o->sel.filters, optarg, c == OPT_FILTER_REGEX, err, len))
				return -1;
			break;
		case OPT_PLUGIN: /* now: FAMILY arguments may name its families */
			if (tb_plugin_load(optarg, err, len))
				return -1;
			break;
		default:
			if (c >= OPT_OUTPUT && c < OPT_OUTPUT + TB_OUT_COUNT) {
				o->out.path[c - OPT_OUTPUT] = optarg;
				break;
			}
			if (c >= TB_OPT_SIGNIFICANCE && c < TB_OPT_GATE_END) {
				if (tb_gate_parse(c, optarg, &o->gate.opts, err, len))
					return -1;
				break;
			}
			return -2 - c; /* let the caller report it through tb_getopt_error */
		}
	}
	for (int i = optind; i < argc; i++) {
		if (o->sel.nfamilies == TB_MAX_LIST)
			return snprintf(err, len, "too many families (at most %d)", TB_MAX_LIST), -1;
		if (strcmp(argv[i], "all") && !tb_family_find(argv[i])) {
			char names[512] = "";
			for (size_t f = 0; f < tb_family_count(); f++)
				snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
					 f ? ", " : "", tb_family_at(f)->name);
			if (strchr(argv[i], ',')) /* -v and -s take lists; families are words */
				return snprintf(err, len, "unknown family '%s': give families as separate "
						"words (tbench run add sum), one of: %s, all", argv[i], names), -1;
			return snprintf(err, len, "unknown family '%s' (families: %s, all)", argv[i], names), -1;
		}
		o->sel.families[o->sel.nfamilies++] = argv[i];
	}
	return 0;
}

static int run_main(int argc, char **argv, bool list_cases);

int cmd_run(int argc, char **argv) { return run_main(argc, argv, false); }

int tb_run_list_cases(int argc, char **argv) { return run_main(argc, argv, true); }

/* the command line as given, for the results ("tbench run ..."); NULL when out of memory */
static char *join_argv(int argc, char **argv)
{
	size_t len = 16;
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *s = calloc(1, len);
	if (s) {
		strcpy(s, "tbench");
		for (int i = 0; i < argc; i++)
			strcat(strcat(s, " "), argv[i]);
	}
	return s;
}

/* what follows from the options parsed: --metric instructions' defaults,
 * the default thread count, the session's settings; 0, or -1 with err */
static int settle(struct tb_run_opts *o, char *err, size_t len)
{
	if (o->ses.metric_insns) {
		if (!o->ses.runner.fixed_iters)
			o->ses.runner.fixed_iters = TB_INSNS_ITERS;
		if (!o->samples_given)
			o->ses.runner.samples = TB_INSNS_SAMPLES;
		o->profile = true;
	}
	if (o->rounds > 1 && o->ses.metric_insns)
		return tb_err(err, len, "--rounds cannot be combined with --metric instructions (the counts are the same in every process)");
	if (o->rounds > 1 && o->ses.turns)
		return tb_err(err, len, "--rounds cannot be combined with --turns (the two processes taking turns are the rounds: scripts/gate-ab.sh)");
	if (!o->sel.threads_given) {
		o->sel.threads[0] = o->ses.metric_insns ? 1 : tb_cpu_count();
		o->sel.nthreads = 1;
	}
	o->ses.max_threads = 1;
	for (int i = 0; i < o->sel.nthreads; i++)
		if (o->sel.threads[i] > o->ses.max_threads)
			o->ses.max_threads = o->sel.threads[i];
	o->ses.verbose = o->verbose;
	const struct tb_compare_opts *co = &o->gate.opts.cmp;
	o->ses.boot = (struct tb_boot_opts){co->resamples,
					    co->confidence > 0 ? co->confidence : TB_BOOT_LEVEL, co->seed};
	if (o->gate.append && !o->gate.save_baseline)
		return tb_err(err, len, "--append needs --save-baseline NAME");
	/* the gate self-test's slowdown: a test aid, no option of run
	 * (docs/statistics-and-gate.md) */
	const char *wf = getenv(TB_WORK_FACTOR_ENV);
	if (wf && *wf && tb_parse_double(TB_WORK_FACTOR_ENV, wf, 0.01, 100, &o->ses.work_factor, err, len))
		return -1;
	return 0;
}

static int run_main(int argc, char **argv, bool list_cases)
{
	struct tb_run_opts o;
	struct tb_plan plan = {0};
	char err[512] = "";
	int rc;
	memset(&o, 0, sizeof(o));
	o.list_cases = list_cases;
	/* parsing splits lists in place: keep the arguments as given for a re-run */
	char **orig = tb_argv_dup(argc, argv);
	if (!orig)
		return tb_usage_error("out of memory");
	tb_session_defaults(&o.ses);
	o.sel.modes = TB_MODE_INPLACE | TB_MODE_OUTOFPLACE;
	tb_gate_defaults(&o.gate.opts);
	rc = parse_opts(&o, argc, argv, err, sizeof(err));
	if (rc == 1) {
		rc = TB_EXIT_OK;
		goto out;
	}
	if (rc <= -2) {
		rc = tb_getopt_error(list_cases ? "list" : "run", argc, argv, -2 - rc);
		goto out;
	}
	if (rc < 0 || (o.round_spec && tb_run_round_child(&o, o.round_spec, err, sizeof(err))) ||
	    settle(&o, err, sizeof(err))) {
		rc = tb_usage_error("%s", err);
		goto out;
	}
	if (o.sel.folded[0] && !o.quiet)
		tb_print_error("note: %s: measured once", o.sel.folded);
	if (o.blas_core && (rc = tb_run_blas_reexec(o.blas_core, orig)) >= 0)
		goto out;
	if (tb_run_build_plan(&o, &plan, err, sizeof(err))) {
		rc = tb_usage_error("%s", err);
		goto out;
	}
	if (o.of) /* a round: the order it runs the cases in (--dry-run shows it) */
		tb_plan_rotate(&plan, o.round, o.of);
	rc = TB_EXIT_OK;
	if (o.list_cases || o.dry_run) {
		if (o.list_cases)
			tb_run_print_ids(&plan);
		else
			tb_run_print_plan(&plan);
		goto out;
	}
	o.ses.command = o.argv_joined = join_argv(argc, orig);
	if (o.rounds > 1 && !o.of)
		rc = tb_run_rounds(&o, &plan, argc, orig);
	else if (o.ses.metric_insns && !tb_callgrind_child())
		/* this process only starts the counting child under callgrind */
		rc = tb_run_insns_parent(&o, orig);
	else
		rc = tb_run_execute(&o, &plan);
out:
	tb_filters_free(&o.sel.filters);
	tb_plan_free(&plan);
	free(o.argv_joined);
	tb_argv_free(orig);
	return rc;
}
