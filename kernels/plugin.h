/*
 * plugin.h - loading a plugin (`--plugin PATH.so`): dlopen, the exported
 * struct tb_plugin checked field by field (abi, names, hooks, clashes with
 * the families already known), then its families and kernels join the
 * registry for this process.  A plugin is refused whole or taken whole.
 */
#ifndef TB_KERNELS_PLUGIN_H
#define TB_KERNELS_PLUGIN_H

#include <stddef.h>

#define TB_MAX_PLUGINS 16

struct tb_plugin_info {
	char path[4096];    /* the file, as resolved by realpath() */
	char name[64];      /* the table's name */
	char build_id[160]; /* "gnu:<hex>" (its GNU build id) or "fnv1a64:<hex>" of the file */
};

/* 0 with info filled (also when the same file was loaded before: it is
 * taken once), or -1 with a one-line err naming the file and the reason */
int tb_plugin_load(const char *path, char *err, size_t errlen);
size_t tb_plugin_count(void);
const struct tb_plugin_info *tb_plugin_at(size_t i);
/* the plugin that brought family `name`, or NULL for a built-in family */
const struct tb_plugin_info *tb_plugin_of_family(const char *name);

#endif
