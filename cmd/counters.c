/*
 * counters.c - `tbench counters [PATTERN]`: what can be counted on this
 * machine, by each backend.  What the kernel allows this process, PAPI's
 * components (active, or disabled and why), the presets that count here
 * (all of them, with the reason, under --all), the native events of PAPI's
 * active components, and the events only perf_event_open counts here,
 * filtered by a substring or a glob on the name.
 */
#define _GNU_SOURCE
#include "cmds.h"

#include "../probes/counters.h"

#include <fnmatch.h>
#include <getopt.h>
#include <string.h>
#include <strings.h>

const char tb_usage_counters[] =
	"usage: tbench counters [PATTERN] [--all]\n\n"
	"List the events 'tbench run --events' can count here, by backend: PAPI presets\n"
	"and native events, and the events the kernel's perf_event_open counts where\n"
	"PAPI cannot (named as libpfm4 names them), with their descriptions; what the\n"
	"kernel allows this process (kernel.perf_event_paranoid) and the PAPI components\n"
	"(active or why not).\n"
	"  PATTERN   keep names containing PATTERN (case-insensitive), or matching it\n"
	"            as a glob when it has * ? or [\n"
	"  --all     also list presets and native events that cannot be counted here,\n"
	"            with the reason\n";

struct list_ctx {
	const char *pat;
	bool glob, all;
	int section; /* the kind of the last heading printed */
	size_t shown, hidden, in_section;
};

static const char *const headings[] = {
	[TB_EV_PRESET] = "presets",
	[TB_EV_NATIVE] = "native events (PAPI)",
	[TB_EV_PERF] = "native events (perf_event_open: PAPI does not count these here)",
};

/* the next heading, with "(none)" under an empty one before it */
static void heading(struct list_ctx *l, int kind)
{
	while (l->section < kind) {
		if (l->section >= 0 && !l->in_section)
			printf("  (none)\n");
		l->section++;
		l->in_section = 0;
		printf("\n%s%s:\n", headings[l->section],
		       l->section == TB_EV_PRESET ? l->all ? " (all)" : " (countable here)" : "");
	}
}

static bool matches(const struct list_ctx *l, const char *name)
{
	if (!l->pat)
		return true;
	if (l->glob)
		return fnmatch(l->pat, name, FNM_CASEFOLD) == 0;
	return strcasestr(name, l->pat) != NULL;
}

static int show_event(void *ctx, const struct tb_event_desc *e)
{
	struct list_ctx *l = ctx;
	heading(l, (int)e->kind);
	if (!matches(l, e->name)) {
		l->hidden++;
		return 0;
	}
	l->shown++;
	l->in_section++;
	const char *d = e->descr && *e->descr ? e->descr : "";
	if (e->available)
		printf("  %-34s %s\n", e->name, d);
	else
		printf("  %-34s %s [not available: %s]\n", e->name, d, e->why);
	return 0;
}

static int show_component(void *ctx, const struct tb_component_desc *d)
{
	(void)ctx;
	if (d->active)
		printf("  %-20s active    %d counters, %d native events, %d presets (%s)\n", d->name,
		       d->counters, d->natives, d->presets, d->descr);
	else
		printf("  %-20s disabled  %s\n", d->name, d->why[0] ? d->why : "no reason given");
	return 0;
}

int cmd_counters(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
					     {"all", no_argument, NULL, 'a'}, {0}};
	int c;
	bool all = false;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ha", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(tb_usage_counters, stdout);
			return TB_EXIT_OK;
		}
		if (c == 'a') {
			all = true;
			continue;
		}
		return tb_getopt_error("counters", argc, argv, c);
	}
	if (argc - optind > 1)
		return tb_usage_error("unexpected argument '%s' (one PATTERN at most; see 'tbench counters --help')",
				      argv[optind + 1]);
	struct list_ctx l = {.pat = optind < argc ? argv[optind] : NULL};
	if (l.pat && !*l.pat)
		return tb_usage_error("invalid PATTERN '': expected a substring or a glob of event names");
	l.glob = l.pat && strpbrk(l.pat, "*?[");
	char err[256], pmus[512];
	const char *why, *acwhy;
	bool hw = tb_counters_hw_available(&why);
	if (tb_counters_init(err, sizeof(err)))
		printf("PAPI: %s; %s\n", err, hw ? "hardware counters available" : why);
	else
		printf("PAPI %s; %s\n", tb_counters_papi_version(), hw ? "hardware counters available" : why);
	enum tb_ctr_access ac = tb_counters_access(&acwhy);
	if (ac == TB_CTR_NONE)
		printf("perf_event_open: refused: %s\n", acwhy);
	else
		printf("perf_event_open: counts this process, %s (%s)\n",
		       ac == TB_CTR_ALL ? "user and kernel side" : "user space only", acwhy);
	tb_counters_pmus(pmus, sizeof(pmus));
	printf("libpfm4 PMUs here: %s\n", pmus[0] ? pmus : "none");
	printf("\ncomponents (PAPI):\n");
	if (tb_counters_each_component(show_component, NULL))
		printf("  (none: %s)\n", err);
	l.section = -1;
	l.all = all;
	tb_counters_each_event(all, show_event, &l);
	heading(&l, TB_EV_PERF);
	if (!l.in_section)
		printf("  (none)\n");
	if (!l.shown && l.pat)
		printf("  (no event matches '%s')\n", l.pat);
	if (!hw && !all)
		printf("\nEvents that need hardware counters are hidden here; --all lists them.\n");
	return TB_EXIT_OK;
}
