/*
 * registry.c - the table of all families and kernels, built from kernels.def
 * (which takes the tensor ops' lines from ops/ops.def).  On first use every
 * descriptor is checked (fio's check_engine_ops()): one built for another
 * layout or missing a required hook is refused, never called.
 * The build checks the other direction: a descriptor defined in kernels/
 * but not listed here fails it (kernels/check-registry.sh).
 */
#include "kernel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TB_FAMILY(id, summary, sizes, ref, unit, suite)
#define TB_KERNEL(sym) extern const struct tb_kernel sym;
#include "kernels.def"
#undef TB_FAMILY
#undef TB_KERNEL

static const struct tb_kernel *const listed[] = {
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

#define NLISTED (sizeof(listed) / sizeof(listed[0]))

#define NFAMILIES (sizeof(families) / sizeof(families[0]))

/* the descriptors that passed the check, in kernels.def order, then those
 * plugins added (tb_registry_add) */
static const struct tb_kernel **kernels;
static size_t nkernels;
static bool kernels_owned; /* kernels was malloc'd by tb_registry_add */
static const struct tb_family **extra_fams; /* plugin families, after families[] */
static size_t nextra_fams;
static char refused[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

int tb_kernel_check(const struct tb_kernel *k, char *err, size_t errlen)
{
	const char *fam = k->family ? k->family : "?", *var = k->variant ? k->variant : "?";
	const char *missing = NULL;
	if (k->abi != TB_KERNEL_ABI) {
		snprintf(err, errlen, "kernel %s/%s refused: built for kernel abi %u, this tbench has abi %u",
			 fam, var, k->abi, (unsigned)TB_KERNEL_ABI);
		return -1;
	}
	if (!k->family || !*k->family)
		missing = "family";
	else if (!k->variant || !*k->variant)
		missing = "variant";
	else if (!k->summary || !*k->summary)
		missing = "summary";
	else if (!k->run)
		missing = "run()";
	else if (!k->verify)
		missing = "verify()";
	else if (!k->work)
		missing = "work()";
	else if (!k->setup != !k->teardown)
		missing = k->setup ? "teardown() (it has setup())" : "setup() (it has teardown())";
	if (missing) {
		snprintf(err, errlen, "kernel %s/%s refused: no %s", fam, var, missing);
		return -1;
	}
	return 0;
}

size_t tb_kernel_accept(const struct tb_kernel *const *in, size_t n,
			const struct tb_kernel **out, char *err, size_t errlen)
{
	size_t kept = 0;
	if (errlen)
		err[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char why[512];
		if (tb_kernel_check(in[i], why, sizeof(why))) {
			if (errlen && !err[0])
				snprintf(err, errlen, "%s", why);
			continue;
		}
		out[kept++] = in[i];
	}
	return kept;
}

static void check_all(void)
{
	static const struct tb_kernel *builtin[NLISTED];
	kernels = builtin;
	nkernels = tb_kernel_accept(listed, NLISTED, builtin, refused, sizeof(refused));
}

static void ready(void) { pthread_once(&once, check_all); }

const char *tb_registry_error(void)
{
	ready();
	return refused;
}

size_t tb_kernel_count(void)
{
	ready();
	return nkernels;
}

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

/* Not thread-safe: plugins are added while the command parses its options,
 * before anything runs. */
int tb_registry_add(const struct tb_family *fams, size_t nfams,
		    const struct tb_kernel *const *ks, size_t nks, char *err, size_t errlen)
{
	ready();
	const struct tb_kernel **nk = malloc((nkernels + nks) * sizeof(*nk));
	const struct tb_family **nf = realloc(extra_fams, (nextra_fams + nfams) * sizeof(*nf));
	if (nf)
		extra_fams = nf;
	if (!nk || !nf) {
		free(nk);
		return tb_err(err, errlen, "out of memory adding a plugin's kernels");
	}
	memcpy(nk, kernels, nkernels * sizeof(*nk));
	memcpy(nk + nkernels, ks, nks * sizeof(*nk));
	if (kernels_owned)
		free(kernels);
	kernels = nk;
	kernels_owned = true;
	nkernels += nks;
	for (size_t i = 0; i < nfams; i++)
		extra_fams[nextra_fams++] = &fams[i];
	return 0;
}

size_t tb_family_builtin_count(void) { return NFAMILIES; }

size_t tb_family_count(void) { return NFAMILIES + nextra_fams; }

const struct tb_family *tb_family_at(size_t i)
{
	if (i < NFAMILIES)
		return &families[i];
	return i < tb_family_count() ? extra_fams[i - NFAMILIES] : NULL;
}

const struct tb_family *tb_family_find(const char *name)
{
	for (size_t i = 0; i < tb_family_count(); i++)
		if (!strcmp(tb_family_at(i)->name, name))
			return tb_family_at(i);
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
