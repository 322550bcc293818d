/*
 * plugin.c - the plugin loader (plugin.h), after fio's check_engine_ops():
 * the one exported table is checked before any of its hooks is called, so
 * a plugin built for another layout, missing a hook, or naming a family
 * tbench already has is refused in one line and nothing of it runs.
 */
#define _GNU_SOURCE
#include "plugin.h"
#include "kernel.h"

#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct tb_plugin_info loaded[TB_MAX_PLUGINS];
static const struct tb_plugin *tables[TB_MAX_PLUGINS];
static size_t nloaded;

size_t tb_plugin_count(void) { return nloaded; }

const struct tb_plugin_info *tb_plugin_at(size_t i) { return i < nloaded ? &loaded[i] : NULL; }

const struct tb_plugin_info *tb_plugin_of_family(const char *name)
{
	for (size_t i = 0; i < nloaded; i++)
		for (size_t f = 0; f < tables[i]->nfamilies; f++)
			if (!strcmp(tables[i]->families[f].name, name))
				return &loaded[i];
	return NULL;
}

struct find_note {
	const void *addr; /* an address inside the object */
	char *out;
	size_t len;
	int found;
};

/* the GNU build id of the loaded object that holds f->addr */
static int note_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	struct find_note *f = arg;
	uintptr_t a = (uintptr_t)f->addr;
	int inside = 0;
	for (int i = 0; i < info->dlpi_phnum && !inside; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
		inside = ph->p_type == PT_LOAD && a >= lo && a < lo + ph->p_memsz;
	}
	if (!inside)
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)p;
			const char *name = p + sizeof(*nh);
			const unsigned char *desc = (const unsigned char *)name + ((nh->n_namesz + 3) & ~3u);
			if ((const char *)desc + nh->n_descsz > end)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && !memcmp(name, "GNU", 4)) {
				size_t o = (size_t)snprintf(f->out, f->len, "gnu:");
				for (size_t k = 0; k < nh->n_descsz && o + 3 <= f->len; k++)
					o += (size_t)snprintf(f->out + o, f->len - o, "%02x", desc[k]);
				f->found = 1;
				return 1;
			}
			p = (const char *)desc + ((nh->n_descsz + 3) & ~3u);
		}
	}
	return 1; /* the object, without a build id */
}

/* no build id (linked with --build-id=none): a hash of the file's bytes */
static int file_hash(const char *path, char *out, size_t len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return -1;
	uint64_t h = 1469598103934665603ull;
	int c;
	while ((c = getc(fp)) != EOF)
		h = (h ^ (unsigned char)c) * 1099511628211ull;
	int bad = ferror(fp);
	fclose(fp);
	if (bad)
		return -1;
	snprintf(out, len, "fnv1a64:%016" PRIx64, h);
	return 0;
}

