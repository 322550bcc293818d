/*
 * read_gbench.c - Google Benchmark JSON (--benchmark_out_format=json) into
 * a result set.  One case per run_name: its per-repetition rows are the
 * samples (real_time, or cpu_time; per iteration, in time_unit), the
 * aggregates (mean, median, ...) are recognised and never counted as
 * samples - where repetition rows exist, the median and mean aggregates of
 * the time sampled must agree with the ones recomputed from them (the
 * loader's check, as is the repetition count); where only aggregates
 * exist (--benchmark_report_aggregates_only) the median aggregate is the
 * case's median, without samples.  User counters become metrics; the
 * context block becomes the fingerprint.
 */
#include "foreign.h"
#include "json.h"

#include "../kernels/common.h"
#include "csv_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* keys of a row that are not user counters */
static const char *const known_keys[] = {
	"name", "family_index", "per_family_instance_index", "run_name", "run_type",
	"repetitions", "repetition_index", "threads", "aggregate_name", "aggregate_unit",
	"error_occurred", "error_message", "skipped", "skip_message", "iterations",
	"real_time", "cpu_time", "time_unit", "cpu_coefficient", "real_coefficient", "big_o",
	"rms", "label",
};

static bool known(const char *k)
{
	for (size_t i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
		if (!strcmp(k, known_keys[i]))
			return true;
	return false;
}

struct vec {
	double *v;
	size_t n, cap;
};

static int push(struct vec *x, double v)
{
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;
		double *nv = realloc(x->v, cap * sizeof(*nv));
		if (!nv)
			return -1;
		x->v = nv;
		x->cap = cap;
	}
	x->v[x->n++] = v;
	return 0;
}

struct counter {
	const char *name; /* in the document */
	struct vec v;
};

struct group {
	const char *name;        /* run_name, in the document */
	struct vec t[2];         /* per repetition: [0] real_time, [1] cpu_time, ns */
	struct counter *ctr;
	size_t nctr;
	long long declared;      /* "repetitions" of its rows; -1 unknown */
	long long iters, threads;
	const char *error, *skip, *label; /* messages, in the document */
	double agg_median[2], agg_mean[2]; /* aggregates, ns; NaN when absent */
};

struct groups {
	struct group *g;
	size_t n, cap;
	json_t *index; /* run_name -> position in g */
	json_t *names; /* every row's name (old-style aggregates are found by it) */
};

static void groups_free(struct groups *gs)
{
	for (size_t i = 0; i < gs->n; i++) {
		free(gs->g[i].t[0].v);
		free(gs->g[i].t[1].v);
		for (size_t j = 0; j < gs->g[i].nctr; j++)
			free(gs->g[i].ctr[j].v.v);
		free(gs->g[i].ctr);
	}
	free(gs->g);
	json_decref(gs->index);
	json_decref(gs->names);
}

static struct group *group_of(struct groups *gs, const char *name)
{
	json_t *at = json_object_get(gs->index, name);
	if (at)
		return &gs->g[json_integer_value(at)];
	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? 2 * gs->cap : 16;
		struct group *ng = realloc(gs->g, cap * sizeof(*ng));
		if (!ng)
			return NULL;
		gs->g = ng;
		gs->cap = cap;
	}
	if (json_object_set_new(gs->index, name, json_integer((json_int_t)gs->n)))
		return NULL;
	struct group *g = &gs->g[gs->n++];
	memset(g, 0, sizeof(*g));
	/* the index's own copy of the name: name may be a caller's buffer */
	g->name = json_object_iter_key(json_object_iter_at(gs->index, name));
	g->declared = g->iters = -1;
	g->threads = 1;
	g->agg_median[0] = g->agg_median[1] = g->agg_mean[0] = g->agg_mean[1] = NAN;
	return g;
}

