/*
 * kv.c - ordered key/value list with an open-addressing hash index.
 */
#include "kv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)(h ^ (h >> 29));
}

/* the slot holding key, or the empty slot where it would go */
static size_t probe(const struct tb_kvlist *l, const char *key)
{
	size_t m = l->nslot - 1, i = hash(key) & m;
	while (l->slot[i] && strcmp(l->v[l->slot[i] - 1].key, key))
		i = (i + 1) & m;
	return i;
}

/* keep the index at most half full; -1 out of memory */
static int reindex(struct tb_kvlist *l, size_t want)
{
	if (l->nslot >= 2 * want && l->slot)
		return 0;
	size_t ns = 64;
	while (ns < 2 * want)
		ns *= 2;
	size_t *s = calloc(ns, sizeof(*s));
	if (!s)
		return -1;
	free(l->slot);
	l->slot = s;
	l->nslot = ns;
	for (size_t i = 0; i < l->n; i++)
		l->slot[probe(l, l->v[i].key)] = i + 1;
	return 0;
}

long tb_kv_find(const struct tb_kvlist *l, const char *key)
{
	if (!l->n)
		return -1;
	if (!l->slot) { /* a list built without tb_kv_set: scan it */
		for (size_t i = 0; i < l->n; i++)
			if (!strcmp(l->v[i].key, key))
				return (long)i;
		return -1;
	}
	size_t s = l->slot[probe(l, key)];
	return s ? (long)(s - 1) : -1;
}

int tb_kv_set(struct tb_kvlist *l, const char *key, const char *value)
{
	char *v = strdup(value ? value : "");
	if (!v)
		return -1;
	long at = tb_kv_find(l, key);
	if (at >= 0) {
		free(l->v[at].value);
		l->v[at].value = v;
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
	if (!k || reindex(l, l->n + 1)) {
		free(k);
		free(v);
		return -1;
	}
	l->v[l->n].key = k;
	l->v[l->n].value = v;
	l->slot[probe(l, k)] = l->n + 1;
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
	long i = tb_kv_find(l, key);
	return i >= 0 ? l->v[i].value : NULL;
}

void tb_kv_free(struct tb_kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].value);
	}
	free(l->v);
	free(l->slot);
	memset(l, 0, sizeof(*l));
}
