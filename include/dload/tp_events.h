/* SPDX-License-Identifier: MIT */
/*
 * tp_events.h -- the kernel tracepoints the sdt and rawtp providers name,
 * shared by dcc (glob checks with host_probes), dload (resolving a rawtp
 * description) and the probe listing (loader/list.c), so that a glob
 * matches exactly what `dtrace -l` shows.
 *
 * As DTrace for Linux (dt_prov_sdt.c, dt_prov_rawtp.c), the events are the
 * GROUP:EVENT lines of TRACEFS/available_events (which leaves out the
 * ftrace-made ftrace group), less the groups of other providers or made by
 * tracers: syscalls, kprobes, uprobes and dt_* (DTrace's own).
 */
#ifndef DLOAD_TP_EVENTS_H
#define DLOAD_TP_EVENTS_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Is grp a group no sdt or rawtp probe comes from? */
static inline bool dtm_tp_group_skipped(const char *grp)
{
	return !strcmp(grp, "syscalls") || !strcmp(grp, "kprobes") ||
	       !strcmp(grp, "uprobes") || !strncmp(grp, "dt_", 3);
}

/* Call fn(arg, group, event) for each line of root/available_events, in
 * file order, the skipped groups too (the syscall provider reads them);
 * stops at fn's first non-zero return and returns it; -errno if the file
 * cannot be read. */
static inline int dtm_tp_events(const char *root,
				int (*fn)(void *arg, const char *grp,
					  const char *ev),
				void *arg)
{
	char path[512], line[512];
	int err = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/available_events", root);
	if (!(f = fopen(path, "re")))
		return -errno;
	while (!err && fgets(line, sizeof(line), f)) {
		char *ev = strchr(line, ':');

		line[strcspn(line, "\n")] = 0;
		if (!ev)
			continue;
		*ev++ = 0;
		err = fn(arg, line, ev);
	}
	fclose(f);
	return err;
}

#endif /* DLOAD_TP_EVENTS_H */
