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
 * ones recomputed from sample.json (the loader's check: else the files
 * are from different runs); the slope estimate becomes the metric "slope".  Case name: the
 * full_id, else the directory path below the tree given.
 */
#include "foreign.h"
#include "json.h"

#include "../kernels/common.h"
#include "csv_read.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WALK_MAX_DEPTH 12
#define WALK_MAX_DIRS 100000
#define SAMPLES_MAX 10000000

/* an array of n numbers (> 0 when positive: iteration counts divide; a
 * time's range is the loader's check) */
static int numbers(const char *path, const char *field, json_t *a, bool positive, double *out,
		   size_t n, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(a, i);
		double v = json_number_value(x);
		if (!json_is_number(x) || (positive && !(v > 0)))
			return tb_err(err, errlen, "%s: %s[%zu] is not a %snumber", path, field, i,
				      positive ? "positive " : "");
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

/* estimates.json: its median and mean (the loader checks them against
 * sample.json's) and the slope as a metric */
static int read_estimates(const char *side, struct tb_load_case *lc, struct tb_result *r,
			  char *err, size_t errlen)
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
		lc->declared_median = med;
		lc->declared_mean = mean;
		if (!isnan(slope) && tb_result_add_metric(r, "slope", slope, slope))
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
static int read_side(struct tb_load *ld, const char *side, const char *fallback, char *err,
		     size_t errlen)
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
	struct tb_result *r = tb_load_add(ld, "%s", side);
	int rc = r ? tb_foreign_key(r, TB_FAMILY_CRITERION, name, side, "benchmark id", err, errlen)
		   : tb_err(err, errlen, "out of memory");
	if (!rc && tb_load_samples(r, s, n))
		rc = tb_err(err, errlen, "out of memory");
	free(s);
	if (rc)
		return -1;
	r->bytes = tmp.bytes;
	r->items = tmp.items;
	snprintf(r->unit, sizeof(r->unit), "%s", isnan(r->items) ? "it" : "elem");
	r->iters = (uint64_t)lo;
	if (lo != hi)
		snprintf(r->note, sizeof(r->note), "%.0f to %.0f iterations per sample (criterion's "
			 "linear sampling); samples are time / iterations", lo, hi);
	return read_estimates(side, tb_load_last(ld), r, err, errlen);
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
	struct tb_load *ld; /* NULL: only count */
	bool first;         /* (counting) stop at the first benchmark found */
	size_t found;       /* benchmarks with the side */
	size_t pairs;       /* ... that have base/ too (side "new") */
	size_t dirs;
	char *err;
	size_t errlen;
};

/* dir (rel below the root given): a benchmark when dir/SIDE/sample.json
 * exists; its other subdirectories may hold more benchmarks */
