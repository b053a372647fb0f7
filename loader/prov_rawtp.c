/* SPDX-License-Identifier: MIT */
/*
 * prov_rawtp.c -- the rawtp provider: kernel tracepoints attached as raw
 * tracepoints.
 *
 * rawtp:CATEGORY::NAME resolves CATEGORY and NAME (globs, empty = any)
 * against the events DTrace lists as rawtp probes (include/dload/
 * tp_events.h: available_events less the syscalls, kprobes, uprobes and
 * dt_* groups), as the listing does; the concrete probes are named
 * rawtp:CATEGORY::EVENT.  Each match is attached to the raw tracepoint
 * EVENT with BPF_RAW_TRACEPOINT_OPEN, the prid as the link's cookie
 * (kernel 6.10+; libbpf 1.1 has no option for it, so the command is
 * issued directly and the link kept as a plain fd).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "dload/tp_events.h"
#include "internal.h"

/* BPF_RAW_TRACEPOINT_OPEN's attributes with the cookie of kernel 6.10 */
union rawtp_attr {
	struct {
		uint64_t name;
		uint32_t prog_fd;
		uint32_t pad;
		uint64_t cookie;
	} rt;
	uint8_t size[128];
};

struct resolve {
	struct dload_obj *o;
	uint32_t epid;
	const struct dtm_probe *p;
	int n;
};

static int resolve_one(void *arg, const char *grp, const char *ev)
{
	struct resolve *r = arg;
	const struct dl_meta *m = &r->o->meta;
	const char *prov = dl_str(m, r->p->provider);
	int err;

	if (dtm_tp_group_skipped(grp) || !dl_glob(dl_str(m, r->p->module), grp) ||
	    !dl_glob(dl_str(m, r->p->name), ev))
		return 0;
	if (!*prov || strpbrk(prov, "*?["))
		prov = "rawtp";
	err = dl_bind_probe(r->o, r->epid, DTM_PROV_RAWTP, prov, grp, "", ev,
			    ev, 0, 0);
	r->n++;
	return err;
}

static int rawtp_resolve(struct dload_obj *o, uint32_t epid,
			 const struct dtm_probe *p)
{
	struct resolve r = { o, epid, p, 0 };
	char root[256];
	int err;

	if (dl_tracefs(root, sizeof(root)) ||
	    !dl_glob(dl_str(&o->meta, p->function), ""))
		return 0;
	err = dtm_tp_events(root, resolve_one, &r);
	return err == -ENOMEM || (err < 0 && r.n) ? err : r.n;
}

static int rawtp_attach(struct dload_obj *o, struct bpf_program *prog,
			uint32_t epid, const struct dl_cprobe *cp,
			uint32_t prid)
{
	union rawtp_attr a;
	int fd, err;

	memset(&a, 0, sizeof(a));
	a.rt.name = (uint64_t)(uintptr_t)cp->target;
	a.rt.prog_fd = (uint32_t)bpf_program__fd(prog);
	a.rt.cookie = prid;
	fd = (int)syscall(__NR_bpf, BPF_RAW_TRACEPOINT_OPEN, &a, sizeof(a));
	if (fd < 0) {
		err = -errno;
		return dl_err(o, err, "cannot attach %s to raw tracepoint %s: %s",
			      bpf_program__name(prog), cp->target,
			      strerror(-err));
	}
	err = dl_add_link(o, NULL, fd);
	if (err)
		close(fd);
	return err;
}

const struct dl_prov dl_prov_rawtp = {
	.kind = DTM_PROV_RAWTP,
	.name = "rawtp",
	.resolve = rawtp_resolve,
	.attach = rawtp_attach,
};
