/*
 * counters_perf.h - the second counting backend: the kernel's
 * perf_event_open(2) called directly, with names encoded by libpfm4
 * (pfm_get_os_event_encoding, PFM_OS_PERF_EVENT_EXT).  libpfm4's generic
 * `perf` PMU is there even when no CPU PMU is detected, so the software
 * events (task-clock, page faults, context switches, ...) count wherever
 * the kernel lets this process count at all; hardware events wherever the
 * kernel has them.  Also what the kernel allows this user (the access
 * probe, perf_event_paranoid) and why it refuses.  Nothing here prints.
 */
#ifndef TB_COUNTERS_PERF_H
#define TB_COUNTERS_PERF_H

#include <perfmon/pfmlib_perf_event.h> /* libpfm4 brings its own perf_event.h */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What perf_event_open may do for this process, probed once with a
 * task-clock event on the calling thread. */
struct tb_perf_access {
	bool any;      /* counting this process is allowed at all */
	bool kernel;   /* ... with the kernel side too (else user space only) */
	int paranoid;  /* /proc/sys/kernel/perf_event_paranoid, or -99 unreadable */
	bool privileged; /* root, CAP_PERFMON or CAP_SYS_ADMIN */
	int errnum;    /* errno of the refused probe (0 when allowed) */
	char why[320]; /* when !any, or !kernel: the reason, naming the sysctl;
			* else what allows it */
};
const struct tb_perf_access *tb_perf_access(void);

/* The refusal as one clause (pure: tests call it with made-up inputs).
 * kernel_only: the refusal is of kernel-side counting only. */
void tb_perf_refusal(int paranoid, bool privileged, int errnum, bool kernel_only, char *buf,
		     size_t len);

/* Encode a libpfm4 event name ("perf::PAGE-FAULTS", "page-faults", a CPU
 * PMU's event) for this process; kernel: count the kernel side too.
 * 0, or -1 with err filled. */
int tb_perf_encode(const char *name, bool kernel, struct perf_event_attr *a, char *err,
		   size_t errlen);
/* An attr of the kernel's generic hardware event for a PAPI preset that
 * has an exact one (PAPI_TOT_CYC -> cycles, ...); false if none. */
bool tb_perf_preset_attr(const char *preset, bool kernel, struct perf_event_attr *a);
/* Software events that the kernel counts in its own context only
 * (context switches, migrations): user-space-only counting reads 0. */
bool tb_perf_kernel_context_only(const struct perf_event_attr *a);
bool tb_perf_is_software(const struct perf_event_attr *a);

/* Open a running counter of the calling thread: fd, or -errno.  group:
 * the leader's fd to join its group, or -1.  Software events read as a
 * group (one read for all of them); hardware events each lead their own,
 * so the kernel can multiplex them one by one. */
int tb_perf_open(const struct perf_event_attr *a, int group);
/* A counter of process pid and every child it forks from then on
 * (inherit), disabled until pid calls exec (enable_on_exec), read alone
 * (tb_perf_read): fd, or -errno. */
int tb_perf_open_task(const struct perf_event_attr *a, int pid);
/* Open, start and close (can this event count here?): 0 or -errno. */
int tb_perf_try(const struct perf_event_attr *a);
/* value, time enabled, time running; 0 or -1 */
int tb_perf_read(int fd, uint64_t v[3]);
/* the same for every member of lead's group of n, in the order opened */
int tb_perf_read_group(int lead, size_t n, uint64_t (*v)[3]);
/* why an open failed with -rc, for event name (one clause, no name) */
void tb_perf_why(const struct perf_event_attr *a, int rc, char *buf, size_t len);

/* the PMUs libpfm4 detected here, comma-separated */
void tb_perf_pmus(char *buf, size_t len);
/* libpfm4's generic perf PMU: every event name ("perf::NAME") */
typedef int (*tb_perf_name_fn)(void *ctx, const char *name, const char *descr);
int tb_perf_each_name(tb_perf_name_fn fn, void *ctx);

#endif