static int name_ok(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

/* a family of the plugin: complete, and new to this tbench */
static int check_family(const struct tb_plugin *t, size_t i, const char *path, char *err, size_t len)
{
	const struct tb_family *f = &t->families[i];
	if (!name_ok(f->name))
		return tb_err(err, len, "plugin '%s' refused: family %zu has no usable name '%s' (letters, digits, _ - . only)",
			      path, i, f->name ? f->name : "(null)");
	const char *miss = !f->summary || !*f->summary ? "summary"
			   : !f->default_sizes || !*f->default_sizes ? "default_sizes"
			   : !f->suite_sizes || !*f->suite_sizes ? "suite_sizes"
			   : !f->size_unit || !*f->size_unit ? "size_unit"
			   : !f->reference || !*f->reference ? "reference" : NULL;
	if (miss)
		return tb_err(err, len, "plugin '%s' refused: family %s has no %s", path, f->name, miss);
	const struct tb_plugin_info *other = tb_plugin_of_family(f->name);
	if (other)
		return tb_err(err, len, "plugin '%s' refused: family '%s' is already loaded from plugin '%s' (%s)",
			      path, f->name, other->name, other->path);
	if (tb_family_find(f->name) || !strcmp(f->name, "all"))
		return tb_err(err, len, "plugin '%s' refused: family '%s' is a built-in tbench family (choose another name)",
			      path, f->name);
	for (size_t j = 0; j < i; j++)
		if (!strcmp(t->families[j].name, f->name))
			return tb_err(err, len, "plugin '%s' refused: family '%s' is listed twice", path, f->name);
	int has_ref = 0;
	for (size_t k = 0; k < t->nkernels; k++)
		has_ref |= t->kernels[k] && t->kernels[k]->family && !strcmp(t->kernels[k]->family, f->name) &&
			   t->kernels[k]->variant && !strcmp(t->kernels[k]->variant, f->reference);
	if (!has_ref)
		return tb_err(err, len, "plugin '%s' refused: family %s has no kernel of its reference variant '%s'",
			      path, f->name, f->reference);
	return 0;
}

static int check_kernel(const struct tb_plugin *t, size_t i, const char *path, char *err, size_t len)
{
	const struct tb_kernel *k = t->kernels[i];
	char why[512];
	if (!k)
		return tb_err(err, len, "plugin '%s' refused: kernel %zu is NULL", path, i);
	if (tb_kernel_check(k, why, sizeof(why)))
		return tb_err(err, len, "plugin '%s' refused: %s", path, why);
	if (!name_ok(k->variant))
		return tb_err(err, len, "plugin '%s' refused: kernel %s/%s: variant names take letters, digits, _ - . only",
			      path, k->family, k->variant);
	size_t f;
	for (f = 0; f < t->nfamilies && strcmp(t->families[f].name, k->family); f++)
		;
	if (f == t->nfamilies)
		return tb_err(err, len, "plugin '%s' refused: kernel %s/%s is of a family the plugin does not list",
			      path, k->family, k->variant);
	for (size_t j = 0; j < i; j++)
		if (!strcmp(t->kernels[j]->family, k->family) && !strcmp(t->kernels[j]->variant, k->variant))
			return tb_err(err, len, "plugin '%s' refused: kernel %s/%s is listed twice", path,
				      k->family, k->variant);
	return 0;
}

static int check_table(const struct tb_plugin *t, const char *path, char *err, size_t len)
{
	if (t->abi != TB_KERNEL_ABI)
		return tb_err(err, len, "plugin '%s' refused: built for kernel abi %u, this tbench has abi %u (rebuild it against this tbench's <tbench/kernel.h>)",
			      path, t->abi, (unsigned)TB_KERNEL_ABI);
	if (!name_ok(t->name))
		return tb_err(err, len, "plugin '%s' refused: its table has no usable name", path);
	if (!t->families || !t->nfamilies || !t->kernels || !t->nkernels)
		return tb_err(err, len, "plugin '%s' refused: its table lists no %s", path,
			      !t->families || !t->nfamilies ? "families" : "kernels");
	for (size_t i = 0; i < t->nkernels; i++)
		if (check_kernel(t, i, path, err, len))
			return -1;
	for (size_t i = 0; i < t->nfamilies; i++)
		if (check_family(t, i, path, err, len))
			return -1;
	return 0;
}

int tb_plugin_load(const char *path, char *err, size_t errlen)
{
	char real[4096];
	struct stat st;
	if (!realpath(path, real) || stat(real, &st))
		return tb_err(err, errlen, "plugin '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return tb_err(err, errlen, "plugin '%s': not a regular file (expected a shared object, PATH.so)", path);
	for (size_t i = 0; i < nloaded; i++)
		if (!strcmp(loaded[i].path, real))
			return 0; /* given twice: loaded once */
	if (nloaded == TB_MAX_PLUGINS)
		return tb_err(err, errlen, "plugin '%s': too many plugins (at most %d)", path, TB_MAX_PLUGINS);
	void *h = dlopen(real, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		return tb_err(err, errlen, "plugin '%s': cannot load it: %s", path, e ? e : "unknown error");
	}
	dlerror();
	const struct tb_plugin *t = dlsym(h, TB_PLUGIN_SYMBOL);
	Dl_info di;
	/* the symbol must be the plugin's own, not one of tbench or another library */
	if (!t || !dladdr(t, &di) || !di.dli_fname || strcmp(di.dli_fname, real)) {
		dlclose(h);
		return tb_err(err, errlen, "plugin '%s' refused: it does not export '%s' (a const struct tb_plugin; see docs/plugins.md)",
			      path, TB_PLUGIN_SYMBOL);
	}
	if (check_table(t, path, err, errlen)) {
		dlclose(h);
		return -1;
	}
	struct tb_plugin_info *info = &loaded[nloaded];
	memset(info, 0, sizeof(*info));
	snprintf(info->path, sizeof(info->path), "%s", real);
	snprintf(info->name, sizeof(info->name), "%s", t->name);
	struct find_note fn = {.addr = t, .out = info->build_id, .len = sizeof(info->build_id)};
	dl_iterate_phdr(note_cb, &fn);
	if (!fn.found && file_hash(real, info->build_id, sizeof(info->build_id))) {
		dlclose(h);
		return tb_err(err, errlen, "plugin '%s': cannot read it to hash it: %s", path, strerror(errno));
	}
	if (tb_registry_add(t->families, t->nfamilies, t->kernels, t->nkernels, err, errlen)) {
		dlclose(h);
		return -1;
	}
	tables[nloaded++] = t; /* the handle stays open: the registry points into it */
	return 0;
}
