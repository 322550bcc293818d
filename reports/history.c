/*
 * history.c - the results history (see history.h): opening a store,
 * recognising it (schema version table), migrating it, and recording a
 * result set as one transaction.  All the SQL lives here and in
 * history_read.c; the backends (history_sqlite.c, history_pg.c) only carry
 * it.  Schema: docs/history.md.
 */
#define _GNU_SOURCE
#include "history.h"
#include "compare.h"
#include "history_db.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef TB_VERSION
#define TB_VERSION "0.0.0"
#endif

static const char *const our_tables[] = {"tbench_schema", "tbench_machines", "tbench_runs",
					 "tbench_results"};
#define NTABLES (sizeof(our_tables) / sizeof(our_tables[0]))

/* Migration N brings the schema from version N-1 to N; %s is the backend's
 * auto-numbered id column.  Never edit one that has shipped: add the next. */
static const char *const migrations[TB_HISTORY_VERSION] = {
	"CREATE TABLE tbench_schema (app TEXT NOT NULL, version INTEGER NOT NULL,"
	" applied TEXT NOT NULL);"
	"CREATE TABLE tbench_machines (id TEXT PRIMARY KEY, description TEXT NOT NULL,"
	" fingerprint TEXT NOT NULL);"
	"CREATE TABLE tbench_runs (%s, commit_sha TEXT NOT NULL, branch TEXT NOT NULL,"
	" run_time TEXT NOT NULL, machine TEXT NOT NULL REFERENCES tbench_machines (id),"
	" name TEXT NOT NULL, added TEXT NOT NULL, tbench_version TEXT NOT NULL);"
	"CREATE INDEX tbench_runs_order ON tbench_runs (machine, run_time, id);"
	"CREATE TABLE tbench_results (run BIGINT NOT NULL REFERENCES tbench_runs (id)"
	" ON DELETE CASCADE, case_key TEXT NOT NULL, metric TEXT NOT NULL,"
	" family TEXT NOT NULL, variant TEXT NOT NULL, mode TEXT NOT NULL, n BIGINT NOT NULL,"
	" nrows BIGINT NOT NULL, ncols BIGINT NOT NULL, threads INTEGER NOT NULL,"
	" status TEXT NOT NULL, note TEXT NOT NULL, samples BIGINT NOT NULL,"
	" pooled BIGINT NOT NULL, median DOUBLE PRECISION, ci_low DOUBLE PRECISION,"
	" ci_high DOUBLE PRECISION, mad DOUBLE PRECISION, minimum DOUBLE PRECISION,"
	" p95 DOUBLE PRECISION, bytes DOUBLE PRECISION, items DOUBLE PRECISION,"
	" unit TEXT NOT NULL, PRIMARY KEY (run, case_key, metric));"
	"CREATE INDEX tbench_results_case ON tbench_results (case_key);",
};

const char *tb_history_where(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *e = getenv(TB_HISTORY_ENV);
	return e && *e ? e : TB_HISTORY_DEFAULT;
}

bool tb_history_is_pg(const char *where)
{
	return !strncmp(where, "postgresql://", 13) || !strncmp(where, "postgres://", 11);
}

const char *tb_history_backend(const struct tb_history *h)
{
	return h->ops->name;
}

static void now_utc(char out[24])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- what is in the database ---- */

struct inspect {
	bool ours[NTABLES];
	size_t others;         /* tables that are not tbench's */
	int version;           /* newest migration applied; 0 none */
	bool foreign_app;      /* tbench_schema names another application */
	size_t rows;
};

static int table_row(void *ctx, size_t n, const char *const *v)
{
	struct inspect *in = ctx;
	if (!n || !v[0])
		return 0;
	for (size_t i = 0; i < NTABLES; i++)
		if (!strcmp(v[0], our_tables[i])) {
			in->ours[i] = true;
			return 0;
		}
	in->others++;
	return 0;
}

static int schema_row(void *ctx, size_t n, const char *const *v)
{
	struct inspect *in = ctx;
	in->rows++;
	if (n < 2 || !v[0] || strcmp(v[0], TB_HISTORY_APP)) {
		in->foreign_app = true;
		return 0;
	}
	int ver = v[1] ? atoi(v[1]) : 0;
	if (ver > in->version)
		in->version = ver;
	return 0;
}

