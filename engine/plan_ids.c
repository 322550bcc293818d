/*
 * plan_ids.c - case ids and the --filter / --filter-regex selection of
 * `tbench run` and `tbench list --cases` (plan.h).  A case is kept
 * when its id matches any pattern; a pattern matching no case is an error
 * (a typo would otherwise select nothing, silently).
 */
#include "plan.h"

#include "../reports/results.h"

#include <fnmatch.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void case_fields(const struct tb_plan_case *pc, char sep, char *buf, size_t len)
{
	char size[64];
	if (pc->size.rows > 1)
		snprintf(size, sizeof(size), "%" PRIu64 "x%" PRIu64, pc->size.rows, pc->size.cols);
	else
		snprintf(size, sizeof(size), "%" PRIu64, pc->size.n);
	snprintf(buf, len, "%s%c%s%c%s%c%s%c%s%u", pc->k->family, sep, pc->k->variant, sep,
		 tb_mode_name(pc->mode), sep, size, sep, sep == '/' ? "t" : "", pc->threads);
}

void tb_case_id(const struct tb_plan_case *pc, char *buf, size_t len)
{
	case_fields(pc, '/', buf, len);
}

void tb_case_fields(const struct tb_plan_case *pc, char *buf, size_t len)
{
	case_fields(pc, ' ', buf, len);
}

void tb_case_label(const struct tb_plan_case *pc, char *buf, size_t len)
{
	char sz[48];
	tb_result_size_str(&(struct tb_result){.n = pc->size.n, .rows = pc->size.rows,
						 .cols = pc->size.cols}, sz, sizeof(sz));
	snprintf(buf, len, "%s/%s %s %s", pc->k->family, pc->k->variant, tb_mode_name(pc->mode), sz);
	if (pc->threads > 1 && strlen(buf) < len)
		snprintf(buf + strlen(buf), len - strlen(buf), " x%u", pc->threads);
}

int tb_filters_add(struct tb_filters *f, const char *pat, bool regex, char *err, size_t len)
{
	const char *opt = regex ? "--filter-regex" : "--filter";
	if (f->n == TB_MAX_FILTERS)
		return snprintf(err, len, "too many --filter patterns (at most %d)", TB_MAX_FILTERS), -1;
	if (!*pat)
		return snprintf(err, len, "invalid %s '': expected a pattern over case ids such as "
				"scale/avx2/inplace/1000x1000/t1", opt), -1;
	if (regex) {
		int rc = regcomp(&f->re[f->n], pat, REG_EXTENDED | REG_NOSUB);
		if (rc) {
			char why[200];
			regerror(rc, &f->re[f->n], why, sizeof(why));
			regfree(&f->re[f->n]);
			return snprintf(err, len, "invalid --filter-regex '%s': %s (a POSIX extended regular expression)",
					pat, why), -1;
		}
	}
	f->pat[f->n] = pat;
	f->regex[f->n] = regex;
	f->n++;
	return 0;
}

bool tb_filters_keep(const struct tb_filters *f, const char *id, bool *hit)
{
	bool keep = f->n == 0;
	for (int i = 0; i < f->n; i++)
		if (f->regex[i] ? !regexec(&f->re[i], id, 0, NULL, 0) : !fnmatch(f->pat[i], id, 0))
			keep = hit[i] = true;
	return keep;
}

int tb_filters_all_hit(const struct tb_filters *f, const bool *hit, char *err, size_t len)
{
	for (int i = 0; i < f->n; i++)
		if (!hit[i])
			return snprintf(err, len, "%s '%s' matches no case of this selection (see 'tbench list --cases')",
					f->regex[i] ? "--filter-regex" : "--filter", f->pat[i]), -1;
	return 0;
}

void tb_filters_free(struct tb_filters *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->regex[i])
			regfree(&f->re[i]);
	f->n = 0;
}
