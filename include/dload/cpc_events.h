/* SPDX-License-Identifier: MIT */
/*
 * cpc_events.h -- the events of the cpc provider, shared by dcc (which
 * parses cpc:::EVENT-MODE-COUNT and matches globs), dload (which expands a
 * glob into concrete probes) and the probe listing (loader/list.c), so that
 * all three agree on one set.
 *
 * The events are the generic software perf events, indexed by their
 * PERF_COUNT_SW_* config.  As in DTrace for Linux (dt_prov_cpc.c), the
 * provider lists one probe per event that opens on this host (CPU 0):
 * EVENT-all-1000000000; any EVENT-MODE-COUNT of a known event is a probe
 * too, made on demand for a concrete name, but a glob (or a description
 * with a module or function) only matches the listed probes.
 */
#ifndef DLOAD_CPC_EVENTS_H
#define DLOAD_CPC_EVENTS_H

#include <linux/perf_event.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const dtm_cpc_events[] = {
	[PERF_COUNT_SW_CPU_CLOCK] = "cpu_clock",
	[PERF_COUNT_SW_TASK_CLOCK] = "task_clock",
	[PERF_COUNT_SW_PAGE_FAULTS] = "page_faults",
	[PERF_COUNT_SW_CONTEXT_SWITCHES] = "context_switches",
	[PERF_COUNT_SW_CPU_MIGRATIONS] = "cpu_migrations",
	[PERF_COUNT_SW_PAGE_FAULTS_MIN] = "minor_faults",
	[PERF_COUNT_SW_PAGE_FAULTS_MAJ] = "major_faults",
	[PERF_COUNT_SW_ALIGNMENT_FAULTS] = "alignment_faults",
	[PERF_COUNT_SW_EMULATION_FAULTS] = "emulation_faults",
};

#define DTM_CPC_NEVENTS \
	((int)(sizeof(dtm_cpc_events) / sizeof(dtm_cpc_events[0])))
#define DTM_CPC_LISTED_PERIOD	1000000000ull	/* "EVENT-all-1000000000" */

/* The listed probe name of event ev into buf. */
static inline void dtm_cpc_listed_name(int ev, char *buf, size_t len)
{
	snprintf(buf, len, "%s-all-%llu", dtm_cpc_events[ev],
		 DTM_CPC_LISTED_PERIOD);
}

/* Does software event ev open here (counting, on CPU 0, any task)? */
static inline bool dtm_cpc_event_opens(int ev)
{
	struct perf_event_attr a = { .size = sizeof(a),
		.type = PERF_TYPE_SOFTWARE, .config = (unsigned)ev };
	long fd = syscall(SYS_perf_event_open, &a, -1, 0, -1,
			  PERF_FLAG_FD_CLOEXEC);

	if (fd < 0)
		return false;
	close((int)fd);
	return true;
}

#endif /* DLOAD_CPC_EVENTS_H */