/* 0 with in filled, or TB_HISTORY_REFUSED / _MISSING with err */
static int inspect(struct tb_history *h, const char *where, bool write, struct inspect *in,
		   char *err, size_t errlen)
{
	memset(in, 0, sizeof(*in));
	int rc = h->ops->exec(h->db, h->ops->tables_sql, 0, NULL, table_row, in, err, errlen);
	if (rc)
		return rc;
	if (!in->ours[0]) {
		bool any_ours = false;
		for (size_t i = 1; i < NTABLES; i++)
			any_ours |= in->ours[i];
		if (any_ours || (!h->ops->shared && in->others)) {
			snprintf(err, errlen, "'%s' holds tables but no %s table: not a tbench history, "
				 "refusing it", where, our_tables[0]);
			return TB_HISTORY_REFUSED;
		}
		if (!write) {
			snprintf(err, errlen, "no history recorded in '%s' yet: record one with "
				 "'tbench history add'", where);
			return TB_HISTORY_MISSING;
		}
		return 0;
	}
	rc = h->ops->exec(h->db, "SELECT app, version FROM tbench_schema", 0, NULL, schema_row, in,
			  err, errlen);
	if (rc)
		return rc;
	if (in->foreign_app || !in->rows) {
		snprintf(err, errlen, "'%s': its %s table does not say '%s': another application's "
			 "database, refusing it", where, our_tables[0], TB_HISTORY_APP);
		return TB_HISTORY_REFUSED;
	}
	if (in->version > TB_HISTORY_VERSION) {
		snprintf(err, errlen, "'%s' has history schema version %d, newer than the %d this "
			 "tbench knows: refusing it (use a newer tbench)", where, in->version,
			 TB_HISTORY_VERSION);
		return TB_HISTORY_REFUSED;
	}
	for (size_t i = 1; i < NTABLES; i++)
		if (!in->ours[i]) {
			snprintf(err, errlen, "'%s' is damaged: schema version %d but no %s table: "
				 "refusing it", where, in->version, our_tables[i]);
			return TB_HISTORY_REFUSED;
		}
	if (in->version < TB_HISTORY_VERSION && !write) {
		snprintf(err, errlen, "'%s' has history schema version %d, older than %d: the "
			 "next 'tbench history add' migrates it", where, in->version,
			 TB_HISTORY_VERSION);
		return TB_HISTORY_REFUSED;
	}
	return 0;
}

static int migrate(struct tb_history *h, int from, char *err, size_t errlen)
{
	char applied[24];
	now_utc(applied);
	for (int v = from + 1; v <= TB_HISTORY_VERSION; v++) {
		char *sql;
		if (asprintf(&sql, migrations[v - 1], h->ops->id_column) < 0) {
			snprintf(err, errlen, "out of memory");
			return TB_HISTORY_ERROR;
		}
		int rc = h->ops->exec(h->db, sql, 0, NULL, NULL, NULL, err, errlen);
		free(sql);
		char ver[16];
		snprintf(ver, sizeof(ver), "%d", v);
		const char *p[] = {TB_HISTORY_APP, ver, applied};
		if (!rc)
			rc = h->ops->exec(h->db, "INSERT INTO tbench_schema (app, version, applied) "
					  "VALUES ($1, $2, $3)", 3, p, NULL, NULL, err, errlen);
		if (rc)
			return rc;
	}
	return 0;
}

static void rollback(struct tb_history *h)
{
	char e[64];
	h->ops->exec(h->db, "ROLLBACK", 0, NULL, NULL, NULL, e, sizeof(e));
}

int tb_history_open(struct tb_history **out, const char *where, bool write, char *err,
		    size_t errlen)
{
	*out = NULL;
	struct tb_history *h = calloc(1, sizeof(*h));
	if (!h) {
		snprintf(err, errlen, "out of memory");
		return TB_HISTORY_ERROR;
	}
	h->ops = &tb_hdb_sqlite;
	if (tb_history_is_pg(where)) {
#ifdef TB_HAVE_LIBPQ
		h->ops = &tb_hdb_pg;
#else
		free(h);
		snprintf(err, errlen, "'%s': this tbench was built without PostgreSQL support "
			 "(libpq; scripts/deps.sh build installs libpq-dev)", where);
		return TB_HISTORY_ERROR;
#endif
	}
	int rc = h->ops->open(&h->db, where, write, err, errlen);
	if (!rc && h->ops->check)
		rc = h->ops->check(h->db, err, errlen);
	/* look before touching anything: a foreign database stays as it was */
	struct inspect in;
	if (!rc)
		rc = inspect(h, where, write, &in, err, errlen);
	if (!rc && write && h->ops->prepare_write)
		rc = h->ops->prepare_write(h->db, err, errlen);
	if (!rc && write) {
		/* again inside the transaction: another writer may have been first */
		rc = h->ops->begin_write(h->db, err, errlen);
		if (!rc) {
			rc = inspect(h, where, true, &in, err, errlen);
			if (!rc && in.version < TB_HISTORY_VERSION)
				rc = migrate(h, in.version, err, errlen);
			if (!rc)
				rc = h->ops->exec(h->db, "COMMIT", 0, NULL, NULL, NULL, err, errlen);
			if (rc)
				rollback(h);
		}
	}
	if (rc) {
		tb_history_close(h);
		return rc;
	}
	*out = h;
	return 0;
}

