/*
 * json.h - the JSON document of a result set (schema tbench-json-1): the
 * writer is tb_writer_json (writer.h); the reader loads such a document
 * back into a tb_resultset so `tbench report` can re-render it.
 */
#ifndef TB_JSON_H
#define TB_JSON_H

#include "writer.h"

#define TB_JSON_SCHEMA "tbench-json-1"

/* jansson builds the whole document in memory: files above this are refused
 * before parsing (10 M samples take about 200 MB) */
#define TB_JSON_MAX_BYTES ((long long)512 << 20)

/* A JSON file as a document (json_load.c): a regular file of at most
 * TB_JSON_MAX_BYTES, BOM skipped, bare NaN / Infinity (Google Benchmark)
 * read as null, duplicate keys refused.  NULL with a one-line err naming
 * the file (and line). */
typedef struct json_t json_t;
json_t *tb_json_load_file(const char *path, char *err, size_t errlen);

/* Appends the cases of a JSON document to rs (name, fingerprint and options
 * too when rs has none yet).  0 ok; -1 with err naming the file. */
int tb_json_read(const char *path, struct tb_resultset *rs, char *err, size_t errlen);

#endif
