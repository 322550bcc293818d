/*
 * read_criterion.c - criterion.rs' saved results into a result set.
 * criterion keeps, per benchmark, target/criterion/<id>/<side>/ with
 * sample.json ({"sampling_mode", "iters": [...], "times": [...]}: the
 * iteration count and total ns of each sample; before 0.3.3 a bare
 * [iters, times] pair), estimates.json (its bootstrap estimates) and
 * benchmark.json (the id: "full_id", and "throughput").  <side> is "new"
 * (the last run), "base" (the one before) or a --save-baseline name.
 * Samples are times[i] / iters[i] (ns per iteration, as criterion's own
 * analysis); the median and mean in estimates.json must agree with the
 * ones recomputed from sample.json (else the files are from different
 * runs); the slope estimate becomes the metric "slope".  Case name: the
 * full_id, else the directory path below the tree given.
 */
#include "foreign.h"
#include "json.h"

#include "../kernels/common.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WALK_MAX_DEPTH 12
#define WALK_MAX_DIRS 100000
#define SAMPLES_MAX 10000000

/* an array of n numbers, each finite and >= 0 (> 0 when positive) */
static int numbers(const char *path, const char *field, json_t *a, bool positive, double *out,
		   size_t n, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(a, i);
		double v = json_number_value(x);
		if (!json_is_number(x) || !isfinite(v) || v < 0 || (positive && v <= 0))
			return tb_err(err, errlen, "%s: %s[%zu] is not a %s number", path, field, i,
				      positive ? "positive" : "finite non-negative");
		out[i] = v;
	}
	return 0;
}

/* sample.json -> ns per iteration; iteration counts' range into lo, hi */
static int read_sample(const char *path, double **out, size_t *n, double *lo, double *hi,
		       char *err, size_t errlen)
{
	json_t *doc = tb_json_load_file(path, err, errlen);
	if (!doc)
		return -1;
	json_t *it = NULL, *tm = NULL;
	if (json_is_array(doc)) {
		it = json_array_get(doc, 0);
		tm = json_array_get(doc, 1);
	} else if (json_is_object(doc)) {
		it = json_object_get(doc, "iters");
		tm = json_object_get(doc, "times");
	}
	int rc = -1;
	double *iv = NULL, *tv = NULL;
	size_t k = json_array_size(it);
	if (!json_is_array(it) || !json_is_array(tm) || !k) {
		tb_err(err, errlen, "%s: \"iters\" and \"times\" are missing or not non-empty arrays", path);
		goto out;
	}
	if (json_array_size(tm) != k || k > SAMPLES_MAX) {
		tb_err(err, errlen, "%s: %zu iters but %zu times (at most %d each, one per sample)",
		       path, k, json_array_size(tm), SAMPLES_MAX);
		goto out;
	}
	iv = malloc(k * sizeof(*iv));
	tv = malloc(k * sizeof(*tv));
	if (!iv || !tv) {
		tb_err(err, errlen, "out of memory");
		goto out;
	}
	if (numbers(path, "iters", it, true, iv, k, err, errlen) ||
	    numbers(path, "times", tm, false, tv, k, err, errlen))
		goto out;
	*lo = *hi = iv[0];
	for (size_t i = 0; i < k; i++) {
		if (iv[i] != floor(iv[i]) || iv[i] > 1e18) {
			tb_err(err, errlen, "%s: iters[%zu] is not a whole number of iterations", path, i);
			goto out;
		}
		tv[i] /= iv[i];
		*lo = fmin(*lo, iv[i]);
		*hi = fmax(*hi, iv[i]);
	}
	*out = tv;
	tv = NULL;
	*n = k;
	rc = 0;
out:
	free(iv);
	free(tv);
	json_decref(doc);
	return rc;
}

/* estimates.json: KEY's point_estimate (capitalised before 0.3.3) */
static int estimate(const char *path, json_t *doc, const char *key, const char *old_key,
		    bool required, double *out, char *err, size_t errlen)
{
	json_t *e = json_object_get(doc, key);
	if (!e)
		e = json_object_get(doc, old_key);
	*out = NAN;
	if (json_is_null(e) || (!e && !required))
		return 0;
	json_t *p = json_object_get(e, "point_estimate");
	if (!json_is_number(p) || !isfinite(json_number_value(p)))
		return tb_err(err, errlen, "%s: %s.point_estimate is missing or not a number", path, key);
	*out = json_number_value(p);
	return 0;
}

