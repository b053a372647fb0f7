/* SPDX-License-Identifier: MIT */
/*
 * prov_perf.c -- the perf-event providers: profile-N and tick-N on software
 * cpu-clock perf events, and cpc:::EVENT-MODE-COUNT on any software perf
 * event (perf_event programs).
 *
 * The period in ns is dtm_probe.param.  profile-N opens one event on every
 * online CPU; tick-N opens one event on CPU 0.  Measured on this VM: a
 * cpu-clock event on an idle CPU 1 never fires, while CPU 0 fires on time
 * whether idle or not, so CPU 0 is the tick CPU.  The program is attached
 * with bpf_program__attach_perf_event_opts (cookie = prid); libbpf then owns
 * the perf event fd and closes it on detach.  A cpc probe opens its event
 * (DTM_CPC_EVENT/MODE/PERIOD of dtm_probe.param) on every online CPU; as in
 * DTrace, CPUs where it cannot be opened are skipped, and it is an error
 * only when no CPU takes it.  A cpc glob expands into the listed probes it
 * matches (EVENT-all-1000000000, include/dload/cpc_events.h).
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "dload/cpc_events.h"
#include "internal.h"

#define DL_TICK_CPU 0

static int perf_resolve(struct dload_obj *o, uint32_t epid,
			const struct dtm_probe *p, uint32_t kind)
{
	const struct dl_meta *m = &o->meta;
	const char *prov = dl_str(m, p->provider);
	int err;

	if (!*prov || strpbrk(prov, "*?["))
		prov = "profile";
	err = dl_bind_probe(o, epid, kind, prov, "", "", dl_str(m, p->name),
			    NULL, p->param, 0);
	return err ? err : 1;
}

static int profile_resolve(struct dload_obj *o, uint32_t epid,
			   const struct dtm_probe *p)
{
	return perf_resolve(o, epid, p, DTM_PROV_PROFILE);
}

static int tick_resolve(struct dload_obj *o, uint32_t epid,
			const struct dtm_probe *p)
{
	return perf_resolve(o, epid, p, DTM_PROV_TICK);
}

/* The perf event of a profile/tick (cpu-clock) or cpc probe. */
static void event_attr(const struct dl_cprobe *cp, struct perf_event_attr *a)
{
	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	a->type = PERF_TYPE_SOFTWARE;
	a->config = PERF_COUNT_SW_CPU_CLOCK;
	a->sample_period = cp->param;
	if (cp->kind != DTM_PROV_CPC)
		return;
	a->config = DTM_CPC_EVENT(cp->param);
	a->sample_period = DTM_CPC_PERIOD(cp->param);
	a->exclude_kernel = DTM_CPC_MODE(cp->param) == DTM_CPC_USER;
	a->exclude_user = DTM_CPC_MODE(cp->param) == DTM_CPC_KERNEL;
	a->wakeup_events = 1;
}

static int attach_cpu(struct dload_obj *o, struct bpf_program *prog,
		      const struct dl_cprobe *cp, uint32_t prid, int cpu)
{
	LIBBPF_OPTS(bpf_perf_event_opts, opts, .bpf_cookie = prid);
	struct perf_event_attr attr;
	struct bpf_link *link;
	int fd, err;

	event_attr(cp, &attr);
	fd = syscall(SYS_perf_event_open, &attr, -1, cpu, -1,
		     PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return dl_err(o, -errno, "cannot open a perf event for %s:::%s on CPU %d: %s",
			      cp->names.prov, cp->names.name, cpu,
			      strerror(errno));
	link = bpf_program__attach_perf_event_opts(prog, fd, &opts);
	err = libbpf_get_error(link);
	if (err) {
		close(fd);
		return dl_err(o, err, "cannot attach to %s:::%s on CPU %d: %s",
			      cp->names.prov, cp->names.name, cpu,
			      strerror(-err));
	}
	err = dl_add_link(o, link, -1);
	if (err)
		bpf_link__destroy(link);
	return err;
}

/* Online CPUs from /sys/devices/system/cpu/online ("0-3,5"). */
static int online_cpus(bool *on, int max)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "re");
	int a, b, n = 0;
	char sep;

	if (!f)
		return -errno;
	while (fscanf(f, "%d", &a) == 1) {
		b = a;
		if (fscanf(f, "%c", &sep) == 1 && sep == '-' &&
		    (fscanf(f, "%d", &b) != 1 || fscanf(f, "%c", &sep) < 0))
			sep = 0;
		for (int c = a; c <= b && c < max; c++)
			if (c >= 0)
				on[c] = true, n++;
		if (sep != ',')
			break;
	}
	fclose(f);
	return n;
}

