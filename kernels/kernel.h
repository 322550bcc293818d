/*
 * kernel.h - tbench's side of the kernel API: the public descriptor
 * (include/tbench/kernel.h, the one source of it, shared with plugins) and
 * the registry every command reads.  kernels/ is pure computation: it
 * links against nothing else of tbench (so it cross-builds for AArch64 on
 * its own) and never prints.  Functions return 0 or a negative error and
 * fill `err`.
 */
#ifndef TB_KERNEL_H
#define TB_KERNEL_H

#include "../include/tbench/kernel.h"

/* Registry (kernels/registry.c, generated from kernels/kernels.def).  On
 * first use every descriptor is checked with tb_kernel_check(); one that
 * fails is refused (left out), and tb_registry_error() says why. */
size_t tb_kernel_count(void);
const struct tb_kernel *tb_kernel_at(size_t i);
const struct tb_kernel *tb_kernel_find(const char *family, const char *variant);
size_t tb_family_count(void);
const struct tb_family *tb_family_at(size_t i);
const struct tb_family *tb_family_find(const char *name);
/* 0 if this tbench can use k: .abi is TB_KERNEL_ABI, names and summary set,
 * run, verify and work present, setup and teardown both or neither; else -1
 * with err saying which (a wrong abi names both numbers) */
int tb_kernel_check(const struct tb_kernel *k, char *err, size_t errlen);
/* copies the descriptors of in[0..n) that pass tb_kernel_check() to out, in
 * order, and returns how many; err gets the first refusal ("" if none) */
size_t tb_kernel_accept(const struct tb_kernel *const *in, size_t n,
			const struct tb_kernel **out, char *err, size_t errlen);
/* "" when every listed descriptor passed tb_kernel_check(), else the
 * message of the first one refused */
const char *tb_registry_error(void);
/* supported() with NULL meaning "yes"; *why set to "" when supported */
bool tb_kernel_supported(const struct tb_kernel *k, const char **why);

/* Adds a plugin's families and kernels to the registry for this process
 * (kernels/plugin.c checks them first).  0, or -1 with err (out of memory). */
int tb_registry_add(const struct tb_family *fams, size_t nfams,
		    const struct tb_kernel *const *ks, size_t nks, char *err, size_t errlen);
/* how many families are built in (those after them came from plugins) */
size_t tb_family_builtin_count(void);

#endif
