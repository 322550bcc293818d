/*
 * deny_perf.c - `tb_deny_perf CMD...`: run CMD where the kernel refuses
 * perf_event_open(2) with EACCES, as it does for an unprivileged user under
 * kernel.perf_event_paranoid=3 (Debian's default) or inside a container
 * whose seccomp profile forbids perf.  A seccomp filter does it for real:
 * CLI tests use it to check that tbench says so once and carries on
 * without counters.  Exit: CMD's status, or 125 when the filter cannot be
 * installed (the test then skips).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#endif

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: tb_deny_perf CMD [ARG...]\n");
		return 2;
	}
#ifdef ARCH
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_perf_event_open, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {.len = sizeof(f) / sizeof(f[0]), .filter = f};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		fprintf(stderr, "tb_deny_perf: cannot install the seccomp filter: %s\n", strerror(errno));
		return 125;
	}
#else
	fprintf(stderr, "tb_deny_perf: no seccomp filter for this architecture\n");
	return 125;
#endif
	execvp(argv[1], argv + 1);
	fprintf(stderr, "tb_deny_perf: cannot run '%s': %s\n", argv[1], strerror(errno));
	return 127;
}
