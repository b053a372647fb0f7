/* SPDX-License-Identifier: MIT */
/*
 * prov_trace.c -- providers on kernel tracepoints: syscall and sdt.
 *
 * syscall::FUNC:entry|return resolves FUNC (a glob) against the
 * syscalls/sys_enter_* and sys_exit_* events of tracefs (mounted at
 * /sys/kernel/tracing if needed); the concrete probes are named
 * syscall:vmlinux:FUNC:entry|return.  sdt descriptions name a tracepoint as
 * PROVIDER:CATEGORY::EVENT (module = category, name = event, both globs,
 * empty = any).  Each match is attached with
 * bpf_program__attach_tracepoint_opts, the prid as cookie.
 *
 * A syscall program in section raw_tp/sys_enter or raw_tp/sys_exit (see
 * DTM_MAP_SYSCALLS in meta.h) is attached once to that raw tracepoint, and
 * each matching syscall becomes an entry {epid, nr} -> prid of dt_syscalls,
 * or, when dtm_probe.param is set (the description names one syscall), the
 * {u32 nr, u32 prid} at .rodata offset param - 1, written before load.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "internal.h"

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* The tracefs root, mounting tracefs on /sys/kernel/tracing if needed. */
int dl_tracefs(char *buf, size_t len)
{
	static const char *const roots[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	char path[256];

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < 2; i++) {
			snprintf(path, sizeof(path), "%s/events", roots[i]);
			if (is_dir(path)) {
				snprintf(buf, len, "%s", roots[i]);
				return 0;
			}
		}
		if (pass == 0 &&
		    mount("nodev", roots[0], "tracefs", 0, NULL) && errno != EBUSY)
			break;
	}
	return -ENOENT;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of dir (no dot files). */
static int list_dir(const char *dir, char ***namesp, size_t *np)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t n = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		char **nv;

		if (de->d_name[0] == '.')
			continue;
		nv = realloc(v, (n + 1) * sizeof(*v));
		if (!nv || !(nv[n] = strdup(de->d_name))) {
			v = nv ? nv : v;
			break;
		}
		v = nv;
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), cmp_str);
	*namesp = v;
	*np = n;
	return 0;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int events_of(struct dload_obj *o, const char *cat, char ***v,
		     size_t *n)
{
	char root[256], dir[512];

	if (dl_tracefs(root, sizeof(root)))
		return dl_err(o, -ENOENT, "cannot find or mount tracefs");
	snprintf(dir, sizeof(dir), "%s/events/%s", root, cat);
	return list_dir(dir, v, n);
}

/* 1: raw_tp/sys_enter, 2: raw_tp/sys_exit, 0: one tracepoint per syscall. */
static int raw_mode(struct dload_obj *o, uint32_t epid)
{
	struct bpf_program *prog = dl_prog(o, epid);
	const char *sec = prog ? bpf_program__section_name(prog) : "";

	if (!strcmp(sec, "raw_tp/sys_enter") ||
	    !strcmp(sec, "raw_tracepoint/sys_enter"))
		return 1;
	if (!strcmp(sec, "raw_tp/sys_exit") ||
	    !strcmp(sec, "raw_tracepoint/sys_exit"))
		return 2;
	return 0;
}

/* One syscall event name "sys_enter_read" against the description. */
static int syscall_match(struct dload_obj *o, uint32_t epid,
			 const struct dtm_probe *p, const char *ev, int raw)
{
	const struct dl_meta *m = &o->meta;
	const char *func, *name, *prov = dl_str(m, p->provider);
	char target[160];
	bool ret;

	if (!strncmp(ev, "sys_enter_", 10))
		func = ev + 10, name = "entry", ret = false;
	else if (!strncmp(ev, "sys_exit_", 9))
		func = ev + 9, name = "return", ret = true;
	else
		return 0;
	if (!dl_glob(dl_str(m, p->function), func) ||
	    !dl_glob(dl_str(m, p->name), name))
		return 0;
	if (raw && (raw == 2) != ret)
		return 0;	/* the other raw tracepoint */
	if (raw && dl_syscall_nr(func) < 0)
		return 0;	/* a syscall whose number we do not know */
	snprintf(target, sizeof(target), "syscalls/%s", ev);
	if (!*prov || strpbrk(prov, "*?["))
		prov = "syscall";
	return dl_bind_probe(o, epid, DTM_PROV_SYSCALL, prov, "vmlinux", func,
			     name, target, 0, ret ? DTM_PF_RETURN : 0) ?: 1;
}