static int walk(struct walk *w, const char *dir, const char *rel, int depth)
{
	if (depth > WALK_MAX_DEPTH || ++w->dirs > WALK_MAX_DIRS || (w->first && w->found))
		return 0;
	char p[4096];
	if (tb_path_join(p, sizeof(p), dir, w->side) && tb_path_has_file(p, "sample.json")) {
		char root[TB_VARIANT_MAX], b[4096];
		if (!*rel)
			dir_name(dir, 0, root, sizeof(root));
		if (w->ld && read_side(w->ld, p, *rel ? rel : root, w->err, w->errlen))
			return -1;
		w->found++;
		if (!strcmp(w->side, "new") && tb_path_join(b, sizeof(b), dir, "base") &&
		    tb_path_has_file(b, "sample.json"))
			w->pairs++;
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
		if (!tb_path_join(p, sizeof(p), dir, nm) || lstat(p, &st) != 0 ||
		    !S_ISDIR(st.st_mode) || tb_path_has_file(p, "sample.json"))
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

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* DIR@SIDE (a path that does not exist as given): DIR into dir, SIDE's
 * offset into *side; false when PATH is not of that form */
static bool split_side(const char *path, char *dir, size_t len, const char **side)
{
	struct stat st;
	const char *at = strrchr(path, '@');
	if (stat(path, &st) == 0 || !at || at == path || !at[1] || strchr(at, '/') ||
	    (size_t)(at - path) >= len)
		return false;
	snprintf(dir, len, "%.*s", (int)(at - path), path);
	*side = at + 1;
	return is_dir(dir);
}

/* a directory of criterion's: one benchmark's side (sample.json in it), or
 * a tree with a benchmark's new/ below; never a tbench result directory */
static bool detect_path(const char *path)
{
	char dir[4096];
	const char *side;
	if (split_side(path, dir, sizeof(dir), &side))
		return true;
	if (!is_dir(path) || tb_path_has_file(path, "summary.csv"))
		return false;
	if (tb_path_has_file(path, "sample.json"))
		return true;
	struct walk w = {.side = "new", .first = true};
	walk(&w, path, "", 0);
	return w.found > 0;
}

/* dir: one benchmark's side directory (holding sample.json), or a tree
 * whose benchmarks' SIDE/ directories are read (side NULL: "new") */
static int read_dir(struct tb_load *ld, const char *dir, const char *side, char *err,
		    size_t errlen)
{
	struct tb_resultset *rs = ld->rs;
	struct walk w = {.side = side ? side : "new", .ld = ld, .err = err, .errlen = errlen};
	bool one = !side && tb_path_has_file(dir, "sample.json");
	char sd[TB_VARIANT_MAX] = "";
	int rc;
	if (one) {
		char name[TB_VARIANT_MAX];
		dir_name(dir, 1, name, sizeof(name));
		dir_name(dir, 0, sd, sizeof(sd));
		rc = read_side(ld, dir, name, err, errlen);
	} else {
		rc = walk(&w, dir, "", 0);
		if (!rc && !w.found)
			rc = tb_err(err, errlen, "%s: no criterion benchmark here has a '%s' directory "
				    "(criterion's sides: new, base, or a --save-baseline name)", dir,
				    w.side);
	}
	if (!rc && !rs->options.n) {
		tb_kv_set(&rs->options, "format", "criterion");
		tb_kv_set(&rs->options, "criterion.side", one ? sd : w.side);
	}
	return rc;
}

static int read_criterion(struct tb_load *ld, const char *path, char *comp, size_t clen,
			  char *err, size_t errlen)
{
	(void)comp, (void)clen;
	char dir[4096];
	const char *side = NULL;
	int rc;
	if (split_side(path, dir, sizeof(dir), &side)) {
		rc = read_dir(ld, dir, side, err, errlen);
	} else if (is_dir(path)) {
		rc = read_dir(ld, path, NULL, err, errlen);
	} else { /* one of criterion's JSON files: the directory it is in */
		const char *slash = strrchr(path, '/');
		snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1,
			 slash ? path : ".");
		if (!dir[0])
			snprintf(dir, sizeof(dir), "/");
		rc = read_dir(ld, dir, NULL, err, errlen);
	}
	return rc ? tb_csv_one_line(err, errlen) : 0;
}

/* sample.json ({"sampling_mode", "iters", "times"}, before 0.3.3 a bare
 * [iters, times] pair), estimates.json or benchmark.json */
static bool detect(const char *head, size_t len)
{
	static const char *const keys[] = {
		"sampling_mode", "iters", "times", "mean", "Mean", "median", "Median",
		"median_abs_dev", "std_dev", "slope", "group_id", "full_id", "function_id",
		"directory_name",
	};
	if (len && head[0] == '[') {
		size_t i = 1;
		while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
				   head[i] == '\n'))
			i++;
		return i < len && head[i] == '[';
	}
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		if (tb_foreign_head_key(head, len, keys[k]))
			return true;
	return false;
}

static const char *const cfields[TB_LF_COUNT] =
	TB_FOREIGN_FIELDS("sample.json: times", "estimates.json: median.point_estimate",
			  "estimates.json: mean.point_estimate", "sample.json: times / iters",
			  "benchmark.json: throughput.Bytes", "benchmark.json: throughput.Elements");

const struct tb_reader tb_reader_criterion = {
	.name = "criterion.rs directory",
	.sep = "/",
	.fields = cfields,
	.detect = detect,
	.detect_path = detect_path,
	.read = read_criterion,
};

bool tb_foreign_criterion_pair(const char *path)
{
	if (!is_dir(path))
		return false;
	struct walk w = {.side = "new"};
	walk(&w, path, "", 0);
	return w.pairs > 0;
}
