/*
 * parse.h - strict parsing of option values: counts, sizes (1000x1000, 4Mi),
 * durations (500ms, 2s) and comma lists.  Each returns 0, or -1 with a
 * message naming the bad value and what is allowed.
 */
#ifndef TB_PARSE_H
#define TB_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define TB_SIZE_MAX ((uint64_t)1 << 50) /* elements; memory is checked later */

struct tb_size {
	uint64_t n;          /* rows * cols */
	uint64_t rows, cols; /* rows == 1 for a plain count */
};

int tb_parse_u64(const char *what, const char *s, uint64_t min, uint64_t max, uint64_t *out,
		 char *err, size_t errlen);
int tb_parse_double(const char *what, const char *s, double min, double max, double *out,
		    char *err, size_t errlen);
/* N, N with suffix k M G (x1000) or Ki Mi Gi (x1024), or RxC */
int tb_parse_size(const char *s, struct tb_size *out, char *err, size_t errlen);
/* plain byte count with the same suffixes (no RxC) */
int tb_parse_bytes(const char *what, const char *s, uint64_t *out, char *err, size_t errlen);
/* the same for a count of something else (instructions): "a positive count" */
int tb_parse_count(const char *what, const char *s, uint64_t *out, char *err, size_t errlen);
/* 2s, 500ms, 250us, 1000ns, or a plain number of seconds; > 0 */
int tb_parse_duration(const char *what, const char *s, double *ns, char *err, size_t errlen);

/* Split a comma list in place; returns the count, or -1 if more than max
 * or an item is empty. */
int tb_split_list(char *s, char **items, int max);

#endif
