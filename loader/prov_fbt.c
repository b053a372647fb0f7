/* SPDX-License-Identifier: MIT */
/*
 * prov_fbt.c -- the fbt provider: kernel function entry and return on
 * fentry/fexit programs, falling back to kprobes.
 *
 * dcc emits each fbt description twice (meta.h, DTM_PF_KPROBE): a
 * fentry/fexit program and a kprobe/kretprobe program.  Resolution (before
 * bpf_object__load) handles the pair at once, from the fentry/fexit entry;
 * the kprobe entry defers to it.  The description's function (and module)
 * globs are matched against the kernel's functions: available_filter_functions
 * when readable, else the text symbols of /proc/kallsyms.  Then, per
 * function, the variant is chosen by asking the kernel:
 *
 *   fentry usable  a minimal BPF_PROG_TYPE_TRACING program (r0 = 0; exit)
 *                  with the function's BTF id (vmlinux or module BTF) as
 *                  attach_btf_id loads; a refusal that is not about the
 *                  function (EPERM, EACCES, ENOTSUPP, ...) is cached for
 *                  the run
 *   kprobes usable the kprobe PMU exists
 *                  (/sys/bus/event_source/devices/kprobe/type) or tracefs
 *                  has kprobe_events
 *
 * fentry wins when usable.  A program bound to no function is not loaded
 * (load.c's autoload pass).  When neither variant works for a function,
 * dload says so in one line naming what it found and stops, or (zdefs)
 * warns and goes on without it; a glob skips such functions silently as
 * long as one of its functions can be traced.
 *
 * Attachment, cookie = prid: kprobes with bpf_program__attach_kprobe_opts;
 * a fentry/fexit program with bpf_program__attach_trace_opts for its first
 * function (the attach target, set by dl_fbt_set_targets right before
 * bpf_object__load when it is not the section's), and, for each further
 * function of a glob, a copy of its final instructions loaded with that
 * function's BTF id and linked with bpf_link_create.
 *
 * dl_fbt_force() lets the unit tests impose the kernel's answers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "internal.h"

#define FILTER_FUNCS	"available_filter_functions"
#define KALLSYMS	"/proc/kallsyms"
#define KPROBE_PMU	"/sys/bus/event_source/devices/kprobe/type"
#define ENOTSUPP_K	524	/* the kernel's ENOTSUPP */

/* ---- the kernel's answers ---------------------------------------------------------- */

static struct {
	int fentry, fentry_err, kprobes;	/* forced: enum dl_fbt_answer */
	int kernel_err;		/* fentry refused whatever the function */
	int kprobes_found;	/* 0 unknown, 1 yes, -1 no */
	struct btf *vmlinux;
} fbt;

void dl_fbt_force(int fentry, int fentry_err, int kprobes)
{
	fbt.fentry = fentry;
	fbt.fentry_err = fentry_err;
	fbt.kprobes = kprobes;
	fbt.kernel_err = 0;
	fbt.kprobes_found = 0;
}

bool dl_fbt_kprobes_usable(void)
{
	char path[256];

	if (fbt.kprobes)
		return fbt.kprobes == DL_FBT_YES;
	if (!fbt.kprobes_found) {
		bool ok = !access(KPROBE_PMU, F_OK);

		if (!ok && !dl_tracefs(path, sizeof(path) - 16)) {
			strcat(path, "/kprobe_events");
			ok = !access(path, F_OK);
		}
		fbt.kprobes_found = ok ? 1 : -1;
	}
	return fbt.kprobes_found > 0;
}

/* The fd of module mod's BTF object (to close), or -errno. */
static int module_btf_fd(const char *mod)
{
	uint32_t id = 0;
	char name[64];

	while (!bpf_btf_get_next_id(id, &id)) {
		struct bpf_btf_info info = { .name = (uintptr_t)name,
					     .name_len = sizeof(name) };
		uint32_t len = sizeof(info);
		int fd = bpf_btf_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) && !strcmp(name, mod))
			return fd;
		close(fd);
	}
	return -ENOENT;
}

