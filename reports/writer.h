/*
 * writer.h - one writer per output format behind one small interface.
 * A writer renders a tb_report to an open FILE and never times anything.
 * The writers a user asks for by an option are the table tb_outputs, one
 * row each in outputs.def.  Adding such a format: write reports/<format>.c
 * with one const struct tb_writer and add its row to outputs.def.
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
#define TB_OUTPUT(id, w, opt, help) extern const struct tb_writer w;
#include "outputs.def"
#undef TB_OUTPUT
/* comparisons (rep->cmp), reports/compare_write.c */
extern const struct tb_writer tb_writer_compare_table;
extern const struct tb_writer tb_writer_compare_markdown;
extern const struct tb_writer tb_writer_compare_csv;
extern const struct tb_writer tb_writer_fingerprint_csv;
extern const struct tb_writer tb_writer_options_csv;

/* The output files a user asks for by an option (outputs.def). */
enum tb_output {
#define TB_OUTPUT(id, w, opt, help) TB_OUT_##id,
#include "outputs.def"
#undef TB_OUTPUT
	TB_OUT_COUNT
};

struct tb_output_desc {
	const char *option;        /* "csv": --csv FILE */
	const char *help;          /* its --help line */
	const struct tb_writer *w; /* name, summary, write */
};
extern const struct tb_output_desc tb_outputs[TB_OUT_COUNT];

/* A command builds its help lines and long options from the same rows:
 *   #define TB_OUTPUT(id, w, opt, help) help
 *   #include "../reports/outputs.def"          (inside the usage string)
 *   #define TB_OUTPUT(id, w, opt, help) {opt, required_argument, NULL, BASE + TB_OUT_##id},
 *   #include "../reports/outputs.def"          (inside the option array)
 * and stores optarg in path[c - BASE]. */
/* the output whose option is name, or NULL */
const struct tb_output_desc *tb_output_find(const char *option);

/* Human units: "312 ns", "1.25 µs", "3.40 ms", "1.20 s" */
void tb_fmt_ns(double ns, char *buf, size_t len);
/* A per-call figure of r in its metric: tb_fmt_ns for time, "6018.2 insn"
 * for instruction counts (--metric instructions) */
void tb_fmt_per_call(const struct tb_result *r, double v, char *buf, size_t len);
/* "1.23 G", "456 M", "12.3 k" with a unit appended */
void tb_fmt_si(double v, const char *unit, char *buf, size_t len);

/* text for a terminal: control characters and DEL written as \n, \t,
 * \xNN, so a name read from a results file can neither break a table row
 * nor send an escape sequence; truncated at a whole character */
void tb_term_text(char *dst, size_t len, const char *src);
/* the same, written to f */
void tb_term_puts(FILE *f, const char *s);

/* text escaped for a Markdown table cell (no HTML, no table breaks) */
void tb_md_text(FILE *f, const char *s);

/* RFC 4180 field: quoted when it holds a comma, quote, CR or LF */
void tb_csv_field(FILE *f, const char *s);
/* a number, or an empty field for NaN */
void tb_csv_num(FILE *f, double v);
/* key,value CSV (fingerprint, options) */
void tb_csv_write_kv(FILE *f, const struct tb_kvlist *kv);

#endif
