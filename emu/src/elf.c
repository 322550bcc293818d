/*
 * elf.c - load a static little-endian AArch64 ELF64 executable into guest
 * memory.  Everything is validated before the first byte is copied, and
 * every refusal names what was found and what is accepted.
 */
#include "emu_int.h"

#include <elf.h>
#include <string.h>

#define STACK_BYTES 64 /* argc 0, argv NULL, envp NULL, auxv AT_NULL */
#define BAD(...) tb_emu_fail(err, errlen, TB_EMU_E_FORMAT, __VA_ARGS__)

static int check_phdr(const struct tb_emu *e, const Elf64_Phdr *ph, size_t len, unsigned i,
		      char *err, size_t errlen)
{
	if (ph->p_type == PT_INTERP || ph->p_type == PT_DYNAMIC)
		return BAD("dynamically linked ELF (program header %u is %s); "
			   "only static executables are supported",
			   i, ph->p_type == PT_INTERP ? "PT_INTERP" : "PT_DYNAMIC");
	if (ph->p_type != PT_LOAD)
		return 0;
	if (ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
		return BAD("truncated ELF: segment %u needs bytes %llu..%llu, the file has %zu",
			   i, (unsigned long long)ph->p_offset,
			   (unsigned long long)(ph->p_offset + ph->p_filesz), len);
	if (ph->p_filesz > ph->p_memsz)
		return BAD("bad ELF: segment %u has file size %llu > memory size %llu", i,
			   (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
	if (!tb_emu_in_bounds(e, ph->p_vaddr, ph->p_memsz))
		return BAD("ELF segment %u at 0x%llx (%llu bytes) is outside guest memory "
			   "[0, 0x%llx); a larger memory size would hold it",
			   i, (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_memsz,
			   (unsigned long long)e->mem_size);
	return 0;
}

int tb_emu_load_elf(struct tb_emu *e, const void *buf, size_t len, char *err, size_t errlen)
{
	const uint8_t *p = buf;
	Elf64_Ehdr eh;
	if (len < 4 || memcmp(p, ELFMAG, SELFMAG))
		return BAD("not an ELF file (no \\x7fELF magic)");
	if (len < sizeof(eh))
		return BAD("truncated ELF: %zu bytes, the header needs %zu", len, sizeof(eh));
	memcpy(&eh, p, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64)
		return BAD("not a 64-bit ELF (class %u); AArch64 ELF64 only", eh.e_ident[EI_CLASS]);
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return BAD("not a little-endian ELF (data %u)", eh.e_ident[EI_DATA]);
	if (eh.e_machine != EM_AARCH64)
		return BAD("wrong machine %u in ELF header; only AArch64 (%u) runs", eh.e_machine,
			   EM_AARCH64);
	if (eh.e_type == ET_DYN)
		return BAD("ELF type ET_DYN (shared object or PIE) is dynamic; "
			   "only static executables (ET_EXEC) are supported");
	if (eh.e_type != ET_EXEC)
		return BAD("ELF type %u is not an executable (ET_EXEC)", eh.e_type);
	if (eh.e_phnum == 0 || eh.e_phentsize != sizeof(Elf64_Phdr))
		return BAD("bad ELF: %u program headers of %u bytes (want %zu)", eh.e_phnum,
			   eh.e_phentsize, sizeof(Elf64_Phdr));
	if (eh.e_phoff > len || (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > len - eh.e_phoff)
		return BAD("truncated ELF: program headers at %llu run past %zu bytes",
			   (unsigned long long)eh.e_phoff, len);
	unsigned loads = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, p + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (check_phdr(e, &ph, len, i, err, errlen))
			return TB_EMU_E_FORMAT;
		loads += ph.p_type == PT_LOAD;
	}
	if (!loads)
		return BAD("bad ELF: no PT_LOAD segment");
	if ((eh.e_entry & 3) || !tb_emu_in_bounds(e, eh.e_entry, 4))
		return BAD("ELF entry point 0x%llx is not an aligned address in guest memory",
			   (unsigned long long)eh.e_entry);

	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, p + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		tb_emu_write(e, ph.p_vaddr, p + ph.p_offset, ph.p_filesz);
		for (uint64_t a = ph.p_vaddr + ph.p_filesz; a < ph.p_vaddr + ph.p_memsz;) {
			static const uint8_t zero[4096];
			uint64_t n = ph.p_vaddr + ph.p_memsz - a;
			n = n < sizeof(zero) ? n : sizeof(zero);
			tb_emu_write(e, a, zero, n);
			a += n;
		}
	}
	tb_emu_reset(e);
	uint8_t stack[STACK_BYTES] = {0};
	tb_emu_write(e, e->mem_size - STACK_BYTES, stack, sizeof(stack));
	e->r[R_SP] = e->mem_size - STACK_BYTES;
	e->pc = eh.e_entry;
	return 0;
}

int tb_emu_elf_extent(const void *buf, size_t len, uint64_t *end)
{
	const uint8_t *p = buf;
	Elf64_Ehdr eh;
	if (len < sizeof(eh) || memcmp(p, ELFMAG, SELFMAG))
		return TB_EMU_E_FORMAT;
	memcpy(&eh, p, sizeof(eh));
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > len ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > len - eh.e_phoff)
		return TB_EMU_E_FORMAT;
	uint64_t top = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, p + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		uint64_t e;
		if (__builtin_add_overflow(ph.p_vaddr, ph.p_memsz, &e))
			return TB_EMU_E_FORMAT;
		if (e > top)
			top = e;
	}
	*end = top;
	return 0;
}
