/*
 * plugins.c - `--plugin PATH.so` of run and list: the loader is
 * kernels/plugin.c; this records each plugin's file and build id with the
 * results (options and fingerprint), so a baseline says what it measured.
 */
#include "session.h"

#include "../kernels/plugin.h"
#include "../base/kv.h"

#include <stdio.h>

void tb_plugins_record(struct tb_kvlist *kv)
{
	for (size_t i = 0; i < tb_plugin_count(); i++) {
		const struct tb_plugin_info *p = tb_plugin_at(i);
		char key[128];
		snprintf(key, sizeof(key), "plugin.%s.path", p->name);
		tb_kv_set(kv, key, p->path);
		snprintf(key, sizeof(key), "plugin.%s.build_id", p->name);
		tb_kv_set(kv, key, p->build_id);
	}
}