static const char *str_of(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ns per time_unit; 0 when unknown */
static double unit_ns(const char *u)
{
	static const struct { const char *name; double ns; } units[] = {
		{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}};
	for (size_t i = 0; u && i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(u, units[i].name))
			return units[i].ns;
	return 0;
}

static const char *const agg_suffixes[] = {"_mean", "_median", "_stddev", "_cv"};

/* Before run_type existed (Google Benchmark < 1.5) an aggregate was known
 * only by its name: NAME_mean etc. beside rows named NAME. */
static size_t old_style_aggregate(json_t *names, const char *name)
{
	size_t n = strlen(name);
	for (size_t s = 0; s < sizeof(agg_suffixes) / sizeof(agg_suffixes[0]); s++) {
		size_t k = strlen(agg_suffixes[s]);
		if (n > k && !strcmp(name + n - k, agg_suffixes[s]) &&
		    json_object_getn(names, name, n - k))
			return n - k;
	}
	return 0;
}

/* one row: where says "benchmarks[i]" */
static int read_row(const char *path, size_t i, json_t *row, struct groups *gs,
		    char *err, size_t errlen)
{
	char where[48];
	snprintf(where, sizeof(where), "benchmarks[%zu]", i);
	if (!json_is_object(row))
		return tb_err(err, errlen, "%s: %s is not an object", path, where);
	const char *name = str_of(row, "name");
	if (!name || !*name)
		return tb_err(err, errlen, "%s: %s.name is missing or not a string", path, where);
	const char *type = str_of(row, "run_type");
	json_t *rt = json_object_get(row, "run_type");
	if (rt && !type)
		return tb_err(err, errlen, "%s: %s.run_type is not a string", path, where);
	if (type && strcmp(type, "iteration") && strcmp(type, "aggregate"))
		return tb_err(err, errlen, "%s: %s.run_type '%s' is neither iteration nor aggregate",
			      path, where, type);
	const char *agg = str_of(row, "aggregate_name");
	bool is_agg = type ? !strcmp(type, "aggregate") : agg != NULL;
	const char *run_name = str_of(row, "run_name");
	char base[TB_VARIANT_MAX];
	if (!type && !agg) {
		size_t k = old_style_aggregate(gs->names, name);
		if (k && k < sizeof(base)) {
			is_agg = true;
			snprintf(base, sizeof(base), "%.*s", (int)k, name);
			agg = name + k + 1;
			run_name = base;
		}
	}
	if (!run_name)
		run_name = name;
	if (is_agg) {
		/* only the time-valued mean and median are used (cross-check or,
		 * without repetition rows, the case's median); stddev, cv, BigO,
		 * RMS and user statistics are the tool's own summaries */
		const char *unit = str_of(row, "aggregate_unit");
		if (!agg || (strcmp(agg, "median") && strcmp(agg, "mean")) ||
		    (unit && strcmp(unit, "time")) || json_object_get(row, "error_occurred"))
			return 0;
		struct group *g = group_of(gs, run_name);
		if (!g)
			return tb_err(err, errlen, "out of memory");
		double f = unit_ns(str_of(row, "time_unit")), rt_, ct;
		if (!f)
			return tb_err(err, errlen, "%s: %s.time_unit is missing or not ns, us, ms or s",
				      path, where);
		if (tb_foreign_num(row, "real_time", path, where, &rt_, err, errlen) ||
		    tb_foreign_num(row, "cpu_time", path, where, &ct, err, errlen))
			return -1;
		double *dst = !strcmp(agg, "median") ? g->agg_median : g->agg_mean;
		dst[0] = rt_ * f;
		dst[1] = ct * f;
		return 0;
	}
	struct group *g = group_of(gs, run_name);
	if (!g)
		return tb_err(err, errlen, "out of memory");
	json_t *rep = json_object_get(row, "repetitions");
	if (rep) {
		if (!json_is_integer(rep) || json_integer_value(rep) < 1)
			return tb_err(err, errlen, "%s: %s.repetitions is not a positive integer", path,
				      where);
		g->declared = json_integer_value(rep);
	}
	json_t *th = json_object_get(row, "threads");
	if (th) {
		if (!json_is_integer(th) || json_integer_value(th) < 1 || json_integer_value(th) > 4096)
			return tb_err(err, errlen, "%s: %s.threads is not an integer from 1 to 4096",
				      path, where);
		g->threads = json_integer_value(th);
	}
	if (str_of(row, "label"))
		g->label = str_of(row, "label");
	if (json_is_true(json_object_get(row, "error_occurred"))) {
		const char *m = str_of(row, "error_message");
		g->error = m && *m ? m : "error";
		return 0;
	}
	if (json_is_true(json_object_get(row, "skipped"))) {
		const char *m = str_of(row, "skip_message");
		g->skip = m && *m ? m : "skipped";
		return 0;
	}
	json_t *it = json_object_get(row, "iterations");
	if (!json_is_integer(it) || json_integer_value(it) < 1)
		return tb_err(err, errlen, "%s: %s.iterations is missing or not a positive integer",
			      path, where);
	if (g->iters < 0)
		g->iters = json_integer_value(it);
	double f = unit_ns(str_of(row, "time_unit")), t[2];
	if (!f)
		return tb_err(err, errlen, "%s: %s.time_unit is missing or not ns, us, ms or s", path,
			      where);
	if (tb_foreign_num(row, "real_time", path, where, &t[0], err, errlen) ||
	    tb_foreign_num(row, "cpu_time", path, where, &t[1], err, errlen))
		return -1;
	if (push(&g->t[0], t[0] * f) || push(&g->t[1], t[1] * f))
		return tb_err(err, errlen, "out of memory");
	const char *k;
	json_t *v;
	json_object_foreach(row, k, v) {
		if (known(k) || !json_is_number(v))
			continue;
		size_t j;
		for (j = 0; j < g->nctr && strcmp(g->ctr[j].name, k); j++)
			;
		if (j == g->nctr) {
			struct counter *nc = realloc(g->ctr, (g->nctr + 1) * sizeof(*nc));
			if (!nc)
				return tb_err(err, errlen, "out of memory");
			g->ctr = nc;
			g->ctr[g->nctr++] = (struct counter){.name = k};
		}
		if (push(&g->ctr[j].v, json_number_value(v)))
			return tb_err(err, errlen, "out of memory");
	}
	return 0;
}

static int finish(struct tb_load *ld, const char *path, const struct group *g, char *err,
		  size_t errlen)
{
	struct tb_result *r = tb_load_add(ld, "%s: %s", path, g->name);
	if (!r)
		return tb_err(err, errlen, "out of memory");
	if (tb_foreign_key(r, TB_FAMILY_GBENCH, g->name, path, "benchmark name", err, errlen))
		return -1;
	int sel = ld->ro->gbench_time == TB_GBENCH_CPU ? 1 : 0;
	r->threads = (unsigned)g->threads;
	snprintf(r->unit, sizeof(r->unit), "it");
	if (g->error || g->skip) {
		r->status = g->error ? TB_STATUS_SETUP_FAILED : TB_STATUS_UNSUPPORTED;
		snprintf(r->note, sizeof(r->note), "Google Benchmark: %s%s",
			 g->error ? "error: " : "skipped: ", g->error ? g->error : g->skip);
		return 0;
	}
	struct tb_load_case *lc = tb_load_last(ld);
	if (g->declared > 0)
		lc->declared_samples = (size_t)g->declared;
	size_t n = g->t[sel].n;
	if (!n) {
		if (isnan(g->agg_median[sel]) && isnan(g->agg_mean[sel]))
			return tb_err(err, errlen, "%s: '%s' has neither repetitions nor a mean or median "
				      "aggregate", path, g->name);
		r->st.median = isnan(g->agg_median[sel]) ? g->agg_mean[sel] : g->agg_median[sel];
		r->st.mean = g->agg_mean[sel];
		snprintf(r->note, sizeof(r->note), "aggregates only (no repetition rows): the %s "
			 "aggregate, no samples", isnan(g->agg_median[sel]) ? "mean" : "median");
		return 0;
	}
	r->iters = (uint64_t)g->iters;
	if (tb_load_samples(r, g->t[sel].v, n))
		return tb_err(err, errlen, "out of memory");
	/* the tool's aggregates must be those of its rows (the loader's check) */
	lc->declared_median = g->agg_median[sel];
	lc->declared_mean = g->agg_mean[sel];
	if (tb_foreign_metric(r, sel ? "real_time" : "cpu_time", g->t[!sel].v, n, path, err,
			      errlen))
		return -1;
	for (size_t j = 0; j < g->nctr; j++) {
		/* a counter some repetition lacks (or wrote as NaN) is unknown */
		size_t k = g->ctr[j].v.n == n ? n : 0;
		if (tb_foreign_metric(r, g->ctr[j].name, g->ctr[j].v.v, k, path, err, errlen))
			return -1;
	}
	if (n == 1)
		snprintf(r->note, sizeof(r->note), "one repetition: run with "
			 "--benchmark_repetitions=N for samples the test can use");
	else if (g->label)
		snprintf(r->note, sizeof(r->note), "label: %s", g->label);
	return 0;
}

/* the context block, under tbench's fingerprint names where they mean the
 * same (host.name, cpu.count, cache.*), else gbench.*; the date and the
 * load go to keys the comparison treats as volatile */
static void context(json_t *ctx, struct tb_kvlist *fp)
{
	const char *k;
	json_t *v;
	json_object_foreach(ctx, k, v) {
		char key[160], val[512];
		if (!strcmp(k, "caches") && json_is_array(v)) {
			size_t i;
			json_t *c;
			json_array_foreach(v, i, c) {
				json_t *lv = json_object_get(c, "level"), *sz = json_object_get(c, "size");
				const char *ty = str_of(c, "type");
				if (!json_is_integer(lv) || !json_is_integer(sz) || !ty)
					continue;
				snprintf(key, sizeof(key), "cache.l%lld%s", (long long)json_integer_value(lv),
					 !strcmp(ty, "Data") ? "d" : !strcmp(ty, "Instruction") ? "i" : "");
				snprintf(val, sizeof(val), "%lldK", (long long)json_integer_value(sz) / 1024);
				tb_kv_set(fp, key, val);
			}
			continue;
		}
		if (json_is_string(v))
			snprintf(val, sizeof(val), "%s", json_string_value(v));
		else if (json_is_integer(v))
			snprintf(val, sizeof(val), "%lld", (long long)json_integer_value(v));
		else if (json_is_real(v))
			snprintf(val, sizeof(val), "%.6g", json_real_value(v));
		else if (json_is_boolean(v))
			snprintf(val, sizeof(val), "%s", json_is_true(v) ? "yes" : "no");
		else if (json_is_array(v)) {
			val[0] = 0;
			size_t i;
			json_t *x;
			json_array_foreach(v, i, x)
				if (json_is_number(x))
					snprintf(val + strlen(val), sizeof(val) - strlen(val), "%s%.2f",
						 i ? " " : "", json_number_value(x));
		} else
			continue;
		static const struct { const char *from, *to; } map[] = {
			{"host_name", "host.name"}, {"num_cpus", "cpu.count"},
			{"date", "run.timestamp"}, {"executable", "run.executable"},
			{"load_avg", "os.loadavg"},
		};
		const char *to = NULL;
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (!strcmp(k, map[i].from))
				to = map[i].to;
		if (to)
			snprintf(key, sizeof(key), "%s", to);
		else
			snprintf(key, sizeof(key), "gbench.%.150s", k);
		tb_kv_set(fp, key, val);
	}
}

static const char *const gfields[2][TB_LF_COUNT] = {
	TB_FOREIGN_FIELDS("repetitions", "median aggregate's real_time (as ns)",
			  "mean aggregate's real_time (as ns)", "real_time (as ns)", "bytes",
			  "items"),
	TB_FOREIGN_FIELDS("repetitions", "median aggregate's cpu_time (as ns)",
			  "mean aggregate's cpu_time (as ns)", "cpu_time (as ns)", "bytes",
			  "items"),
};

static int read_gbench(struct tb_load *ld, const char *path, char *comp, size_t clen,
		       char *err, size_t errlen)
{
	(void)comp, (void)clen;
	struct tb_resultset *rs = ld->rs;
	bool cpu = ld->ro->gbench_time == TB_GBENCH_CPU;
	ld->fields = gfields[cpu];
	json_t *doc = tb_json_load_file(path, err, errlen);
	if (!doc)
		return -1;
	json_t *rows = json_object_get(doc, "benchmarks");
	struct groups gs = {.index = json_object(), .names = json_object()};
	int rc = gs.index && gs.names ? 0 : tb_err(err, errlen, "out of memory");
	if (!rc && !json_is_array(rows))
		rc = tb_err(err, errlen, "%s: \"benchmarks\" is missing or not an array", path);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *nm = str_of(row, "name");
		if (!rc && nm && json_object_set_new(gs.names, nm, json_true()))
			rc = tb_err(err, errlen, "out of memory");
	}
	json_array_foreach(rows, i, row) {
		if (rc || (rc = read_row(path, i, row, &gs, err, errlen)))
			break;
	}
	if (!rc && !gs.n)
		rc = tb_err(err, errlen, "%s: \"benchmarks\" is empty", path);
	for (size_t g = 0; !rc && g < gs.n; g++)
		rc = finish(ld, path, &gs.g[g], err, errlen);
	groups_free(&gs);
	if (!rc && !rs->fingerprint.n)
		context(json_object_get(doc, "context"), &rs->fingerprint);
	if (!rc && !rs->options.n) {
		tb_kv_set(&rs->options, "format", "google-benchmark");
		tb_kv_set(&rs->options, "gbench.time", cpu ? "cpu_time" : "real_time");
	}
	json_decref(doc);
	return rc ? tb_csv_one_line(err, errlen) : 0;
}

/* Google Benchmark writes {"context": {...}, "benchmarks": [...]} */
static bool detect(const char *head, size_t len)
{
	return tb_foreign_head_key(head, len, "context") ||
	       tb_foreign_head_key(head, len, "benchmarks");
}

const struct tb_reader tb_reader_gbench = {
	.name = "Google Benchmark JSON",
	.sep = ": ",
	.fields = gfields[0],
	.detect = detect,
	.read = read_gbench,
};
