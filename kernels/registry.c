/*
 * registry.c - the table of all families and kernels, built from kernels.def.
 */
#include "kernel.h"

#include <string.h>

#define TB_FAMILY(id, summary, sizes, ref, unit, suite)
#define TB_KERNEL(sym) extern const struct tb_kernel sym;
#include "kernels.def"
#undef TB_FAMILY
#undef TB_KERNEL

static const struct tb_kernel *const kernels[] = {
#define TB_FAMILY(id, summary, sizes, ref, unit, suite)
#define TB_KERNEL(sym) &sym,
#include "kernels.def"
#undef TB_FAMILY
#undef TB_KERNEL
};

static const struct tb_family families[] = {
#define TB_FAMILY(id, summary, sizes, ref, unit, suite) {#id, summary, sizes, ref, unit, suite},
#define TB_KERNEL(sym)
#include "kernels.def"
#undef TB_FAMILY
#undef TB_KERNEL
};

size_t tb_kernel_count(void) { return sizeof(kernels) / sizeof(kernels[0]); }

const struct tb_kernel *tb_kernel_at(size_t i)
{
	return i < tb_kernel_count() ? kernels[i] : NULL;
}

const struct tb_kernel *tb_kernel_find(const char *family, const char *variant)
{
	for (size_t i = 0; i < tb_kernel_count(); i++)
		if (!strcmp(kernels[i]->family, family) &&
		    !strcmp(kernels[i]->variant, variant))
			return kernels[i];
	return NULL;
}

size_t tb_family_count(void) { return sizeof(families) / sizeof(families[0]); }

const struct tb_family *tb_family_at(size_t i)
{
	return i < tb_family_count() ? &families[i] : NULL;
}

const struct tb_family *tb_family_find(const char *name)
{
	for (size_t i = 0; i < tb_family_count(); i++)
		if (!strcmp(families[i].name, name))
			return &families[i];
	return NULL;
}

bool tb_kernel_supported(const struct tb_kernel *k, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	*why = "";
	if (!k->supported)
		return true;
	return k->supported(why);
}

const char *tb_mode_name(enum tb_mode m)
{
	switch (m) {
	case TB_MODE_OUTOFPLACE: return "outofplace";
	case TB_MODE_INPLACE: return "inplace";
	default: return "-";
	}
}
