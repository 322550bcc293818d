/*
 * counters.c - `tbench counters [PATTERN]`: what can be counted on this
 * machine.  PAPI's components (active, or disabled and why), the presets
 * that are available (all of them, with the reason, under --all), and the
 * native events of the active components, filtered by a substring or a
 * glob on the name.
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
	"List the events 'tbench run --events' can count here: PAPI presets and native\n"
	"events with their descriptions, and the PAPI components (active or why not).\n"
	"  PATTERN   keep names containing PATTERN (case-insensitive), or matching it\n"
	"            as a glob when it has * ? or [\n"
	"  --all     also list presets and native events that cannot be counted here,\n"
	"            with the reason\n";

struct list_ctx {
	const char *pat;
	bool glob, presets_done;
	size_t shown, hidden;
};

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
	if (!e->preset && !l->presets_done) {
		l->presets_done = true;
		if (!l->shown)
			printf("  (none)\n");
		printf("\nnative events:\n");
	}
	if (!matches(l, e->name)) {
		l->hidden++;
		return 0;
	}
	l->shown++;
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
	char err[256];
	if (tb_counters_init(err, sizeof(err))) {
		tb_print_error("%s", err);
		return TB_EXIT_FAIL;
	}
	const char *why;
	bool hw = tb_counters_hw_available(&why);
	printf("PAPI %s; %s\n", tb_counters_papi_version(), hw ? "hardware counters available" : why);
	printf("\ncomponents:\n");
	tb_counters_each_component(show_component, NULL);
	printf("\npresets%s:\n", all ? " (all)" : " (available here)");
	tb_counters_each_event(all, show_event, &l);
	if (!l.presets_done)
		printf("\nnative events:\n");
	if (!l.shown)
		printf("  (no event matches '%s')\n", l.pat ? l.pat : "");
	if (!hw && !all)
		printf("\nEvents that need hardware counters are hidden here; --all lists them.\n");
	return TB_EXIT_OK;
}
