/*
 * writer.h - one writer per output format behind one small interface.
 * A writer renders a tb_report to an open FILE and never times anything.
 * Adding a format: write reports/<format>.c with one const struct
 * tb_writer and add it to the table in reports/writer.c.
 */
#ifndef TB_WRITER_H
#define TB_WRITER_H

#include "results.h"

#include <stdbool.h>
#include <stdio.h>

struct tb_comparison; /* reports/compare.h */

struct tb_report {
	const struct tb_resultset *rs;
	const struct tb_comparison *cmp; /* against a baseline; NULL when none */
	bool color;   /* terminal colours allowed (a TTY and NO_COLOR unset) */
	bool verbose; /* more columns / detail where a format has them */
	bool samples; /* JSON: include every case's raw samples */
	const char *const *sources; /* the result files merged into rs (tbench report) */
	size_t nsources;
};

struct tb_writer {
	const char *name;    /* "table", "csv", "samples-csv", ... */
	const char *summary;
	int (*write)(FILE *f, const struct tb_report *rep, char *err, size_t errlen);
};

extern const struct tb_writer tb_writer_table;
extern const struct tb_writer tb_writer_csv;
extern const struct tb_writer tb_writer_samples_csv;
extern const struct tb_writer tb_writer_html;
extern const struct tb_writer tb_writer_json;
extern const struct tb_writer tb_writer_markdown;
/* comparisons (rep->cmp), reports/compare_write.c */
extern const struct tb_writer tb_writer_compare_table;
extern const struct tb_writer tb_writer_compare_markdown;
extern const struct tb_writer tb_writer_compare_csv;
extern const struct tb_writer tb_writer_fingerprint_csv;
extern const struct tb_writer tb_writer_options_csv;

const struct tb_writer *tb_writer_find(const char *name);

/* Human units: "312 ns", "1.25 µs", "3.40 ms", "1.20 s" */
void tb_fmt_ns(double ns, char *buf, size_t len);
/* A per-call figure of r in its metric: tb_fmt_ns for time, "6018.2 insn"
 * for instruction counts (--metric instructions) */
void tb_fmt_per_call(const struct tb_result *r, double v, char *buf, size_t len);
/* "1.23 G", "456 M", "12.3 k" with a unit appended */
void tb_fmt_si(double v, const char *unit, char *buf, size_t len);

/* text escaped for a Markdown table cell (no HTML, no table breaks) */
void tb_md_text(FILE *f, const char *s);

/* RFC 4180 field: quoted when it holds a comma, quote, CR or LF */
void tb_csv_field(FILE *f, const char *s);
/* a number, or an empty field for NaN */
void tb_csv_num(FILE *f, double v);
/* key,value CSV (fingerprint, options) */
void tb_csv_write_kv(FILE *f, const struct tb_kvlist *kv);

#endif