static int check_estimates(const char *side, struct tb_result *r, char *err, size_t errlen)
{
	char path[4096];
	if (!tb_path_join(path, sizeof(path), side, "estimates.json") ||
	    !tb_path_has_file(side, "estimates.json"))
		return 0;
	json_t *doc = tb_json_load_file(path, err, errlen);
	if (!doc)
		return -1;
	double med, mean, slope;
	int rc = -1;
	if (!json_is_object(doc)) {
		tb_err(err, errlen, "%s: not a JSON object", path);
	} else if (!estimate(path, doc, "median", "Median", true, &med, err, errlen) &&
		   !estimate(path, doc, "mean", "Mean", true, &mean, err, errlen) &&
		   !estimate(path, doc, "slope", "Slope", false, &slope, err, errlen)) {
		if (!tb_foreign_agrees(med, r->st.median) || !tb_foreign_agrees(mean, r->st.mean))
			tb_err(err, errlen, "%s: median %.6g / mean %.6g ns disagree with sample.json's %zu "
			       "samples (median %.6g / mean %.6g ns): files from different runs?",
			       path, med, mean, r->nsamples, r->st.median, r->st.mean);
		else if (!isnan(slope) && tb_result_add_metric(r, "slope", slope, slope))
			tb_err(err, errlen, "out of memory");
		else
			rc = 0;
	}
	json_decref(doc);
	return rc;
}

/* benchmark.json: the full id into name (when there) and the throughput */
static int read_id(const char *side, char *name, size_t len, struct tb_result *r, char *err,
		   size_t errlen)
{
	char path[4096];
	if (!tb_path_join(path, sizeof(path), side, "benchmark.json") ||
	    !tb_path_has_file(side, "benchmark.json"))
		return 0;
	json_t *doc = tb_json_load_file(path, err, errlen);
	if (!doc)
		return -1;
	int rc = 0;
	json_t *id = json_object_get(doc, "full_id");
	json_t *tp = json_object_get(doc, "throughput");
	if (!json_is_object(doc) || !json_is_string(id)) {
		rc = tb_err(err, errlen, "%s: \"full_id\" is missing or not a string", path);
	} else if (strlen(json_string_value(id)) >= len) {
		rc = tb_err(err, errlen, "%s: full_id '%.40s...' is longer than %zu characters (a case name)",
			    path, json_string_value(id), len - 1);
	} else {
		snprintf(name, len, "%s", json_string_value(id));
		static const char *const kinds[] = {"Bytes", "BytesDecimal", "Elements"};
		for (size_t k = 0; json_is_object(tp) && k < 3; k++) {
			json_t *v = json_object_get(tp, kinds[k]);
			if (!v)
				continue;
			if (!json_is_integer(v) || json_integer_value(v) < 0) {
				rc = tb_err(err, errlen, "%s: throughput.%s is not a non-negative integer",
					    path, kinds[k]);
				break;
			}
			if (k < 2)
				r->bytes = (double)json_integer_value(v);
			else
				r->items = (double)json_integer_value(v);
		}
	}
	json_decref(doc);
	return rc;
}

/* one benchmark's side directory; fallback names it without benchmark.json */
static int read_side(const char *side, const char *fallback, struct tb_resultset *rs,
		     char *err, size_t errlen)
{
	struct tb_result tmp = {0};
	char name[TB_VARIANT_MAX], path[4096];
	snprintf(name, sizeof(name), "%s", fallback);
	if (!tb_path_join(path, sizeof(path), side, "sample.json"))
		return tb_err(err, errlen, "%.200s...: path too long", side);
	double *s = NULL, lo, hi;
	size_t n = 0;
	tmp.bytes = tmp.items = NAN;
	if (read_id(side, name, sizeof(name), &tmp, err, errlen) ||
	    read_sample(path, &s, &n, &lo, &hi, err, errlen))
		return -1;
	struct tb_result *r = tb_foreign_case(rs, side, "benchmark id", TB_FAMILY_CRITERION, name,
					      err, errlen);
	if (!r) {
		free(s);
		return -1;
	}
	r->bytes = tmp.bytes;
	r->items = tmp.items;
	snprintf(r->unit, sizeof(r->unit), "%s", isnan(r->items) ? "it" : "elem");
	r->iters = (uint64_t)lo;
	int rc = tb_result_set_samples(r, s, n);
	free(s);
	if (rc)
		return tb_err(err, errlen, "out of memory");
	if (lo != hi)
		snprintf(r->note, sizeof(r->note), "%.0f to %.0f iterations per sample (criterion's "
			 "linear sampling); samples are time / iterations", lo, hi);
	return check_estimates(side, r, err, errlen);
}

