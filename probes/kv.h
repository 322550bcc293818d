/*
 * kv.h - an ordered list of key/value strings: the machine fingerprint and
 * the run's options travel with every result set in this form.
 */
#ifndef TB_KV_H
#define TB_KV_H

#include <stddef.h>

struct tb_kv {
	char *key;
	char *value;
};

struct tb_kvlist {
	struct tb_kv *v;
	size_t n, cap;
};

/* set (replace or append); 0 ok, -1 out of memory */
int tb_kv_set(struct tb_kvlist *l, const char *key, const char *value);
int tb_kv_setf(struct tb_kvlist *l, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *tb_kv_get(const struct tb_kvlist *l, const char *key);
void tb_kv_free(struct tb_kvlist *l);

#endif
