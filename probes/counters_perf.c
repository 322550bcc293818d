/*
 * counters_perf.c - perf_event_open(2) directly (see counters_perf.h): the
 * access probe and its reasons, libpfm4 encoding, open / read of one
 * counter of the calling thread.  The event sets are in counters.c.
 */
#define _GNU_SOURCE
#include "counters_perf.h"

#include "../kernels/common.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FORMAT (PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING)

static int pfm_ready(void)
{
	static int rc = 1; /* 1 not tried */
	if (rc == 1)
		rc = pfm_initialize() == PFM_SUCCESS ? 0 : -1;
	return rc;
}

static void finish_attr(struct perf_event_attr *a, bool kernel)
{
	a->size = sizeof(*a);
	a->read_format = FORMAT;
	a->disabled = 0;
	a->inherit = 0;
	a->exclude_kernel = !kernel;
	a->exclude_hv = 1;
}

int tb_perf_open(const struct perf_event_attr *a, int group)
{
	struct perf_event_attr copy = *a;
	if (group >= 0 || tb_perf_is_software(a))
		copy.read_format |= PERF_FORMAT_GROUP;
	long fd = syscall(__NR_perf_event_open, &copy, 0, -1, group, PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : (int)fd;
}

int tb_perf_open_task(const struct perf_event_attr *a, int pid)
{
	struct perf_event_attr copy = *a;
	copy.read_format = FORMAT; /* never PERF_FORMAT_GROUP: not with inherit */
	copy.inherit = 1;
	copy.disabled = 1;
	copy.enable_on_exec = 1;
	long fd = syscall(__NR_perf_event_open, &copy, (pid_t)pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
	return fd < 0 ? -errno : (int)fd;
}

int tb_perf_try(const struct perf_event_attr *a)
{
	struct perf_event_attr copy = *a;
	copy.read_format = FORMAT;
	int fd = tb_perf_open(&copy, -1);
	if (fd < 0)
		return fd;
	uint64_t v[3];
	int rc = tb_perf_read(fd, v) ? -EIO : 0;
	close(fd);
	return rc;
}

int tb_perf_read(int fd, uint64_t v[3])
{
	uint64_t g[4];
	ssize_t n = read(fd, g, sizeof(g));
	if (n == (ssize_t)(3 * sizeof(uint64_t))) { /* value, enabled, running */
		memcpy(v, g, 3 * sizeof(uint64_t));
		return 0;
	}
	if (n != (ssize_t)sizeof(g) || g[0] != 1) /* a group of one: nr, enabled, running, value */
		return -1;
	v[0] = g[3];
	v[1] = g[1];
	v[2] = g[2];
	return 0;
}

int tb_perf_read_group(int lead, size_t n, uint64_t (*v)[3])
{
	uint64_t g[3 + 64];
	if (n > 64)
		return -1;
	ssize_t want = (ssize_t)((3 + n) * sizeof(uint64_t));
	if (read(lead, g, sizeof(g)) != want || g[0] != n)
		return -1;
	for (size_t k = 0; k < n; k++) {
		v[k][0] = g[3 + k];
		v[k][1] = g[1];
		v[k][2] = g[2];
	}
	return 0;
}

/* root, or CAP_PERFMON (38) / CAP_SYS_ADMIN (21) in the effective set */
static bool privileged(void)
{
	if (geteuid() == 0)
		return true;
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long long eff = 0;
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return (eff >> 38 & 1) || (eff >> 21 & 1);
}

void tb_perf_refusal(int paranoid, bool priv, int errnum, bool kernel_only, char *buf,
		     size_t len)
{
	char p[32];
	if (paranoid == -99)
		snprintf(p, sizeof(p), "unreadable");
	else
		snprintf(p, sizeof(p), "%d", paranoid);
	if (errnum == ENOSYS || errnum == ENOENT) {
		snprintf(buf, len, "this kernel has no perf_event_open (built without CONFIG_PERF_EVENTS)");
	} else if (errnum != EACCES && errnum != EPERM) {
		snprintf(buf, len, "perf_event_open fails here: %s", strerror(errnum));
	} else if (kernel_only && !priv && paranoid >= 2) {
		snprintf(buf, len, "kernel.perf_event_paranoid is %s: this user may count user space only; "
			 "kernel-side counts need 1 or lower (sudo sysctl kernel.perf_event_paranoid=1) or CAP_PERFMON", p);
	} else if (!priv && paranoid >= 3) {
		snprintf(buf, len, "kernel.perf_event_paranoid is %s: the kernel lets no unprivileged process count events; "
			 "2 or lower is needed (sudo sysctl kernel.perf_event_paranoid=2; 1 to count the kernel side too), or CAP_PERFMON", p);
	} else {
		snprintf(buf, len, "perf_event_open is refused (%s) although kernel.perf_event_paranoid is %s%s: "
			 "a seccomp, container or security-module policy forbids it here",
			 strerror(errnum), p, priv ? " and this process is privileged" : "");
	}
}

static void probe(struct tb_perf_access *ac)
{
	char v[32];
	FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
	ac->paranoid = f && fgets(v, sizeof(v), f) ? atoi(v) : -99;
	if (f)
		fclose(f);
	ac->privileged = privileged();
	struct perf_event_attr a = {.type = PERF_TYPE_SOFTWARE, .config = PERF_COUNT_SW_TASK_CLOCK};
	finish_attr(&a, true);
	int rc = tb_perf_try(&a);
	if (rc == 0) {
		ac->any = ac->kernel = true;
		snprintf(ac->why, sizeof(ac->why), "kernel.perf_event_paranoid is %d%s", ac->paranoid,
			 ac->privileged ? " and this process is privileged" : "");
		return;
	}
	ac->errnum = -rc;
	if (rc == -EACCES || rc == -EPERM) {
		finish_attr(&a, false);
		if (tb_perf_try(&a) == 0) {
			ac->any = true;
			tb_perf_refusal(ac->paranoid, ac->privileged, ac->errnum, true, ac->why,
					sizeof(ac->why));
			return;
		}
	}
	tb_perf_refusal(ac->paranoid, ac->privileged, ac->errnum, false, ac->why, sizeof(ac->why));
}

static struct tb_perf_access access_state;
static void probe_once(void) { probe(&access_state); }

const struct tb_perf_access *tb_perf_access(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, probe_once);
	return &access_state;
}

int tb_perf_encode(const char *name, bool kernel, struct perf_event_attr *a, char *err,
		   size_t errlen)
{
	memset(a, 0, sizeof(*a));
	if (pfm_ready())
		return tb_err(err, errlen, "libpfm4 could not start");
	pfm_perf_encode_arg_t arg = {.size = sizeof(arg), .attr = a};
	int rc = pfm_get_os_event_encoding(name, PFM_PLM3 | (kernel ? PFM_PLM0 : 0),
					   PFM_OS_PERF_EVENT_EXT, &arg);
	if (rc != PFM_SUCCESS)
		return tb_err(err, errlen, "libpfm4: %s", pfm_strerror(rc));
	finish_attr(a, kernel);
	return 0;
}

bool tb_perf_preset_attr(const char *preset, bool kernel, struct perf_event_attr *a)
{
	static const struct { const char *preset; uint64_t config; } map[] = {
		{"PAPI_TOT_CYC", PERF_COUNT_HW_CPU_CYCLES}, {"PAPI_TOT_INS", PERF_COUNT_HW_INSTRUCTIONS},
		{"PAPI_BR_INS", PERF_COUNT_HW_BRANCH_INSTRUCTIONS},
		{"PAPI_BR_MSP", PERF_COUNT_HW_BRANCH_MISSES}, {"PAPI_REF_CYC", PERF_COUNT_HW_REF_CPU_CYCLES},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(preset, map[i].preset)) {
			memset(a, 0, sizeof(*a));
			a->type = PERF_TYPE_HARDWARE;
			a->config = map[i].config;
			finish_attr(a, kernel);
			return true;
		}
	return false;
}

bool tb_perf_is_software(const struct perf_event_attr *a)
{
	return a->type == PERF_TYPE_SOFTWARE;
}

bool tb_perf_kernel_context_only(const struct perf_event_attr *a)
{
	return a->type == PERF_TYPE_SOFTWARE &&
	       (a->config == PERF_COUNT_SW_CONTEXT_SWITCHES ||
		a->config == PERF_COUNT_SW_CPU_MIGRATIONS ||
		a->config == PERF_COUNT_SW_CGROUP_SWITCHES);
}

void tb_perf_why(const struct perf_event_attr *a, int rc, char *buf, size_t len)
{
	int e = -rc;
	if ((e == ENOENT || e == EOPNOTSUPP || e == ENODEV) && a->type != PERF_TYPE_SOFTWARE)
		snprintf(buf, len, "the kernel exposes no CPU PMU that counts it");
	else if (e == EACCES || e == EPERM)
		tb_perf_refusal(tb_perf_access()->paranoid, tb_perf_access()->privileged, e, false, buf,
				len);
	else
		snprintf(buf, len, "perf_event_open: %s", strerror(e));
}

void tb_perf_pmus(char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = 0;
	if (pfm_ready())
		return;
	pfm_pmu_t p;
	pfm_for_all_pmus(p) {
		pfm_pmu_info_t pi = {.size = sizeof(pi)};
		if (pfm_get_pmu_info(p, &pi) == PFM_SUCCESS && pi.is_present && o < len)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "", pi.name);
	}
}

int tb_perf_each_name(tb_perf_name_fn fn, void *ctx)
{
	if (pfm_ready())
		return -1;
	pfm_pmu_info_t pi = {.size = sizeof(pi)};
	if (pfm_get_pmu_info(PFM_PMU_PERF_EVENT, &pi) != PFM_SUCCESS || !pi.is_present)
		return 0;
	for (int i = pi.first_event; i != -1; i = pfm_get_event_next(i)) {
		pfm_event_info_t ei = {.size = sizeof(ei)};
		if (pfm_get_event_info(i, PFM_OS_NONE, &ei) != PFM_SUCCESS)
			continue;
		char full[256];
		snprintf(full, sizeof(full), "%s::%s", pi.name, ei.name);
		int rc = fn(ctx, full, ei.desc ? ei.desc : "");
		if (rc)
			return rc;
	}
	return 0;
}
