/*
 * list.c - `tbench list`: every family and variant, its modes, and whether
 * this machine supports it (and why not); --json prints the same registry
 * as one JSON document (with each tensor op's ops.def row), which scripts
 * read instead of keeping their own lists.
 */
#include "cmds.h"
#include "run.h"

#include "../kernels/kernel.h"
#include "../kernels/ops/ops.h"
#include "../kernels/plugin.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const char tb_usage_list[] =
	"usage: tbench list [--json] [--plugin PATH.so]... [FAMILY...]\n"
	"       tbench list --cases [run's selection options] [FAMILY...]\n\n"
	"List kernel families and their variants: modes, threading, and whether this\n"
	"machine supports each (with the reason when it does not).\n\n"
	"      --cases  the case ids a run would measure, one per line:\n"
	"               family/variant/mode/size/tN (e.g. scale/avx2/inplace/1000x1000/t1);\n"
	"               takes run's selection options (-v, -m, -s, -t, --filter GLOB,\n"
	"               --filter-regex ERE, --plugin); with --filter and no FAMILY, every\n"
	"               family at its default sizes (--filter alone implies --cases)\n"
	"      --plugin PATH.so  list that plugin's families too (repeatable)\n"
	"      --json   one JSON document (schema tbench-list-1) on standard output:\n"
	"               families with sizes, reference and variants; a tensor op's\n"
	"               family also carries its kernels/ops/ops.def row (group, kind,\n"
	"               reference function, flops per element, stated error bound)\n";

static void modes_str(unsigned m, char *buf, size_t len)
{
	if (!m)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%s%s%s", m & TB_MODE_OUTOFPLACE ? "outofplace" : "",
			 (m & TB_MODE_OUTOFPLACE) && (m & TB_MODE_INPLACE) ? "," : "",
			 m & TB_MODE_INPLACE ? "inplace" : "");
}

static void print_family(const struct tb_family *fam)
{
	const struct tb_plugin_info *pl = tb_plugin_of_family(fam->name);
	printf("%s: %s\n  sizes: %s (%s); reference: %s\n", fam->name, fam->summary,
	       fam->default_sizes, fam->size_unit, fam->reference);
	if (pl)
		printf("  plugin: %s (%s, %s)\n", pl->name, pl->path, pl->build_id);
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

static json_t *modes_json(unsigned m)
{
	json_t *a = json_array();
	if (m & TB_MODE_OUTOFPLACE)
		json_array_append_new(a, json_string("outofplace"));
	if (m & TB_MODE_INPLACE)
		json_array_append_new(a, json_string("inplace"));
	return a;
}

/* "100x100,500x500" -> ["100x100", "500x500"] */
static json_t *list_json(const char *csv)
{
	json_t *a = json_array();
	for (const char *p = csv; *p;) {
		size_t n = strcspn(p, ",");
		json_array_append_new(a, json_stringn(p, n));
		p += n + (p[n] == ',');
	}
	return a;
}

static json_t *family_json(const struct tb_family *fam)
{
	json_t *f = json_pack("{s:s, s:s, s:o, s:o, s:s, s:s}", "name", fam->name, "summary",
			      fam->summary, "default_sizes", list_json(fam->default_sizes),
			      "suite_sizes", list_json(fam->suite_sizes), "size_unit", fam->size_unit,
			      "reference", fam->reference);
	const struct tb_plugin_info *pl = tb_plugin_of_family(fam->name);
	if (pl)
		json_object_set_new(f, "plugin", json_pack("{s:s, s:s, s:s}", "name", pl->name, "path",
							   pl->path, "build_id", pl->build_id));
	const struct tb_op_info *op = tb_op_info_find(fam->name);
	if (op)
		json_object_set_new(f, "op", json_pack("{s:s, s:s, s:s, s:f, s:f, s:s, s:o}", "group",
						       op->group, "kind", tb_op_kind_name[op->kind],
						       "reference_fn", op->ref, "flops_per_element",
						       op->flops, "bound", op->bound, "bound_unit",
						       op->bound_unit, "modes", modes_json(op->modes)));
	json_t *vars = json_array();
	for (size_t k = 0; k < tb_kernel_count(); k++) {
		const struct tb_kernel *kn = tb_kernel_at(k);
		if (strcmp(kn->family, fam->name))
			continue;
		const char *why;
		bool ok = tb_kernel_supported(kn, &why);
		json_array_append_new(vars, json_pack("{s:s, s:s, s:o, s:b, s:b, s:s?}", "name",
						      kn->variant, "summary", kn->summary, "modes",
						      modes_json(kn->modes), "threaded", kn->threaded,
						      "supported", ok, "reason", ok ? NULL : why));
	}
	json_object_set_new(f, "variants", vars);
	return f;
}

/* --cases (or a --filter): run's selection options, handed to run's parser */
static int list_cases(int argc, char **argv)
{
	char **av = calloc((size_t)argc + 1, sizeof(*av));
	int n = 0;
	if (!av)
		return tb_usage_error("out of memory");
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--cases"))
			av[n++] = argv[i];
	int rc = tb_run_list_cases(n, av);
	free(av);
	return rc;
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
					     {"json", no_argument, NULL, 'j'},
					     {"plugin", required_argument, NULL, 'p'},
					     {0}};
	int c;
	bool json = false;
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--cases") || !strncmp(argv[i], "--filter", 8))
			return list_cases(argc, argv);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		char err[512];
		if (c == 'h') {
			fputs(tb_usage_list, stdout);
			return TB_EXIT_OK;
		}
		if (c == 'j') {
			json = true;
			continue;
		}
		if (c == 'p') {
			if (tb_plugin_load(optarg, err, sizeof(err)))
				return tb_usage_error("%s", err);
			continue;
		}
		return tb_getopt_error("list", argc, argv, c);
	}
	for (int i = optind; i < argc; i++)
		if (!tb_family_find(argv[i]))
			return tb_usage_error("unknown family '%s' (see 'tbench list')", argv[i]);
	json_t *fams = json ? json_array() : NULL;
	for (size_t f = 0; f < tb_family_count(); f++) {
		const struct tb_family *fam = tb_family_at(f);
		bool want = optind >= argc;
		for (int i = optind; i < argc; i++)
			if (!strcmp(argv[i], fam->name))
				want = true;
		if (want && json)
			json_array_append_new(fams, family_json(fam));
		else if (want)
			print_family(fam);
	}
	if (!json)
		return TB_EXIT_OK;
	json_t *doc = json_pack("{s:s, s:o}", "schema", "tbench-list-1", "families", fams);
	int rc = doc ? json_dumpf(doc, stdout, JSON_INDENT(1)) : -1;
	json_decref(doc);
	if (rc)
		return tb_usage_error("cannot write the JSON document");
	putchar('\n');
	return TB_EXIT_OK;
}
