/*
 * history_db.h - internal to the results history: the one small interface
 * its two backends (history_sqlite.c, history_pg.c) implement.  Statements
 * are written once, with $1..$N placeholders (each used once, in order),
 * and every value crosses as text (NULL for SQL NULL), so history.c holds
 * all the SQL and the backends only move strings.
 */
#ifndef TB_HISTORY_DB_H
#define TB_HISTORY_DB_H

#include <stdbool.h>
#include <stddef.h>

struct tb_hdb;

/* called once per result row; non-zero stops the statement (and is returned) */
typedef int (*tb_hdb_row_fn)(void *ctx, size_t ncol, const char *const *val);

struct tb_hdb_ops {
	const char *name;         /* "sqlite", "postgresql" */
	const char *id_column;    /* DDL of an auto-numbered primary key column */
	bool shared;              /* the database may hold other applications' tables */
	const char *tables_sql;   /* one row per table in the working schema: its name */
	const char *collate;      /* appended to ORDER BY terms: byte order on every backend */
	/* TB_HISTORY_* codes; write: may create */
	int (*open)(struct tb_hdb **db, const char *where, bool write, char *err, size_t errlen);
	void (*close)(struct tb_hdb *db);
	/* one statement with np text parameters, or (np == 0) a script of several */
	int (*exec)(struct tb_hdb *db, const char *sql, size_t np, const char *const *p,
		    tb_hdb_row_fn fn, void *ctx, char *err, size_t errlen);
	/* make ready for writing (once the database is known to be ours or
	 * new; may be NULL) */
	int (*prepare_write)(struct tb_hdb *db, char *err, size_t errlen);
	/* start a write transaction that excludes other writers until commit */
	int (*begin_write)(struct tb_hdb *db, char *err, size_t errlen);
	/* an integrity check of the whole database (may be NULL) */
	int (*check)(struct tb_hdb *db, char *err, size_t errlen);
};

/* an open history (history.h keeps it opaque) */
struct tb_history {
	const struct tb_hdb_ops *ops;
	struct tb_hdb *db;
};

extern const struct tb_hdb_ops tb_hdb_sqlite;
#ifdef TB_HAVE_LIBPQ
extern const struct tb_hdb_ops tb_hdb_pg;
#endif

#endif
