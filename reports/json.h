/*
 * json.h - the JSON document of a result set (schema tbench-json-1): the
 * writer is tb_writer_json (writer.h); the reader loads such a document
 * back into a tb_resultset so `tbench report` can re-render it.
 */
#ifndef TB_JSON_H
#define TB_JSON_H

#include "writer.h"

#define TB_JSON_SCHEMA "tbench-json-1"

/* Appends the cases of a JSON document to rs (name, fingerprint and options
 * too when rs has none yet).  0 ok; -1 with err naming the file. */
int tb_json_read(const char *path, struct tb_resultset *rs, char *err, size_t errlen);

#endif
