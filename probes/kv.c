/*
 * kv.c - ordered key/value list.
 */
#include "kv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tb_kv_set(struct tb_kvlist *l, const char *key, const char *value)
{
	char *v = strdup(value ? value : "");
	if (!v)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].key, key)) {
			free(l->v[i].value);
			l->v[i].value = v;
			return 0;
		}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct tb_kv *nv = realloc(l->v, cap * sizeof(*nv));
		if (!nv) {
			free(v);
			return -1;
		}
		l->v = nv;
		l->cap = cap;
	}
	char *k = strdup(key);
	if (!k) {
		free(v);
		return -1;
	}
	l->v[l->n].key = k;
	l->v[l->n].value = v;
	l->n++;
	return 0;
}

int tb_kv_setf(struct tb_kvlist *l, const char *key, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return tb_kv_set(l, key, buf);
}

const char *tb_kv_get(const struct tb_kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].key, key))
			return l->v[i].value;
	return NULL;
}

void tb_kv_free(struct tb_kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].value);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
