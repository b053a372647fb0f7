/* SPDX-License-Identifier: MIT */
/*
 * prov_uprobe.c -- user-space providers: pid (uprobes) and usdt.
 *
 * pid<PID>:MODULE:FUNCTION:entry|return attaches a uprobe/uretprobe to
 * FUNCTION in MODULE (a path, a library name, or "a.out" for the target's
 * executable) of process PID ($target when the provider is just "pid").
 * usdt PROVIDER<PID>:MODULE:FUNCTION:NAME attaches with libbpf's USDT
 * support (the program must be of section "usdt").  Globs in the function
 * name are not resolved yet (libbpf resolves one symbol per attach).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "internal.h"

/* The pid of a provider name "pid1234" (or $target for "pid"); 0 if none. */
static pid_t prov_pid(const struct dload_obj *o, const char *prov)
{
	const char *d = prov + strlen(prov);

	while (d > prov && isdigit((unsigned char)d[-1]))
		d--;
	return *d ? (pid_t)atoi(d) : o->target_pid;
}

/* The binary path for MODULE in process pid. */
static void module_path(pid_t pid, const char *mod, char *buf, size_t len)
{
	if (!*mod || !strcmp(mod, "a.out"))
		snprintf(buf, len, "/proc/%d/exe", (int)pid);
	else
		snprintf(buf, len, "%s", mod);
}

static int upro_resolve(struct dload_obj *o, uint32_t epid,
			const struct dtm_probe *p, uint32_t kind)
{
	const struct dl_meta *m = &o->meta;
	const char *prov = dl_str(m, p->provider), *func = dl_str(m, p->function);
	char path[256], provname[80];
	pid_t pid = prov_pid(o, prov);
	int err;

	if (!pid || !*func || strpbrk(func, "*?["))
		return 0;
	module_path(pid, dl_str(m, p->module), path, sizeof(path));
	snprintf(provname, sizeof(provname), "%.*s%d",
		 (int)strcspn(prov, "0123456789"), prov, (int)pid);
	err = dl_bind_probe(o, epid, kind, provname, dl_str(m, p->module),
			    func, dl_str(m, p->name), path, (uint64_t)pid,
			    p->flags);
	return err ? err : 1;
}

static int pid_resolve(struct dload_obj *o, uint32_t epid,
		       const struct dtm_probe *p)
{
	return upro_resolve(o, epid, p, DTM_PROV_PID);
}

static int usdt_resolve(struct dload_obj *o, uint32_t epid,
			const struct dtm_probe *p)
{
	return upro_resolve(o, epid, p, DTM_PROV_USDT);
}

static int keep_link(struct dload_obj *o, struct bpf_link *link,
		     const struct dl_cprobe *cp)
{
	int err = libbpf_get_error(link);

	if (err)
		return dl_err(o, err, "cannot attach to %s:%s:%s:%s: %s",
			      cp->names.prov, cp->names.mod, cp->names.func,
			      cp->names.name, strerror(-err));
	err = dl_add_link(o, link, -1);
	if (err)
		bpf_link__destroy(link);
	return err;
}

static int pid_attach(struct dload_obj *o, struct bpf_program *prog,
		      uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .bpf_cookie = prid,
		    .retprobe = !!(cp->flags & DTM_PF_RETURN),
		    .func_name = cp->names.func);
	struct bpf_link *link;

	link = bpf_program__attach_uprobe_opts(prog, (pid_t)cp->param,
					       cp->target, 0, &opts);
	return keep_link(o, link, cp);
}

static int usdt_attach(struct dload_obj *o, struct bpf_program *prog,
		       uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	LIBBPF_OPTS(bpf_usdt_opts, opts, .usdt_cookie = prid);
	char prov[80];
	struct bpf_link *link;

	snprintf(prov, sizeof(prov), "%.*s", (int)strcspn(cp->names.prov,
							  "0123456789"),
		 cp->names.prov);
	link = bpf_program__attach_usdt(prog, (pid_t)cp->param, cp->target,
					prov, cp->names.name, &opts);
	return keep_link(o, link, cp);
}

const struct dl_prov dl_prov_pid = {
	.kind = DTM_PROV_PID,
	.name = "pid",
	.resolve = pid_resolve,
	.attach = pid_attach,
};

const struct dl_prov dl_prov_usdt = {
	.kind = DTM_PROV_USDT,
	.name = "usdt",
	.resolve = usdt_resolve,
	.attach = usdt_attach,
};
