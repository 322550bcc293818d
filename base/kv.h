/*
 * kv.h - an ordered list of key/value strings: the machine fingerprint and
 * the run's options travel with every result set in this form.  A hash
 * index keeps set and get O(1), so a list of 100 000 keys (a hostile or
 * generated fingerprint) is read and compared in linear time.
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
	size_t *slot, nslot; /* hash index: v index + 1 per slot, 0 empty (private) */
};

/* set (replace or append); 0 ok, -1 out of memory */
int tb_kv_set(struct tb_kvlist *l, const char *key, const char *value);
int tb_kv_setf(struct tb_kvlist *l, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *tb_kv_get(const struct tb_kvlist *l, const char *key);
/* index of key in l->v, or -1 */
long tb_kv_find(const struct tb_kvlist *l, const char *key);
void tb_kv_free(struct tb_kvlist *l);

#endif
