/* SPDX-License-Identifier: MIT */
/*
 * prov_perf.c -- the profile provider: profile-N and tick-N on software
 * cpu-clock perf events (perf_event programs).
 *
 * The period in ns is dtm_probe.param.  profile-N opens one event on every
 * online CPU; tick-N opens one event on CPU 0.  Measured on this VM: a
 * cpu-clock event on an idle CPU 1 never fires, while CPU 0 fires on time
 * whether idle or not, so CPU 0 is the tick CPU.  The program is attached
 * with bpf_program__attach_perf_event_opts (cookie = prid); libbpf then owns
 * the perf event fd and closes it on detach.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/libbpf.h>

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

static int attach_cpu(struct dload_obj *o, struct bpf_program *prog,
		      const struct dl_cprobe *cp, uint32_t prid, int cpu)
{
	LIBBPF_OPTS(bpf_perf_event_opts, opts, .bpf_cookie = prid);
	struct perf_event_attr attr;
	struct bpf_link *link;
	int fd, err;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_CPU_CLOCK;
	attr.sample_period = cp->param;
	fd = syscall(SYS_perf_event_open, &attr, -1, cpu, -1,
		     PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return dl_err(o, -errno, "cannot open a cpu-clock event on CPU %d: %s",
			      cpu, strerror(errno));
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