void tb_history_close(struct tb_history *h)
{
	if (!h)
		return;
	if (h->db)
		h->ops->close(h->db);
	free(h);
}

/* ---- the machine ---- */

static int by_key(const void *a, const void *b)
{
	return strcmp((*(const struct tb_kv *const *)a)->key, (*(const struct tb_kv *const *)b)->key);
}

/* the stable keys as sorted "key=value\n" lines (malloc'd; NULL on OOM) */
static char *stable_text(const struct tb_kvlist *fp)
{
	const struct tb_kv **v = malloc((fp->n ? fp->n : 1) * sizeof(*v));
	if (!v)
		return NULL;
	size_t k = 0, len = 1;
	for (size_t i = 0; i < fp->n; i++)
		if (tb_fp_key_machine(fp->v[i].key)) {
			v[k++] = &fp->v[i];
			len += strlen(fp->v[i].key) + strlen(fp->v[i].value) + 2;
		}
	qsort(v, k, sizeof(*v), by_key);
	char *s = malloc(len);
	if (s) {
		s[0] = 0;
		for (size_t i = 0, at = 0; i < k; i++)
			at += (size_t)sprintf(s + at, "%s=%s\n", v[i]->key, v[i]->value);
	}
	free(v);
	return s;
}

void tb_history_machine_id(const struct tb_kvlist *fp, char out[17])
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a 64 */
	char *s = stable_text(fp);
	for (const char *p = s ? s : ""; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ull;
	}
	free(s);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static void machine_desc(const struct tb_kvlist *fp, char *buf, size_t len)
{
	const char *m = tb_kv_get(fp, "cpu.model"), *c = tb_kv_get(fp, "cpu.count");
	const char *a = tb_kv_get(fp, "os.arch");
	if (!m || !*m)
		snprintf(buf, len, "unknown machine (no fingerprint recorded)");
	else
		snprintf(buf, len, "%s, %s CPU%s%s%s", m, c && *c ? c : "?",
			 c && !strcmp(c, "1") ? "" : "s", a && *a ? ", " : "", a && *a ? a : "");
}

/* ---- recording ---- */

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* a result set with one case twice cannot be keyed: say which */
static int check_unique(const struct tb_resultset *rs, char (*keys)[240], char *err, size_t errlen)
{
	const char **p = malloc((rs->n ? rs->n : 1) * sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return TB_HISTORY_ERROR;
	}
	for (size_t i = 0; i < rs->n; i++)
		p[i] = keys[i];
	qsort(p, rs->n, sizeof(*p), by_str);
	int rc = 0;
	for (size_t i = 1; i < rs->n && !rc; i++)
		if (!strcmp(p[i], p[i - 1])) {
			snprintf(err, errlen, "the results hold the case '%.*s' twice: a history keeps "
				 "one measurement per case and run", (int)strcspn(p[i], "\t"), p[i]);
			rc = TB_HISTORY_ERROR;
		}
	free(p);
	return rc;
}

static void num(char *buf, size_t len, double v, const char **slot)
{
	if (isfinite(v)) {
		snprintf(buf, len, "%.17g", v);
		*slot = buf;
	} else {
		*slot = NULL;
	}
}

static int id_row(void *ctx, size_t n, const char *const *v)
{
	*(long long *)ctx = n && v[0] ? atoll(v[0]) : -1;
	return 0;
}

