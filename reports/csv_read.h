/*
 * csv_read.h - read result files back (libcsv, streamed): the summary CSV
 * into a tb_resultset and the samples CSV onto its results.  Every error
 * names the file and line.  Extra columns are accepted; CRLF or LF; a
 * leading UTF-8 BOM is skipped; every row must be complete (as many fields
 * as the header, and a line end after the last one).
 */
#ifndef TB_CSV_READ_H
#define TB_CSV_READ_H

#include "loader.h"
#include "results.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Generic row reader: fields are NUL-terminated; return non-zero from the
 * callback (with err filled) to stop. line is the row's first line. */
typedef int (*tb_csv_row_fn)(void *ctx, size_t line, char **fields, size_t nfields,
			     char *err, size_t errlen);
int tb_csv_read_rows(const char *path, tb_csv_row_fn fn, void *ctx, char *err, size_t errlen);
/* The same for path opened relative to dirfd (AT_FDCWD: as given), named
 * name in messages (a baseline is read through its directory's handle). */
int tb_csv_read_rows_at(int dirfd, const char *path, const char *name, tb_csv_row_fn fn,
			void *ctx, char *err, size_t errlen);
#define TB_CSV_MAX_FIELDS 512 /* columns per row */
/* Field checks for the readers; each error names path, line and column.
 * A number: empty reads as NaN; finite, and >= 0 unless allow_negative. */
int tb_csv_field_num(const char *path, size_t line, const char *col, const char *s,
		     double *out, bool allow_negative, char *err, size_t errlen);
/* a non-negative integer (no sign, no empty field) */
int tb_csv_field_u64(const char *path, size_t line, const char *col, const char *s,
		     uint64_t *out, char *err, size_t errlen);
/* s into dst[cap], refused when longer */
int tb_csv_field_str(const char *path, size_t line, const char *col, const char *s,
		     char *dst, size_t cap, char *err, size_t errlen);
/* every row has the header's fields (want): a row cut short is refused */
int tb_csv_field_count(const char *path, size_t line, size_t nf, size_t want, char *err,
		       size_t errlen);
/* Rewrites err so it stays on one line (control characters as \n, \xNN);
 * returns -1.  Messages quote values read from files. */
int tb_csv_one_line(char *err, size_t errlen);

/* Appends the rows of a summary CSV (schema tbench-1) to rs and checks
 * them (loader.h). */
int tb_csv_read_summary(const char *path, struct tb_resultset *rs, char *err, size_t errlen);
/* Attaches raw samples to the matching results of rs and re-derives them. */
int tb_csv_read_samples(const char *path, struct tb_resultset *rs, char *err, size_t errlen);
/* key,value CSV (fingerprint / options) */
int tb_csv_read_kv(const char *path, struct tb_kvlist *kv, char *err, size_t errlen);
int tb_csv_read_kv_at(int dirfd, const char *path, const char *name, struct tb_kvlist *kv,
		      char *err, size_t errlen);

/* For the loader: the summary's cases into ld (declared counts and
 * medians recorded), and a samples file onto ld's cases, each row checked
 * against its case (calls per sample, metric). */
int tb_csv_load_summary(struct tb_load *ld, int dirfd, const char *path, const char *name,
			char *err, size_t errlen);
int tb_csv_load_samples(struct tb_load *ld, int dirfd, const char *path, const char *name,
			char *err, size_t errlen);
/* the summary CSV's field names for tb_load_init */
extern const char *const tb_csv_lfields[TB_LF_COUNT];

#endif
