/* SPDX-License-Identifier: MIT */
/*
 * prov_rawtp.c -- the rawtp provider: kernel tracepoints attached as raw
 * tracepoints.
 *
 * rawtp:CATEGORY::NAME resolves CATEGORY and NAME (globs, empty = any)
 * against the events of tracefs (less the ftrace-made categories syscalls
 * and ftrace, which have no raw tracepoint); the concrete probes are named
 * rawtp:CATEGORY::EVENT.  Each match is attached to the raw tracepoint
 * EVENT with BPF_RAW_TRACEPOINT_OPEN, the prid as the link's cookie
 * (kernel 6.10+; libbpf 1.1 has no option for it, so the command is
 * issued directly and the link kept as a plain fd).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

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

/* The ftrace-made events (syscalls:*, ftrace:*) have no raw tracepoint. */
static bool no_rawtp(const char *cat)
{
	return !strcmp(cat, "syscalls") || !strcmp(cat, "ftrace");
}

static int rawtp_category(struct dload_obj *o, uint32_t epid,
			  const struct dtm_probe *p, const char *dir,
			  const char *cat)
{
	const char *prov = dl_str(&o->meta, p->provider);
	char path[640];
	struct dirent *de;
	DIR *d;
	int err, n = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, cat);
	if (!(d = opendir(path)))
		return 0;
	while (n >= 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.' ||
		    !dl_glob(dl_str(&o->meta, p->name), de->d_name))
			continue;
		if (!*prov || strpbrk(prov, "*?["))
			prov = "rawtp";
		err = dl_bind_probe(o, epid, DTM_PROV_RAWTP, prov, cat, "",
				    de->d_name, de->d_name, 0, 0);
		n = err < 0 ? err : n + 1;
	}
	closedir(d);
	return n;
}

static int rawtp_resolve(struct dload_obj *o, uint32_t epid,
			 const struct dtm_probe *p)
{
	char root[256], dir[320];
	struct dirent *de;
	DIR *d;
	int err, n = 0;

	if (dl_tracefs(root, sizeof(root)))
		return 0;
	snprintf(dir, sizeof(dir), "%s/events", root);
	if (!(d = opendir(dir)))
		return 0;
	while (n >= 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.' || de->d_type != DT_DIR ||
		    no_rawtp(de->d_name) || !dl_glob(dl_str(&o->meta, p->module), de->d_name))
			continue;
		err = rawtp_category(o, epid, p, dir, de->d_name);
		n = err < 0 ? err : n + err;
	}
	closedir(d);
	return n;
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