/* A program with a .rodata filter slot (dtm_probe.param = 1 + offset):
 * write {nr, prid} of its one concrete probe there, before load (frozen
 * afterwards, the verifier then sees constants). */
static int fill_rodata_slot(struct dload_obj *o, uint32_t epid,
			    const struct dtm_probe *p)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, ".rodata");
	uint32_t v[2], nb = 0;
	uint8_t *data;
	size_t size;

	data = m ? (uint8_t *)bpf_map__initial_value(m, &size) : NULL;
	if (!data || p->param - 1 > size || size - (p->param - 1) < sizeof(v))
		return dl_err(o, -EINVAL, "%s: bad .rodata syscall slot %llu",
			      o->name, (unsigned long long)p->param);
	for (uint32_t b = 0; b < o->nbinds; b++) {
		if (o->binds[b].epid != epid)
			continue;
		v[1] = o->binds[b].prid;
		v[0] = (uint32_t)dl_syscall_nr(o->cprobes[v[1]].names.func);
		nb++;
	}
	if (nb > 1)
		return dl_err(o, -EINVAL, "%s: program %u matches %u syscalls but filters on one",
			      o->name, epid, nb);
	if (nb)
		memcpy(data + p->param - 1, v, sizeof(v));
	return 0;
}

static int syscall_resolve(struct dload_obj *o, uint32_t epid,
			   const struct dtm_probe *p)
{
	int raw = raw_mode(o, epid);
	char **evs;
	size_t nev;
	int err, n = 0;

	if (!dl_glob(dl_str(&o->meta, p->module), "vmlinux"))
		return 0;
	err = events_of(o, "syscalls", &evs, &nev);
	if (err)
		return err == -ENOENT ? 0 : err;
	for (size_t i = 0; i < nev && n >= 0; i++) {
		err = syscall_match(o, epid, p, evs[i], raw);
		n = err < 0 ? err : n + err;
	}
	free_list(evs, nev);
	if (n > 0 && raw && p->param && (err = fill_rodata_slot(o, epid, p)))
		return err;
	return n;
}

static int sdt_category(struct dload_obj *o, uint32_t epid,
			const struct dtm_probe *p, const char *cat)
{
	const char *prov = dl_str(&o->meta, p->provider);
	char target[160];
	char **evs;
	size_t nev;
	int err, n = 0;

	if (events_of(o, cat, &evs, &nev))
		return 0;
	for (size_t i = 0; i < nev && n >= 0; i++) {
		if (!dl_glob(dl_str(&o->meta, p->name), evs[i]))
			continue;
		snprintf(target, sizeof(target), "%s/%s", cat, evs[i]);
		err = dl_bind_probe(o, epid, DTM_PROV_SDT, *prov ? prov : cat,
				    cat, "", evs[i], target, 0, 0);
		n = err < 0 ? err : n + 1;
	}
	free_list(evs, nev);
	return n;
}

static int sdt_resolve(struct dload_obj *o, uint32_t epid,
		       const struct dtm_probe *p)
{
	char **cats;
	size_t ncat;
	int err, n = 0;

	err = events_of(o, "", &cats, &ncat);
	if (err)
		return err == -ENOENT ? 0 : err;
	for (size_t i = 0; i < ncat && n >= 0; i++) {
		if (!dl_glob(dl_str(&o->meta, p->module), cats[i]))
			continue;
		err = sdt_category(o, epid, p, cats[i]);
		n = err < 0 ? err : n + err;
	}
	free_list(cats, ncat);
	return n;
}

