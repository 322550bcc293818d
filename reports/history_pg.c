/*
 * history_pg.c - the results history in PostgreSQL (libpq; see
 * history_db.h), so many CI runners and machines can share one store.
 * A write transaction takes a transaction-scoped advisory lock first, so
 * concurrent writers (creating the schema included) run one after another
 * and never see each other's half-done work.  Built only with libpq's
 * headers: the library itself is opened when a PostgreSQL history is first
 * opened (dlopen of TB_LIBPQ_SONAME), so no other command pays for loading
 * it and the twenty libraries behind it.
 */
#ifdef TB_HAVE_LIBPQ
#include "history.h"
#include "history_db.h"

#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TB_LIBPQ_SONAME
#define TB_LIBPQ_SONAME "libpq.so.5"
#endif

/* libpq's functions, opened at the first pg_open */
#define PQ_FUNCS(X)                                                                     \
	X(PQconnectdb) X(PQstatus) X(PQerrorMessage) X(PQsetNoticeProcessor) X(PQfinish)    \
	X(PQexecParams) X(PQexec) X(PQresultStatus) X(PQresultErrorMessage) X(PQclear)      \
	X(PQntuples) X(PQnfields) X(PQgetisnull) X(PQgetvalue)
static struct {
#define PQ_PTR(f) __typeof__(f) *f;
	PQ_FUNCS(PQ_PTR)
#undef PQ_PTR
} pq;
static char pq_error[300]; /* why libpq could not be opened, or "" */
static pthread_once_t pq_once = PTHREAD_ONCE_INIT;

static void pq_open(void)
{
	void *h = dlopen(TB_LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(pq_error, sizeof(pq_error), "%s", dlerror());
		return;
	}
#define PQ_SYM(f)                                                                         \
	if (!(pq.f = (__typeof__(pq.f))dlsym(h, #f))) {                                   \
		snprintf(pq_error, sizeof(pq_error), "%s has no %s", TB_LIBPQ_SONAME, #f); \
		return;                                                                   \
	}
	PQ_FUNCS(PQ_SYM)
#undef PQ_SYM
}

#define PQconnectdb pq.PQconnectdb
#define PQstatus pq.PQstatus
#define PQerrorMessage pq.PQerrorMessage
#define PQsetNoticeProcessor pq.PQsetNoticeProcessor
#define PQfinish pq.PQfinish
#define PQexecParams pq.PQexecParams
#define PQexec pq.PQexec
#define PQresultStatus pq.PQresultStatus
#define PQresultErrorMessage pq.PQresultErrorMessage
#define PQclear pq.PQclear
#define PQntuples pq.PQntuples
#define PQnfields pq.PQnfields
#define PQgetisnull pq.PQgetisnull
#define PQgetvalue pq.PQgetvalue

#define MAXCOL 64
#define TB_PG_LOCK "7310911002357" /* advisory lock key of tbench's history writers */

struct tb_hdb {
	PGconn *c;
	char where[512]; /* the URL without its password, for messages */
};

/* first line of a libpq message, without its "ERROR:  " prefix */
static void first_line(const char *msg, char *out, size_t len)
{
	if (!msg)
		msg = "unknown error";
	if (!strncmp(msg, "ERROR:  ", 8))
		msg += 8;
	size_t n = strcspn(msg, "\n");
	snprintf(out, len, "%.*s", (int)n, msg);
}

/* postgresql://user:secret@host/db -> postgresql://user@host/db */
static void redact(const char *url, char *out, size_t len)
{
	const char *at = strchr(url, '@'), *scheme = strstr(url, "://");
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (at && colon && colon < at)
		snprintf(out, len, "%.*s%s", (int)(colon - url), url, at);
	else
		snprintf(out, len, "%s", url);
}

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg; /* NOTICEs ("already exists, skipping") are not the user's business */
}

static void pg_close(struct tb_hdb *h)
{
	if (!h)
		return;
	PQfinish(h->c);
	free(h);
}

static int pg_open(struct tb_hdb **out, const char *url, bool write, char *err, size_t errlen)
{
	(void)write;
	*out = NULL;
	pthread_once(&pq_once, pq_open);
	if (pq_error[0]) {
		snprintf(err, errlen, "the PostgreSQL history needs libpq, which cannot be loaded: %s",
			 pq_error);
		return TB_HISTORY_ERROR;
	}
	struct tb_hdb *h = calloc(1, sizeof(*h));
	if (!h) {
		snprintf(err, errlen, "out of memory");
		return TB_HISTORY_ERROR;
	}
	redact(url, h->where, sizeof(h->where));
	h->c = PQconnectdb(url);
	if (!h->c || PQstatus(h->c) != CONNECTION_OK) {
		char m[400];
		first_line(h->c ? PQerrorMessage(h->c) : NULL, m, sizeof(m));
		snprintf(err, errlen, "cannot connect to the history at '%s': %s", h->where, m);
		pg_close(h);
		return TB_HISTORY_ERROR;
	}
	PQsetNoticeProcessor(h->c, quiet, NULL);
	*out = h;
	return 0;
}

static int pg_exec(struct tb_hdb *h, const char *sql, size_t np, const char *const *p,
		   tb_hdb_row_fn fn, void *ctx, char *err, size_t errlen)
{
	PGresult *res = np || fn ? PQexecParams(h->c, sql, (int)np, NULL, p, NULL, NULL, 0)
				 : PQexec(h->c, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		char m[400];
		first_line(res ? PQresultErrorMessage(res) : PQerrorMessage(h->c), m, sizeof(m));
		snprintf(err, errlen, "'%s': statement failed: %s", h->where, m);
		PQclear(res);
		return TB_HISTORY_ERROR;
	}
	int out = 0;
	if (fn && st == PGRES_TUPLES_OK) {
		int nr = PQntuples(res), nc = PQnfields(res);
		if (nc > MAXCOL)
			nc = MAXCOL;
		for (int r = 0; r < nr && !out; r++) {
			const char *v[MAXCOL];
			for (int c = 0; c < nc; c++)
				v[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
			out = fn(ctx, (size_t)nc, v);
		}
	}
	PQclear(res);
	return out;
}

static int pg_begin(struct tb_hdb *h, char *err, size_t errlen)
{
	return pg_exec(h, "BEGIN; SELECT pg_advisory_xact_lock(" TB_PG_LOCK ")", 0, NULL, NULL,
		       NULL, err, errlen);
}

const struct tb_hdb_ops tb_hdb_pg = {
	.name = "postgresql",
	.id_column = "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	.shared = true,
	.tables_sql = "SELECT table_name FROM information_schema.tables "
		      "WHERE table_schema = current_schema()",
	.collate = " COLLATE \"C\"",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare_write = NULL,
	.begin_write = pg_begin,
	.check = NULL,
};
#endif