/* func's BTF FUNC id in vmlinux or module mod; *objfd: 0 or the module's
 * BTF fd (to close).  -ESRCH: the function has no BTF. */
static int btf_func(const char *func, const char *mod, int *objfd)
{
	struct btf *mb;
	int id;

	*objfd = 0;
	if (!fbt.vmlinux && (fbt.vmlinux = btf__load_vmlinux_btf()) &&
	    libbpf_get_error(fbt.vmlinux))
		fbt.vmlinux = NULL;
	if (!fbt.vmlinux)
		return -ESRCH;
	id = btf__find_by_name_kind(fbt.vmlinux, func, BTF_KIND_FUNC);
	if (id > 0 || !*mod || !strcmp(mod, "vmlinux"))
		return id > 0 ? id : -ESRCH;
	mb = btf__load_module_btf(mod, fbt.vmlinux);
	id = libbpf_get_error(mb) ? -ESRCH :
		btf__find_by_name_kind(mb, func, BTF_KIND_FUNC);
	btf__free(libbpf_get_error(mb) ? NULL : mb);
	if (id <= 0)
		return -ESRCH;
	*objfd = module_btf_fd(mod);
	return *objfd < 0 ? *objfd : id;
}

static bool kernel_wide(int err)
{
	return err == -EPERM || err == -EACCES || err == -EOPNOTSUPP ||
	       err == -ENOTSUPP_K || err == -ENOSYS;
}

/* Load insns as a fentry/fexit program on func; the fd or -errno. */
static int load_tracing(const char *func, const char *mod, bool ret,
			const struct bpf_insn *insns, size_t n)
{
	LIBBPF_OPTS(bpf_prog_load_opts, po,
		    .expected_attach_type = ret ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY);
	int objfd, id = btf_func(func, mod, &objfd), fd;

	if (id < 0)
		return id;
	po.attach_btf_id = id;
	po.attach_btf_obj_fd = objfd;
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, NULL, "GPL", insns, n, &po);
	if (objfd > 0)
		close(objfd);
	return fd < 0 ? (fd == -1 ? -errno : fd) : fd;
}

/* 0 if a fentry (fexit) program on func loads, else -errno. */
int dl_fbt_fentry_probe(const char *func, const char *mod, bool ret)
{
	static const struct bpf_insn insns[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K },	/* r0 = 0 */
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int fd;

	if (fbt.fentry)
		return fbt.fentry == DL_FBT_YES ? 0 : -(fbt.fentry_err ?: EPERM);
	if (fbt.kernel_err)
		return fbt.kernel_err;
	fd = load_tracing(func, mod, ret, insns, 2);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (kernel_wide(fd))
		fbt.kernel_err = fd;
	return fd;
}

/* ---- the kernel's functions ---------------------------------------------------------- */

static bool func_skipped(const char *name)
{
	return strchr(name, '.') || !strncmp(name, "__pfx_", 6) ||
	       !strncmp(name, "__cfi_", 6);
}

static int kf_add(struct dl_kfuncs *k, const char *modpat, const char *pat,
		  const char *name, const char *mod)
{
	struct dl_kfunc *v;

	if (func_skipped(name) || !dl_glob(pat, name) || !dl_glob(modpat, mod))
		return 0;
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 64;

		if (!(v = realloc(k->v, cap * sizeof(*v))))
			return -ENOMEM;
		k->v = v;
		k->cap = cap;
	}
	v = &k->v[k->n];
	snprintf(v->mod, sizeof(v->mod), "%s", mod);
	if (!(v->name = strdup(name)))
		return -ENOMEM;
	k->n++;
	return 0;
}

