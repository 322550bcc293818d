/*
 * history_sqlite.c - the results history in an SQLite file (the default
 * backend, see history_db.h).  Concurrent writers are safe: the database is
 * in WAL mode, a write transaction is BEGIN IMMEDIATE (one writer at a
 * time, readers unaffected) and a busy database is waited for (up to
 * TB_SQLITE_BUSY_MS) instead of failing.  A file that is not an SQLite
 * database, or a damaged one, is refused (TB_HISTORY_REFUSED).
 */
#define _GNU_SOURCE
#include "history.h"
#include "history_db.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TB_SQLITE_BUSY_MS 60000
#define MAXCOL 64

struct tb_hdb {
	sqlite3 *db;
	char path[4096];
};

static int fail(struct tb_hdb *h, int rc, const char *what, char *err, size_t errlen)
{
	int prim = rc & 0xff;
	const char *msg = h->db ? sqlite3_errmsg(h->db) : sqlite3_errstr(rc);
	if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT) {
		snprintf(err, errlen, "'%s' is damaged or not an SQLite database (%s): refusing it",
			 h->path, msg);
		return TB_HISTORY_REFUSED;
	}
	if (prim == SQLITE_BUSY)
		snprintf(err, errlen, "'%s' stayed locked by another writer for %d s (%s)", h->path,
			 TB_SQLITE_BUSY_MS / 1000, what);
	else
		snprintf(err, errlen, "'%s': %s: %s", h->path, what, msg);
	return TB_HISTORY_ERROR;
}

/* mkdir -p of the directory that will hold path */
static int make_parent(const char *path, char *err, size_t errlen)
{
	char d[4096];
	snprintf(d, sizeof(d), "%s", path);
	char *slash = strrchr(d, '/');
	if (!slash || slash == d)
		return 0;
	*slash = 0;
	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(d, 0777) && errno != EEXIST)
			goto bad;
		*p = '/';
	}
	if (mkdir(d, 0777) && errno != EEXIST)
		goto bad;
	return 0;
bad:
	snprintf(err, errlen, "cannot create the directory '%s' for the history: %s", d,
		 strerror(errno));
	return TB_HISTORY_ERROR;
}

static void sq_close(struct tb_hdb *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	free(h);
}

static int sq_exec(struct tb_hdb *h, const char *sql, size_t np, const char *const *p,
		   tb_hdb_row_fn fn, void *ctx, char *err, size_t errlen)
{
	if (!np && !fn) {
		int rc = sqlite3_exec(h->db, sql, NULL, NULL, NULL);
		return rc == SQLITE_OK ? 0 : fail(h, rc, "statement failed", err, errlen);
	}
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return fail(h, rc, "statement failed", err, errlen);
	for (size_t i = 0; i < np && rc == SQLITE_OK; i++)
		rc = p[i] ? sqlite3_bind_text(st, (int)i + 1, p[i], -1, SQLITE_TRANSIENT)
			  : sqlite3_bind_null(st, (int)i + 1);
	int out = 0;
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			break;
		if (!fn)
			continue;
		const char *v[MAXCOL];
		size_t nc = (size_t)sqlite3_column_count(st);
		if (nc > MAXCOL)
			nc = MAXCOL;
		for (size_t c = 0; c < nc; c++)
			v[c] = (const char *)sqlite3_column_text(st, (int)c);
		if ((out = fn(ctx, nc, v)))
			break;
	}
	if (!out && rc != SQLITE_DONE)
		out = fail(h, rc, "statement failed", err, errlen);
	sqlite3_finalize(st);
	return out;
}

/* only once the file is known to be ours (or new): WAL rewrites its header */
static int sq_prepare_write(struct tb_hdb *h, char *err, size_t errlen)
{
	/* WAL: writers do not block readers; FULL: a commit survives power loss */
	return sq_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", 0, NULL, NULL, NULL,
		       err, errlen);
}

static int sq_begin(struct tb_hdb *h, char *err, size_t errlen)
{
	return sq_exec(h, "BEGIN IMMEDIATE", 0, NULL, NULL, NULL, err, errlen);
}

static int ok_row(void *ctx, size_t n, const char *const *v)
{
	snprintf(ctx, 256, "%s", n && v[0] ? v[0] : "");
	return 0;
}

static int sq_check(struct tb_hdb *h, char *err, size_t errlen)
{
	char res[256] = "";
	int rc = sq_exec(h, "PRAGMA quick_check(1)", 0, NULL, ok_row, res, err, errlen);
	if (rc)
		return rc;
	if (strcmp(res, "ok")) {
		snprintf(err, errlen, "'%s' is damaged (integrity check: %s): refusing it", h->path, res);
		return TB_HISTORY_REFUSED;
	}
	return 0;
}

static int sq_open(struct tb_hdb **out, const char *path, bool write, char *err, size_t errlen)
{
	*out = NULL;
	struct stat sb;
	if (!write && stat(path, &sb)) {
		snprintf(err, errlen, "no history at '%s' (%s): record one with 'tbench history add'",
			 path, strerror(errno));
		return TB_HISTORY_MISSING;
	}
	if (!stat(path, &sb) && !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "'%s' is not a regular file: refusing it as a history", path);
		return TB_HISTORY_REFUSED;
	}
	if (write && make_parent(path, err, errlen))
		return TB_HISTORY_ERROR;
	struct tb_hdb *h = calloc(1, sizeof(*h));
	if (!h) {
		snprintf(err, errlen, "out of memory");
		return TB_HISTORY_ERROR;
	}
	snprintf(h->path, sizeof(h->path), "%s", path);
	/* readers open read-write too where they may (query_only keeps them
	 * readers): the last connection to close then removes the -wal and
	 * -shm files, which a read-only one cannot */
	int flags = SQLITE_OPEN_READWRITE | (write ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &h->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK && !write) {
		sqlite3_close(h->db);
		h->db = NULL;
		rc = sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	}
	if (rc != SQLITE_OK) {
		rc = fail(h, rc, "cannot open", err, errlen);
		sq_close(h);
		return rc;
	}
	sqlite3_extended_result_codes(h->db, 1);
	sqlite3_busy_timeout(h->db, TB_SQLITE_BUSY_MS);
	rc = sq_exec(h, write ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=ON; PRAGMA query_only=ON",
		     0, NULL, NULL, NULL, err, errlen);
	if (rc) {
		sq_close(h);
		return rc;
	}
	*out = h;
	return 0;
}

const struct tb_hdb_ops tb_hdb_sqlite = {
	.name = "sqlite",
	.id_column = "id INTEGER PRIMARY KEY",
	.shared = false,
	.tables_sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
	.collate = "",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare_write = sq_prepare_write,
	.begin_write = sq_begin,
	.check = sq_check,
};
