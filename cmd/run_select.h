/*
 * run_select.h - case ids (family/variant/mode/size/tN) and the --filter /
 * --filter-regex patterns that select cases by them (run_select.c), and
 * --plugin (run_plugin.c): loading, and what a run records of each plugin.
 */
#ifndef TB_CMD_RUN_SELECT_H
#define TB_CMD_RUN_SELECT_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#define TB_MAX_FILTERS 64

struct tb_filters {
	const char *pat[TB_MAX_FILTERS];
	bool regex[TB_MAX_FILTERS];
	regex_t re[TB_MAX_FILTERS];
	int n;
};

struct tb_plan_case;
struct tb_kvlist;

/* "scale/avx2/inplace/1000x1000/t1" (mode "-" for kernels without one) */
void tb_case_id(const struct tb_plan_case *pc, char *buf, size_t len);
struct tb_plan;
/* the plan on stdout, one case per line: its id (list --cases), or
 * "family variant mode size threads" (run --dry-run) */
void tb_plan_print(const struct tb_plan *plan, bool ids);
/* adds a glob (fnmatch) or a POSIX ERE (regcomp); 0, or -1 with err */
int tb_filters_add(struct tb_filters *f, const char *pat, bool regex, char *err, size_t len);
/* true if there are no patterns or id matches one; hit[i] set for each match */
bool tb_filters_keep(const struct tb_filters *f, const char *id, bool *hit);
/* 0 if every pattern matched a case (hit[]), else -1 with err naming the first that did not */
int tb_filters_all_hit(const struct tb_filters *f, const bool *hit, char *err, size_t len);
void tb_filters_free(struct tb_filters *f);

/* plugin.NAME.path and plugin.NAME.build_id, for the options and the fingerprint */
void tb_run_plugins_record(struct tb_kvlist *kv);

#endif