/* "name [mod]" lines; -ENOENT if the file cannot be read. */
static int read_filter_funcs(struct dl_kfuncs *k, const char *modpat,
			     const char *pat)
{
	char path[256], line[512], name[256], mod[64];
	FILE *f;
	int err = 0;

	if (dl_tracefs(path, sizeof(path) - 32))
		return -ENOENT;
	strcat(path, "/" FILTER_FUNCS);
	if (!(f = fopen(path, "r")))
		return -ENOENT;
	if (!fgets(line, sizeof(line), f))	/* EPERM on read */
		err = -ENOENT;
	while (!err) {
		if (sscanf(line, "%255s [%63[^]]", name, mod) < 2)
			strcpy(mod, "vmlinux");
		err = kf_add(k, modpat, pat, name, mod);
		if (!fgets(line, sizeof(line), f))
			break;
	}
	fclose(f);
	return err;
}

/* "ADDR t name [mod]" lines, text symbols only. */
static int read_kallsyms(struct dl_kfuncs *k, const char *modpat,
			 const char *pat)
{
	char line[512], type, name[256], mod[64];
	FILE *f = fopen(KALLSYMS, "r");
	int err = 0, n;

	if (!f)
		return -ENOENT;
	while (!err && fgets(line, sizeof(line), f)) {
		n = sscanf(line, "%*s %c %255s [%63[^]]", &type, name, mod);
		if (n < 2 || (type != 't' && type != 'T'))
			continue;
		if (n < 3)
			strcpy(mod, "vmlinux");
		err = kf_add(k, modpat, pat, name, mod);
	}
	fclose(f);
	return err;
}

static int kf_cmp(const void *a, const void *b)
{
	const struct dl_kfunc *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->mod, y->mod);
}

void dl_kfuncs_free(struct dl_kfuncs *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i].name);
	free(k->v);
	memset(k, 0, sizeof(*k));
}

/* The kernel functions matching modpat:pat, sorted by name, unique.  With
 * no list readable, a name without globs is taken as a vmlinux function. */
int dl_kfuncs_get(const char *modpat, const char *pat, struct dl_kfuncs *k)
{
	size_t j = 0;
	int err;

	memset(k, 0, sizeof(*k));
	err = read_filter_funcs(k, modpat, pat);
	if (err == -ENOENT)
		err = read_kallsyms(k, modpat, pat);
	if (err == -ENOENT && *pat && !strpbrk(pat, "*?[\\"))
		err = kf_add(k, modpat, pat, pat, "vmlinux");
	if (err && err != -ENOENT) {
		dl_kfuncs_free(k);
		return err;
	}
	qsort(k->v, k->n, sizeof(*k->v), kf_cmp);
	for (size_t i = 0; i < k->n; i++) {
		if (j && !kf_cmp(&k->v[j - 1], &k->v[i]))
			free(k->v[i].name);
		else
			k->v[j++] = k->v[i];
	}
	k->n = j;
	return 0;
}

/* ---- resolution: which variant, per function ------------------------------------------- */

/* The entry of the other variant of epid's pair, or -1. */
static int partner(const struct dload_obj *o, uint32_t epid)
{
	const struct dtm_probe *p = &o->meta.probes[epid], *q;

	for (uint32_t e = 0; e < o->meta.nprobes; e++) {
		q = &o->meta.probes[e];
		if (e != epid && q->kind == DTM_PROV_FBT &&
		    q->clause == p->clause && q->stmt == p->stmt &&
		    !((q->flags ^ p->flags) & DTM_PF_RETURN) &&
		    ((q->flags ^ p->flags) & DTM_PF_KPROBE))
			return (int)e;
	}
	return -1;
}