static int profile_attach(struct dload_obj *o, struct bpf_program *prog,
			  uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	int max = o->ncpus, err = 0;
	bool *on = calloc(max, sizeof(*on));

	if (!on)
		return dl_err(o, -ENOMEM, "out of memory");
	if (online_cpus(on, max) <= 0)
		for (int c = 0; c < max; c++)
			on[c] = true;
	for (int c = 0; c < max && !err; c++)
		if (on[c])
			err = attach_cpu(o, prog, cp, prid, c);
	free(on);
	return err;
}

static int tick_attach(struct dload_obj *o, struct bpf_program *prog,
		       uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	return attach_cpu(o, prog, cp, prid, DL_TICK_CPU);
}

/* A concrete name with no module or function: made on demand from its
 * EVENT-MODE-COUNT (dcc parsed it into p->param). */
static bool cpc_concrete(const struct dl_meta *m, const struct dtm_probe *p)
{
	const char *name = dl_str(m, p->name);

	return *name && !strpbrk(name, "*?[") && !*dl_str(m, p->module) &&
	       !*dl_str(m, p->function);
}

/* Anything else matches the listed probes (cpc_events.h), as dcc's
 * prov_cpc.c and the listing have them: EVENT-all-1000000000 for each
 * event that opens here. */
static int cpc_listed(struct dload_obj *o, uint32_t epid,
		      const struct dtm_probe *p)
{
	const struct dl_meta *m = &o->meta;
	char name[64];
	int err = 0, n = 0;

	if (!dl_glob(dl_str(m, p->module), "") ||
	    !dl_glob(dl_str(m, p->function), ""))
		return 0;
	for (int ev = 0; !err && ev < DTM_CPC_NEVENTS; ev++) {
		dtm_cpc_listed_name(ev, name, sizeof(name));
		if (!dl_glob(dl_str(m, p->name), name) || !dtm_cpc_event_opens(ev))
			continue;
		err = dl_bind_probe(o, epid, DTM_PROV_CPC, "cpc", "", "", name,
				    NULL, DTM_CPC_PARAM(ev, DTM_CPC_ALL,
							DTM_CPC_LISTED_PERIOD), 0);
		n++;
	}
	return err ? err : n;
}

static int cpc_resolve(struct dload_obj *o, uint32_t epid,
		       const struct dtm_probe *p)
{
	int err;

	if (!cpc_concrete(&o->meta, p))
		return cpc_listed(o, epid, p);
	err = dl_bind_probe(o, epid, DTM_PROV_CPC, "cpc", "", "",
			    dl_str(&o->meta, p->name), NULL, p->param, 0);
	return err ? err : 1;
}

/* Every online CPU that takes the event; an error only if none does. */
static int cpc_attach(struct dload_obj *o, struct bpf_program *prog,
		      uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	int max = o->ncpus, err = -ENODEV, n = 0;
	bool *on = calloc(max, sizeof(*on));

	if (!on)
		return dl_err(o, -ENOMEM, "out of memory");
	if (online_cpus(on, max) <= 0)
		for (int c = 0; c < max; c++)
			on[c] = true;
	for (int c = 0; c < max; c++)
		if (on[c] && !(err = attach_cpu(o, prog, cp, prid, c)))
			n++;
	free(on);
	if (n)
		o->errmsg[0] = 0;
	else if (err == -ENODEV)
		dl_err(o, err, "no CPU for %s:::%s", cp->names.prov,
		       cp->names.name);
	return n ? 0 : err;
}

const struct dl_prov dl_prov_cpc = {
	.kind = DTM_PROV_CPC,
	.name = "cpc",
	.resolve = cpc_resolve,
	.attach = cpc_attach,
};

const struct dl_prov dl_prov_profile = {
	.kind = DTM_PROV_PROFILE,
	.name = "profile",
	.resolve = profile_resolve,
	.attach = profile_attach,
};

const struct dl_prov dl_prov_tick = {
	.kind = DTM_PROV_TICK,
	.name = "tick",
	.resolve = tick_resolve,
	.attach = tick_attach,
};
