/*
 * list.c - `tbench list`: every family and variant, its modes, and whether
 * this machine supports it (and why not).
 */
#include "cmds.h"

#include "../kernels/kernel.h"

#include <getopt.h>
#include <string.h>

const char tb_usage_list[] =
	"usage: tbench list [FAMILY...]\n\n"
	"List kernel families and their variants: modes, threading, and whether this\n"
	"machine supports each (with the reason when it does not).\n";

static void modes_str(unsigned m, char *buf, size_t len)
{
	if (!m)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s%s%s", m & TB_MODE_OUTOFPLACE ? "outofplace" : "",
			 (m & TB_MODE_OUTOFPLACE) && (m & TB_MODE_INPLACE) ? "," : "",
			 m & TB_MODE_INPLACE ? "inplace" : "");
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(tb_usage_list, stdout);
			return TB_EXIT_OK;
		}
		return tb_getopt_error("list", argc, argv, c);
	}
	for (int i = optind; i < argc; i++)
		if (!tb_family_find(argv[i]))
			return tb_usage_error("unknown family '%s' (see 'tbench list')", argv[i]);
	for (size_t f = 0; f < tb_family_count(); f++) {
		const struct tb_family *fam = tb_family_at(f);
		bool want = optind >= argc;
		for (int i = optind; i < argc; i++)
			if (!strcmp(argv[i], fam->name))
				want = true;
		if (!want)
			continue;
		printf("%s: %s\n  sizes: %s (%s); reference: %s\n", fam->name, fam->summary,
		       fam->default_sizes, fam->size_unit, fam->reference);
		for (size_t k = 0; k < tb_kernel_count(); k++) {
			const struct tb_kernel *kn = tb_kernel_at(k);
			if (strcmp(kn->family, fam->name))
				continue;
			const char *why;
			char modes[32];
			modes_str(kn->modes, modes, sizeof(modes));
			bool ok = tb_kernel_supported(kn, &why);
			printf("  %-12s %-20s %-9s %s%s%s\n", kn->variant, modes,
			       kn->threaded ? "threaded" : "single", ok ? "supported" : "unsupported: ",
			       ok ? "" : why, "");
			printf("  %-12s %s\n", "", kn->summary);
		}
	}
	return TB_EXIT_OK;
}