static const char *err_name(int err, char *buf, size_t len)
{
	static const struct { int e; const char *n; } names[] = {
		{ EPERM, "EPERM" }, { EACCES, "EACCES" }, { EINVAL, "EINVAL" },
		{ ENOENT, "ENOENT" }, { ESRCH, "ESRCH" }, { E2BIG, "E2BIG" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { ENOTSUPP_K, "ENOTSUPP" },
		{ ENOSYS, "ENOSYS" }, { EBUSY, "EBUSY" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == -err)
			return names[i].n;
	snprintf(buf, len, "errno %d", -err);
	return buf;
}

/* Why the fentry variant cannot be used for func (ferr: its probe). */
static void fentry_why(int fe, int ferr, const char *func, char *buf,
		       size_t len)
{
	char num[32];

	if (fe < 0)
		snprintf(buf, len, "the object has no fentry/fexit program");
	else if (ferr == -ESRCH)
		snprintf(buf, len, "%s has no BTF type (fentry needs one)", func);
	else if (kernel_wide(ferr))
		snprintf(buf, len, "fentry programs are refused by this kernel (%s)",
			 err_name(ferr, num, sizeof(num)));
	else
		snprintf(buf, len, "a fentry program on %s does not load (%s)",
			 func, err_name(ferr, num, sizeof(num)));
}

/* The pair of one description: fe (fentry/fexit) and kp (kprobe) epids. */
struct fbt_pair {
	int fe, kp;
	bool ret;
	char why[256];		/* the first refusal */
};

/* The epid to bind func to, or -1 (pr->why says why). */
static int choose(struct fbt_pair *pr, const struct dl_kfunc *f)
{
	char fw[160];
	int ferr = pr->fe >= 0 ? dl_fbt_fentry_probe(f->name, f->mod, pr->ret) : 0;

	if (pr->fe >= 0 && !ferr)
		return pr->fe;
	if (pr->kp >= 0 && dl_fbt_kprobes_usable())
		return pr->kp;
	if (pr->why[0])
		return -1;
	fentry_why(pr->fe, ferr, f->name, fw, sizeof(fw));
	snprintf(pr->why, sizeof(pr->why), "%s and %s", fw,
		 pr->kp < 0 ? "the object has no kprobe program" :
		 "kprobes are not configured (no kprobe PMU, no kprobe_events)");
	return -1;
}

static int bind(struct dload_obj *o, const struct fbt_pair *pr, int epid,
		const struct dl_kfunc *f)
{
	return dl_bind_probe(o, (uint32_t)epid, DTM_PROV_FBT, "fbt", f->mod,
			     f->name, pr->ret ? "return" : "entry", f->name, 0,
			     o->meta.probes[epid].flags & DTM_PF_RETURN);
}

/* The first concrete probe epid is bound to, or NULL. */
static const struct dl_cprobe *first_cprobe(const struct dload_obj *o,
					    uint32_t epid)
{
	for (uint32_t b = 0; b < o->nbinds; b++)
		if (o->binds[b].epid == epid)
			return &o->cprobes[o->binds[b].prid];
	return NULL;
}

/*
 * Right before bpf_object__load: a fentry/fexit program loads for its
 * first function; libbpf takes it from the section name ("fentry/FUNC")
 * unless told otherwise (a glob).  Not earlier: libbpf 1.1 keeps the
 * vmlinux BTF it loads for this until bpf_object__load.
 */
int dl_fbt_set_targets(struct dload_obj *o)
{
	for (uint32_t e = 0; e < o->meta.nprobes; e++) {
		const struct dtm_probe *p = &o->meta.probes[e];
		struct bpf_program *prog = dl_prog(o, e);
		const struct dl_cprobe *cp = first_cprobe(o, e);
		const char *sec = prog ? bpf_program__section_name(prog) : NULL;

		if (p->kind != DTM_PROV_FBT || (p->flags & DTM_PF_KPROBE) ||
		    !cp || !sec || !strchr(sec, '/') ||
		    !strcmp(strchr(sec, '/') + 1, cp->target))
			continue;
		if (bpf_program__set_attach_target(prog, 0, cp->target))
			return dl_err(o, -EINVAL, "fbt: cannot set the attach target %s",
				      cp->target);
	}
	return 0;
}

/* Nothing of the description can be traced: one line, or a warning. */
static int refuse(struct dload_obj *o, const struct dtm_probe *p,
		  const struct fbt_pair *pr, const struct dl_kfuncs *k)
{
	char what[600], desc[512];

	if (k->n == 1)
		snprintf(what, sizeof(what), "fbt:%s:%s:%s", k->v[0].mod,
			 k->v[0].name, pr->ret ? "return" : "entry");
	else
		snprintf(what, sizeof(what), "%s (%zu functions)",
			 dl_desc(o, p, desc, sizeof(desc)), k->n);
	if (o->ro.zdefs) {
		dl_diag(o, "%s: cannot attach, ignored: %s\n", what, pr->why);
		return 0;
	}
	return dl_err(o, -ENOTSUP, "%s: cannot attach: %s", what, pr->why);
}

static int fbt_resolve(struct dload_obj *o, uint32_t epid,
		       const struct dtm_probe *p)
{
	struct fbt_pair pr = { .fe = -1, .kp = -1,
			       .ret = p->flags & DTM_PF_RETURN };
	int other = partner(o, epid), n = 0, err, e;
	struct dl_kfuncs k;

	if ((p->flags & DTM_PF_KPROBE) && other >= 0)
		return 1;	/* resolved with its fentry/fexit twin */
	pr.fe = p->flags & DTM_PF_KPROBE ? -1 : (int)epid;
	pr.kp = p->flags & DTM_PF_KPROBE ? (int)epid : other;
	err = dl_kfuncs_get(dl_str(&o->meta, p->module),
			    dl_str(&o->meta, p->function), &k);
	if (err)
		return dl_err(o, err, "fbt: cannot list the kernel's functions: %s",
			      strerror(-err));
	for (size_t i = 0; !err && i < k.n; i++) {
		if ((e = choose(&pr, &k.v[i])) < 0)
			continue;
		err = bind(o, &pr, e, &k.v[i]);
		n++;
	}
	if (!err && !n && k.n)
		err = refuse(o, p, &pr, &k);
	dl_kfuncs_free(&k);
	return err < 0 ? err : n;
}

/* ---- attachment ------------------------------------------------------------------------- */

/* A further function of a glob: a copy of prog, linked with the cookie. */
static int attach_copy(struct dload_obj *o, struct bpf_program *prog,
		       const struct dl_cprobe *cp, uint32_t prid, bool ret)
{
	LIBBPF_OPTS(bpf_link_create_opts, lo, .tracing.cookie = prid);
	int fd = load_tracing(cp->target, cp->names.mod, ret,
			      bpf_program__insns(prog),
			      bpf_program__insn_cnt(prog)), lfd;

	if (fd < 0)
		return fd;
	lfd = bpf_link_create(fd, 0, ret ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY,
			      &lo);
	lfd = lfd == -1 ? -errno : lfd;
	close(fd);
	return lfd < 0 ? lfd : dl_add_link(o, NULL, lfd);
}

static int fbt_attach(struct dload_obj *o, struct bpf_program *prog,
		      uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	const struct dtm_probe *p = &o->meta.probes[epid];
	bool ret = p->flags & DTM_PF_RETURN;
	struct bpf_link *link;
	int err;

	if (p->flags & DTM_PF_KPROBE) {
		LIBBPF_OPTS(bpf_kprobe_opts, ko, .bpf_cookie = prid,
			    .retprobe = ret);

		link = bpf_program__attach_kprobe_opts(prog, cp->target, &ko);
	} else if (first_cprobe(o, epid) == cp) {
		LIBBPF_OPTS(bpf_trace_opts, to, .cookie = prid);

		link = bpf_program__attach_trace_opts(prog, &to);
	} else {
		err = attach_copy(o, prog, cp, prid, ret);
		goto out;
	}
	err = (int)libbpf_get_error(link);
	if (!err)
		return dl_add_link(o, link, -1);
out:
	return err ? dl_err(o, err, "cannot attach %s:%s:%s:%s: %s",
			    cp->names.prov, cp->names.mod, cp->names.func,
			    cp->names.name, strerror(-err)) : 0;
}

const struct dl_prov dl_prov_fbt = {
	.kind = DTM_PROV_FBT,
	.name = "fbt",
	.resolve = fbt_resolve,
	.attach = fbt_attach,
};