/* the name of the directory up levels above dir ("fib/20/new", 1 -> "20") */
static void dir_name(const char *dir, int up, char *out, size_t len)
{
	char *rp = realpath(dir, NULL);
	snprintf(out, len, "criterion");
	if (!rp)
		return;
	for (int i = 0; i < up; i++) {
		char *s = strrchr(rp, '/');
		if (s && s != rp)
			*s = 0;
	}
	char *s = strrchr(rp, '/');
	if (s && s[1])
		snprintf(out, len, "%s", s + 1);
	free(rp);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct walk {
	const char *side;  /* the side read: "new", "base", or a baseline name */
	struct tb_resultset *rs; /* NULL: only look for base + new pairs */
	size_t found, dirs;
	char *err;
	size_t errlen;
};

/* dir (rel below the root given): a benchmark when dir/SIDE/sample.json
 * exists; its other subdirectories may hold more benchmarks */
static int walk(struct walk *w, const char *dir, const char *rel, int depth)
{
	if (depth > WALK_MAX_DEPTH || ++w->dirs > WALK_MAX_DIRS)
		return 0;
	char p[4096];
	if (tb_path_join(p, sizeof(p), dir, w->side) && tb_path_has_file(p, "sample.json")) {
		char root[TB_VARIANT_MAX];
		if (!*rel)
			dir_name(dir, 0, root, sizeof(root));
		if (!w->rs) {
			char b[4096];
			if (!strcmp(w->side, "new") && tb_path_join(b, sizeof(b), dir, "base") &&
			    tb_path_has_file(b, "sample.json"))
				w->found++;
		} else {
			if (read_side(p, *rel ? rel : root, w->rs, w->err, w->errlen))
				return -1;
			w->found++;
		}
	}
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		const char *nm = e->d_name;
		if (nm[0] == '.' || !strcmp(nm, "report") || !strcmp(nm, "change") ||
		    !strcmp(nm, "new") || !strcmp(nm, "base") || !strcmp(nm, w->side))
			continue;
		struct stat st;
		if (!tb_path_join(p, sizeof(p), dir, nm) || lstat(p, &st) != 0 || !S_ISDIR(st.st_mode) || tb_path_has_file(p, "sample.json"))
			continue; /* not a directory, a symbolic link, or another side */
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			char **nn = realloc(names, cap * sizeof(*nn));
			if (!nn) {
				rc = tb_err(w->err, w->errlen, "out of memory");
				break;
			}
			names = nn;
		}
		if (!(names[n] = strdup(nm))) {
			rc = tb_err(w->err, w->errlen, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	if (names)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n && !rc; i++) {
		char sub[4096], srel[4096];
		if (!tb_path_join(sub, sizeof(sub), dir, names[i]))
			continue;
		if (*rel ? !tb_path_join(srel, sizeof(srel), rel, names[i])
			 : snprintf(srel, sizeof(srel), "%s", names[i]) >= (int)sizeof(srel))
			continue;
		rc = walk(w, sub, srel, depth + 1);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int tb_read_criterion(const char *dir, const char *side, struct tb_resultset *rs, char *err,
		      size_t errlen)
{
	size_t first = rs->n;
	int rc;
	struct walk w = {.side = side ? side : "new", .rs = rs, .err = err, .errlen = errlen};
	if (!side && tb_path_has_file(dir, "sample.json")) {
		char name[TB_VARIANT_MAX];
		dir_name(dir, 1, name, sizeof(name));
		rc = read_side(dir, name, rs, err, errlen);
	} else {
		rc = walk(&w, dir, "", 0);
		if (!rc && !w.found && side)
			rc = tb_err(err, errlen, "%s: no criterion benchmark here has a '%s' directory "
				    "(criterion's sides: new, base, or a --save-baseline name)", dir, side);
		else if (!rc && !w.found)
			return 1;
	}
	if (rc) {
		while (rs->n > first)
			tb_result_free(&rs->r[--rs->n]);
		return -1;
	}
	if (!rs->options.n) {
		char sd[TB_VARIANT_MAX] = "";
		if (!side && tb_path_has_file(dir, "sample.json"))
			dir_name(dir, 0, sd, sizeof(sd));
		tb_kv_set(&rs->options, "format", "criterion");
		tb_kv_set(&rs->options, "criterion.side", side ? side : w.found ? "new" : sd);
	}
	return 0;
}

bool tb_foreign_criterion_pair(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return false;
	struct walk w = {.side = "new"};
	walk(&w, path, "", 0);
	return w.found > 0;
}