static int tp_attach(struct dload_obj *o, struct bpf_program *prog,
		     uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	LIBBPF_OPTS(bpf_tracepoint_opts, opts, .bpf_cookie = prid);
	char cat[160], *ev;
	struct bpf_link *link;
	int err;

	snprintf(cat, sizeof(cat), "%s", cp->target);
	ev = strchr(cat, '/');
	if (!ev)
		return dl_err(o, -EINVAL, "bad tracepoint %s", cp->target);
	*ev++ = 0;
	link = bpf_program__attach_tracepoint_opts(prog, cat, ev, &opts);
	err = libbpf_get_error(link);
	if (err == -EACCES)	/* perf_event_set_bpf_prog: max_ctx_offset */
		return dl_err(o, err, "cannot attach %s to %s:%s:%s:%s: the program reads context beyond the tracepoint's fields",
			      bpf_program__name(prog), cp->names.prov,
			      cp->names.mod, cp->names.func, cp->names.name);
	if (err)
		return dl_err(o, err, "cannot attach to %s:%s:%s:%s: %s",
			      cp->names.prov, cp->names.mod, cp->names.func,
			      cp->names.name, strerror(-err));
	err = dl_add_link(o, link, -1);
	if (err)
		bpf_link__destroy(link);
	return err;
}

static bool rawtp_attached(struct dload_obj *o, struct bpf_program *prog)
{
	for (uint32_t i = 0; i < o->nrawtp; i++)
		if (o->rawtp[i] == prog)
			return true;
	return false;
}

static int rawtp_attach_once(struct dload_obj *o, struct bpf_program *prog,
			     int raw)
{
	struct bpf_program **v;
	struct bpf_link *link;
	int err;

	if (rawtp_attached(o, prog))
		return 0;
	v = realloc(o->rawtp, (o->nrawtp + 1) * sizeof(*v));
	if (!v)
		return dl_err(o, -ENOMEM, "out of memory");
	o->rawtp = v;
	link = bpf_program__attach_raw_tracepoint(prog, raw == 1 ? "sys_enter"
								: "sys_exit");
	err = libbpf_get_error(link);
	if (err)
		return dl_err(o, err, "cannot attach %s to raw tracepoint %s: %s",
			      bpf_program__name(prog),
			      raw == 1 ? "sys_enter" : "sys_exit", strerror(-err));
	if ((err = dl_add_link(o, link, -1))) {
		bpf_link__destroy(link);
		return err;
	}
	o->rawtp[o->nrawtp++] = prog;
	return 0;
}

static int syscall_attach(struct dload_obj *o, struct bpf_program *prog,
			  uint32_t epid, const struct dl_cprobe *cp,
			  uint32_t prid)
{
	struct dtm_syscall_key key = { .epid = epid };
	struct bpf_map *m;
	int raw = raw_mode(o, epid), err;

	if (!raw)
		return tp_attach(o, prog, epid, cp, prid);
	if (o->meta.probes[epid].param)	/* the .rodata slot, filled */
		return rawtp_attach_once(o, prog, raw);
	m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_SYSCALLS);
	if (!m)
		return dl_err(o, -ENOENT, "%s: no map %s", o->name,
			      DTM_MAP_SYSCALLS);
	key.nr = (uint32_t)dl_syscall_nr(cp->names.func);
	if (bpf_map_update_elem(bpf_map__fd(m), &key, &prid, 0))
		return dl_err(o, -errno, "cannot fill %s: %s", DTM_MAP_SYSCALLS,
			      strerror(errno));
	err = rawtp_attach_once(o, prog, raw);
	return err;
}

const struct dl_prov dl_prov_syscall = {
	.kind = DTM_PROV_SYSCALL,
	.name = "syscall",
	.resolve = syscall_resolve,
	.attach = syscall_attach,
};

const struct dl_prov dl_prov_sdt = {
	.kind = DTM_PROV_SDT,
	.name = "sdt",
	.resolve = sdt_resolve,
	.attach = tp_attach,
};
