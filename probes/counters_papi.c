/*
 * counters_papi.c - PAPI start-up (threads, multiplexing, the counting
 * domain), its CPU component, single-event probes and event sets (see
 * counters_papi.h), and whether this machine has hardware counters.
 */
#include "counters_papi.h"
#include "counters_perf.h"

#include "../kernels/common.h"

#include <papi.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int papi_state; /* 0 not tried, 1 ok, -1 failed */
static char papi_version[32];
static char papi_err[160];

static unsigned long thread_id(void) { return (unsigned long)pthread_self(); }

int tb_counters_init(char *err, size_t errlen)
{
	if (papi_state == 0) {
		int v = PAPI_library_init(PAPI_VER_CURRENT);
		if (v != PAPI_VER_CURRENT) {
			snprintf(papi_err, sizeof(papi_err), "PAPI could not start: %s",
				 v > 0 ? "version mismatch" : PAPI_strerror(v));
			papi_state = -1;
		} else if (PAPI_thread_init(thread_id) != PAPI_OK ||
			   PAPI_multiplex_init() != PAPI_OK) {
			snprintf(papi_err, sizeof(papi_err), "PAPI thread or multiplex support failed");
			papi_state = -1;
		} else {
			atexit(PAPI_shutdown); /* frees what PAPI holds (leak checkers) */
			snprintf(papi_version, sizeof(papi_version), "%d.%d.%d.%d",
				 PAPI_VERSION_MAJOR(v), PAPI_VERSION_MINOR(v),
				 PAPI_VERSION_REVISION(v), PAPI_VERSION_INCREMENT(v));
			/* PAPI counts user space only by default: context switches
			 * and migrations, counted in the kernel's context, would
			 * read 0.  Count both sides where the kernel allows it. */
			if (tb_perf_access()->kernel)
				PAPI_set_cmp_domain(PAPI_DOM_USER | PAPI_DOM_KERNEL, tb_papi_cpu_component());
			papi_state = 1;
		}
	}
	if (papi_state < 0)
		return tb_err(err, errlen, "%s", papi_err);
	return 0;
}

bool tb_papi_ready(void) { return papi_state > 0 || (papi_state == 0 && !tb_counters_init(NULL, 0)); }

const char *tb_counters_papi_version(void) { return papi_version; }

int tb_papi_cpu_component(void)
{
	int c = PAPI_get_component_index("perf_event");
	return c < 0 ? 0 : c;
}

bool tb_papi_cpu_active(const char **why)
{
	static char reason[256];
	if (!tb_papi_ready()) {
		if (why)
			*why = papi_err;
		return false;
	}
	const PAPI_component_info_t *ci = PAPI_get_component_info(tb_papi_cpu_component());
	bool on = ci && !ci->disabled && !strcmp(ci->name, "perf_event");
	if (!on)
		snprintf(reason, sizeof(reason), "PAPI's perf_event component is %s",
			 !ci || strcmp(ci->name, "perf_event") ? "not built in" : "disabled");
	if (!on && ci && ci->disabled && ci->disabled_reason[0])
		snprintf(reason + strlen(reason), sizeof(reason) - strlen(reason), ": %.200s",
			 ci->disabled_reason);
	if (why)
		*why = on ? "" : reason;
	return on;
}

int tb_counters_hw_slots(void)
{
	if (!tb_papi_cpu_active(NULL))
		return 0;
	const PAPI_component_info_t *ci = PAPI_get_component_info(tb_papi_cpu_component());
	return ci ? ci->num_cntrs : 0;
}

bool tb_papi_can_count(int code)
{
	int es = PAPI_NULL;
	bool ok = PAPI_create_eventset(&es) == PAPI_OK && PAPI_add_event(es, code) == PAPI_OK;
	long long v[1];
	if (ok)
		ok = PAPI_start(es) == PAPI_OK && PAPI_stop(es, v) == PAPI_OK;
	if (es != PAPI_NULL) {
		PAPI_cleanup_eventset(es);
		PAPI_destroy_eventset(&es);
	}
	return ok;
}

int tb_papi_make_set(const int *codes, size_t n, bool mpx, int *es, size_t *bad)
{
	int rc;
	*es = PAPI_NULL;
	*bad = n;
	if ((rc = PAPI_create_eventset(es)) != PAPI_OK)
		return rc;
	if (mpx && ((rc = PAPI_assign_eventset_component(*es, tb_papi_cpu_component())) != PAPI_OK ||
		    (rc = PAPI_set_multiplex(*es)) != PAPI_OK))
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = PAPI_add_event(*es, codes[i])) != PAPI_OK) {
			*bad = i;
			return rc;
		}
	return PAPI_OK;
}

void tb_papi_drop_set(int *es)
{
	if (*es == PAPI_NULL)
		return;
	long long v[TB_CTR_MAX];
	PAPI_stop(*es, v);
	PAPI_cleanup_eventset(*es);
	PAPI_destroy_eventset(es);
	*es = PAPI_NULL;
}

/* Hardware counters: PAPI counts cycles, or the kernel does (a CPU that
 * libpfm4 does not know yet still has the kernel's generic events). */
bool tb_counters_hw_available(const char **why)
{
	static int known; /* 0 unknown, 1 yes, -1 no */
	static char reason[400];
	if (!known) {
		int code;
		struct perf_event_attr a;
		const struct tb_perf_access *ac = tb_perf_access();
		bool papi = tb_papi_ready();
		if (papi && ((PAPI_query_event(PAPI_TOT_CYC) == PAPI_OK && tb_papi_can_count(PAPI_TOT_CYC)) ||
			     (PAPI_event_name_to_code("perf::CYCLES", &code) == PAPI_OK &&
			      tb_papi_can_count(code)))) {
			known = 1;
		} else if (tb_perf_preset_attr("PAPI_TOT_CYC", ac->kernel, &a) && tb_perf_try(&a) == 0) {
			known = 1;
		} else if (!ac->any) {
			snprintf(reason, sizeof(reason), "no counters at all: %s", ac->why);
			known = -1;
		} else {
			const PAPI_hw_info_t *hw = papi ? PAPI_get_hardware_info() : NULL;
			if (hw && hw->virtualized)
				snprintf(reason, sizeof(reason),
					 "no hardware counters: this is a virtual machine (%s) without a virtual PMU",
					 hw->virtual_vendor_string[0] ? hw->virtual_vendor_string : "hypervisor");
			else
				snprintf(reason, sizeof(reason),
					 "no hardware counters: the kernel exposes no CPU PMU");
			known = -1;
		}
	}
	if (why)
		*why = known > 0 ? "" : reason;
	return known > 0;
}
