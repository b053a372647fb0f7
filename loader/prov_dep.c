/* SPDX-License-Identifier: MIT */
/*
 * prov_dep.c -- the proc, sched and io providers: programs dcc emitted for
 * entries of dtm_dep_probes (include/dload/dep_probes.h), dtm_probe.param
 * = the entry's index.  Each program is one concrete probe
 * PROVIDER:vmlinux::NAME, attached to the tracepoint its section names
 * ("tracepoint/CAT/EVENT": two programs of proc:::exec, for execve and
 * execveat, share the concrete probe but not the tracepoint), or for a
 * raw entry ("raw_tp/EVENT") to the raw tracepoint as the rawtp provider
 * does, with the probe id as cookie.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "dload/dep_probes.h"
#include "internal.h"

static int dep_resolve(struct dload_obj *o, uint32_t epid,
		       const struct dtm_probe *p)
{
	const struct dtm_dep_probe *d;
	int err;

	if (p->param >= DTM_DEP__MAX)
		return 0;
	d = &dtm_dep_probes[p->param];
	err = dl_bind_probe(o, epid, p->kind, d->prov, "vmlinux", "", d->name,
			    d->raw ? dtm_dep_event(d) : d->tp, p->param, 0);
	return err ? err : 1;
}

/* The raw tracepoint the section names (programs of one concrete probe,
 * io:::done's, may have different ones), as the rawtp provider attaches. */
static int dep_attach_raw(struct dload_obj *o, struct bpf_program *prog,
			  uint32_t epid, const struct dl_cprobe *cp,
			  uint32_t prid)
{
	struct dl_cprobe raw = *cp;

	snprintf(raw.target, sizeof(raw.target), "%s",
		 bpf_program__section_name(prog) + 7);
	return dl_prov_rawtp.attach(o, prog, epid, &raw, prid);
}

static int dep_attach(struct dload_obj *o, struct bpf_program *prog,
		      uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	LIBBPF_OPTS(bpf_tracepoint_opts, opts, .bpf_cookie = prid);
	const char *sec = bpf_program__section_name(prog);
	char cat[160], *ev;
	struct bpf_link *link;
	int err;

	if (!strncmp(sec, "raw_tp/", 7))
		return dep_attach_raw(o, prog, epid, cp, prid);
	if (strncmp(sec, "tracepoint/", 11))
		return dl_err(o, -EINVAL, "%s: bad section %s for %s:::%s",
			      o->name, sec, cp->names.prov, cp->names.name);
	snprintf(cat, sizeof(cat), "%s", sec + 11);
	ev = strchr(cat, '/');
	if (!ev)
		return dl_err(o, -EINVAL, "bad tracepoint %s", sec);
	*ev++ = 0;
	link = bpf_program__attach_tracepoint_opts(prog, cat, ev, &opts);
	err = libbpf_get_error(link);
	if (err)
		return dl_err(o, err, "cannot attach to %s:%s:%s:%s: %s",
			      cp->names.prov, cp->names.mod, cp->names.func,
			      cp->names.name, strerror(-err));
	err = dl_add_link(o, link, -1);
	if (err)
		bpf_link__destroy(link);
	return err;
}

const struct dl_prov dl_prov_proc = {
	.kind = DTM_PROV_PROC,
	.name = "proc",
	.resolve = dep_resolve,
	.attach = dep_attach,
};

const struct dl_prov dl_prov_sched = {
	.kind = DTM_PROV_SCHED,
	.name = "sched",
	.resolve = dep_resolve,
	.attach = dep_attach,
};

const struct dl_prov dl_prov_io = {
	.kind = DTM_PROV_IO,
	.name = "io",
	.resolve = dep_resolve,
	.attach = dep_attach,
};
