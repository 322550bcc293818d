/*
 * csv_rows.c - the generic streamed CSV row reader (libcsv) behind every
 * file tbench reads back.  Limits keep memory bounded on a huge or hostile
 * file: fields, columns and rows are capped, libcsv's field buffer too, and
 * only regular files are read (a device or FIFO is refused without blocking).
 * Also the field checks every reader applies (a finite number, an integer,
 * a string that fits, a complete row).
 */
#define _GNU_SOURCE
#include "csv_read.h"

#include "../kernels/common.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FIELDS TB_CSV_MAX_FIELDS
#define MAX_FIELD 4096
#define MAX_ROWS 10000000 /* about 10M samples at most */

struct rowbuf {
	const char *path;
	char *fields[MAX_FIELDS];
	size_t nf;
	size_t line, next_line; /* first line of the current row; of the next */
	int failed;
	int bad_nul;
	size_t rows;
	tb_csv_row_fn fn;
	void *ctx;
	char *err;
	size_t errlen;
};

static void on_field(void *s, size_t len, void *data)
{
	struct rowbuf *b = data;
	if (b->failed)
		return;
	if (b->nf >= MAX_FIELDS) {
		b->failed = tb_err(b->err, b->errlen, "%s:%zu: more than %d columns", b->path,
				   b->line, MAX_FIELDS);
		return;
	}
	if (len > MAX_FIELD) {
		b->failed = tb_err(b->err, b->errlen, "%s:%zu: a field longer than %d bytes",
				   b->path, b->line, MAX_FIELD);
		return;
	}
	const char *src = s ? s : "";
	if (memchr(src, '\0', len)) {
		b->failed = tb_err(b->err, b->errlen, "%s:%zu: binary data (NUL byte) in a field",
				   b->path, b->line);
		return;
	}
	char *f = malloc(len + 1);
	if (!f) {
		b->failed = tb_err(b->err, b->errlen, "out of memory reading %s", b->path);
		return;
	}
	memcpy(f, src, len);
	f[len] = 0;
	for (size_t i = 0; i < len; i++)
		if (f[i] == '\n')
			b->next_line++;
	b->fields[b->nf++] = f;
}

/* Error messages quote values from the file: keep them on one line by
 * writing control characters as \n, \r, \xNN. */
int tb_csv_one_line(char *err, size_t errlen)
{
	if (!err || !errlen)
		return -1;
	char tmp[1024];
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)err; *p && o + 5 < sizeof(tmp); p++) {
		if (*p == '\n' || *p == '\r') {
			tmp[o++] = '\\';
			tmp[o++] = *p == '\n' ? 'n' : 'r';
		} else if (*p < 0x20 || *p == 0x7f) {
			o += (size_t)snprintf(tmp + o, sizeof(tmp) - o, "\\x%02x", *p);
		} else {
			tmp[o++] = (char)*p;
		}
	}
	tmp[o] = 0;
	snprintf(err, errlen, "%s", tmp);
	return -1;
}

static void clear_fields(struct rowbuf *b)
{
	for (size_t i = 0; i < b->nf; i++)
		free(b->fields[i]);
	b->nf = 0;
}

static void on_row(int c, void *data)
{
	(void)c;
	struct rowbuf *b = data;
	b->next_line++;
	if (!b->failed) {
		/* a blank line gives one empty field: skip it */
		if (!(b->nf == 1 && b->fields[0][0] == 0)) {
			if (++b->rows > MAX_ROWS)
				b->failed = tb_err(b->err, b->errlen, "%s: more than %d rows",
						   b->path, MAX_ROWS);
			else if (b->fn(b->ctx, b->line, b->fields, b->nf, b->err, b->errlen))
				b->failed = -1;
		}
	}
	clear_fields(b);
	b->line = b->next_line;
}

int tb_csv_read_rows(const char *path, tb_csv_row_fn fn, void *ctx, char *err, size_t errlen)
{
	return tb_csv_read_rows_at(AT_FDCWD, path, path, fn, ctx, err, errlen);
}