static int insert_result(struct tb_history *h, long long run, const struct tb_result *r,
			 const char *key, char *err, size_t errlen)
{
	char runs[24], n[24], rows[24], cols[24], thr[16], ns[24], pooled[24];
	char med[32], lo[32], hi[32], mad[32], mn[32], p95[32], by[32], it[32];
	snprintf(runs, sizeof(runs), "%lld", run);
	snprintf(n, sizeof(n), "%llu", (unsigned long long)r->n);
	snprintf(rows, sizeof(rows), "%llu", (unsigned long long)(r->rows ? r->rows : 1));
	snprintf(cols, sizeof(cols), "%llu", (unsigned long long)(r->cols ? r->cols : r->n));
	snprintf(thr, sizeof(thr), "%u", r->threads);
	snprintf(ns, sizeof(ns), "%zu", r->nsamples);
	snprintf(pooled, sizeof(pooled), "%zu", r->runs ? r->runs : 1);
	const char *p[23] = {runs, key, r->metric[0] ? r->metric : TB_METRIC_TIME, r->family,
			     r->variant, r->mode, n, rows, cols, thr, tb_status_name(r->status), r->note, ns, pooled};
	num(med, sizeof(med), r->st.median, &p[14]);
	num(lo, sizeof(lo), r->st.ci_low, &p[15]);
	num(hi, sizeof(hi), r->st.ci_high, &p[16]);
	num(mad, sizeof(mad), r->st.mad, &p[17]);
	num(mn, sizeof(mn), r->st.min, &p[18]);
	num(p95, sizeof(p95), r->st.p95, &p[19]);
	num(by, sizeof(by), r->bytes, &p[20]);
	num(it, sizeof(it), r->items, &p[21]);
	p[22] = r->unit;
	return h->ops->exec(h->db,
			    "INSERT INTO tbench_results (run, case_key, metric, family, variant, mode,"
			    " n, nrows, ncols, threads, status, note, samples, pooled, median, ci_low,"
			    " ci_high, mad, minimum, p95, bytes, items, unit) VALUES ($1, $2, $3, $4,"
			    " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,"
			    " $20, $21, $22, $23)",
			    23, p, NULL, NULL, err, errlen);
}

int tb_history_add(struct tb_history *h, const struct tb_resultset *rs,
		   const struct tb_history_meta *m, long long *run_id, size_t *ncases, char *err,
		   size_t errlen)
{
	*run_id = -1;
	*ncases = 0;
	if (tb_history_meta_check(m, err, errlen))
		return TB_HISTORY_ERROR;
	char (*keys)[240] = calloc(rs->n ? rs->n : 1, sizeof(*keys));
	char *fp = stable_text(&rs->fingerprint);
	if (!keys || !fp) {
		free(keys);
		free(fp);
		snprintf(err, errlen, "out of memory");
		return TB_HISTORY_ERROR;
	}
	for (size_t i = 0; i < rs->n; i++) {
		tb_result_key_str(&rs->r[i], keys[i], sizeof(keys[i]));
		/* the metric is part of the identity: a tab never appears in a key */
		snprintf(keys[i] + strlen(keys[i]), sizeof(keys[i]) - strlen(keys[i]), "\t%s",
			 rs->r[i].metric[0] ? rs->r[i].metric : TB_METRIC_TIME);
	}
	int rc = check_unique(rs, keys, err, errlen);
	for (size_t i = 0; i < rs->n; i++)
		keys[i][strcspn(keys[i], "\t")] = 0;
	char id[17], desc[160], added[24];
	tb_history_machine_id(&rs->fingerprint, id);
	machine_desc(&rs->fingerprint, desc, sizeof(desc));
	now_utc(added);
	if (!rc)
		rc = h->ops->begin_write(h->db, err, errlen);
	if (rc)
		goto out;
	const char *pm[] = {id, desc, fp};
	rc = h->ops->exec(h->db, "INSERT INTO tbench_machines (id, description, fingerprint) "
			  "VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING", 3, pm, NULL, NULL,
			  err, errlen);
	const char *pr[] = {m->commit, m->branch, m->time, id, rs->name, added, TB_VERSION};
	if (!rc)
		rc = h->ops->exec(h->db, "INSERT INTO tbench_runs (commit_sha, branch, run_time, "
				  "machine, name, added, tbench_version) VALUES ($1, $2, $3, $4, $5, "
				  "$6, $7) RETURNING id", 7, pr, id_row, run_id, err, errlen);
	for (size_t i = 0; i < rs->n && !rc; i++)
		rc = insert_result(h, *run_id, &rs->r[i], keys[i], err, errlen);
	if (!rc)
		rc = h->ops->exec(h->db, "COMMIT", 0, NULL, NULL, NULL, err, errlen);
	if (rc) {
		rollback(h);
		*run_id = -1;
	} else {
		*ncases = rs->n;
	}
out:
	free(keys);
	free(fp);
	return rc;
}