int tb_csv_read_rows_at(int dirfd, const char *opath, const char *path, tb_csv_row_fn fn,
			void *ctx, char *err, size_t errlen)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; anything but
	 * a regular file (a device such as /dev/zero, a FIFO) is refused */
	int fd = openat(dirfd, opath, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		tb_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
		return tb_csv_one_line(err, errlen);
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		tb_err(err, errlen, "cannot read '%s': not a regular file", path);
		return tb_csv_one_line(err, errlen);
	}
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return tb_err(err, errlen, "out of memory");
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		fclose(f);
		return tb_err(err, errlen, "out of memory");
	}
	struct rowbuf b = {.path = path, .line = 1, .next_line = 1, .fn = fn, .ctx = ctx,
			   .err = err, .errlen = errlen};
	char buf[65536];
	size_t n, total = 0;
	char last = '\n';
	while (!b.failed && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		size_t o = 0;
		if (total == 0 && n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
			o = 3; /* a UTF-8 byte order mark (spreadsheet exports) */
		total += n;
		last = buf[n - 1];
		if (o == n)
			continue;
		if (csv_parse(&p, buf + o, n - o, on_field, on_row, &b) != n - o && !b.failed)
			b.failed = tb_err(err, errlen, "%s:%zu: %s", path, b.line,
					  csv_strerror(csv_error(&p)));
		/* libcsv buffers a field until it ends: bound that buffer */
		if (!b.failed && p.entry_pos > MAX_FIELD)
			b.failed = tb_err(err, errlen, "%s:%zu: a field longer than %d bytes",
					  path, b.line, MAX_FIELD);
	}
	if (!b.failed && ferror(f))
		b.failed = tb_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
	/* a row without its line end is a file cut short: its last field may be
	 * a number missing digits ("285.78" cut to "28") */
	size_t open_line = b.line;
	bool open_row = b.nf > 0 || p.pstate != 0;
	if (!b.failed)
		csv_fini(&p, on_field, on_row, &b);
	if (!b.failed && open_row && last != '\n' && last != '\r')
		b.failed = tb_err(err, errlen, "%s:%zu: the last row has no line end (the file is "
				  "truncated?)", path, open_line);
	clear_fields(&b);
	csv_free(&p);
	fclose(f);
	if (!b.failed && b.rows == 0)
		b.failed = tb_err(err, errlen, "%s: empty file (no header)", path);
	return b.failed ? tb_csv_one_line(err, errlen) : 0;
}

/* ---- field checks shared by the readers ---- */

int tb_csv_field_num(const char *path, size_t line, const char *col, const char *s,
		     double *out, bool allow_negative, char *err, size_t errlen)
{
	if (!*s) {
		*out = NAN;
		return 0;
	}
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end || errno == ERANGE || isnan(v) || isinf(v))
		return tb_err(err, errlen, "%s:%zu: column %s: '%s' is not a finite number", path,
			      line, col, s);
	if (!allow_negative && v < 0)
		return tb_err(err, errlen, "%s:%zu: column %s: %s is negative", path, line, col, s);
	*out = v;
	return 0;
}

int tb_csv_field_u64(const char *path, size_t line, const char *col, const char *s,
		     uint64_t *out, char *err, size_t errlen)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-' || *s == '+')
		return tb_err(err, errlen, "%s:%zu: column %s: '%s' is not a non-negative integer",
			      path, line, col, s);
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || errno == ERANGE)
		return tb_err(err, errlen, "%s:%zu: column %s: '%s' is not a non-negative integer",
			      path, line, col, s);
	*out = v;
	return 0;
}

int tb_csv_field_str(const char *path, size_t line, const char *col, const char *s,
		     char *dst, size_t cap, char *err, size_t errlen)
{
	if (strlen(s) >= cap)
		return tb_err(err, errlen, "%s:%zu: column %s: value longer than %zu characters",
			      path, line, col, cap - 1);
	strcpy(dst, s);
	return 0;
}

int tb_csv_field_count(const char *path, size_t line, size_t nf, size_t want, char *err,
		       size_t errlen)
{
	if (nf == want)
		return 0;
	return tb_err(err, errlen, "%s:%zu: %zu fields, the header has %zu (%s)", path, line, nf,
		      want, nf < want ? "the row is cut short" : "extra fields");
}
