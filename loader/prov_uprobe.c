/* SPDX-License-Identifier: MIT */
/*
 * prov_uprobe.c -- the pid provider (uprobes), and the process and ELF
 * helpers it shares with the usdt provider (prov_usdt.c).
 *
 * pidPID:MODULE:FUNCTION:entry|return|OFFSET: PID is the number after
 * "pid" ($target when there is none or it is 0: with -c, dcc compiles
 * before the child exists).  MODULE globs the basenames of the objects of
 * the process ("a.out" is its executable, "libc" also matches
 * "libc.so.6"), FUNCTION globs the STT_FUNC symbols of their .symtab and
 * .dynsym (libelf); each match is one concrete probe pidPID:BASENAME:FUNC:
 * NAME, attached with bpf_program__attach_uprobe_opts at the symbol's file
 * offset (plus OFFSET, which must lie inside the function).
 *
 * The objects of a running process come from /proc/PID/maps.  A -c child
 * is held before its exec until the probes are attached, so its objects
 * are the command found on $PATH and the shared libraries it needs
 * (DT_NEEDED, searched in the usual library directories); a uprobe on a
 * file is live in every process that maps it later, the pid filter does
 * the rest.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "internal.h"

#define MAX_UOBJS	64

static const char *const lib_dirs[] = {
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
	"/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
	"/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib",
};

/* ---- ELF ------------------------------------------------------------------------ */

int dl_uelf_open(const char *path, struct dl_uelf *u)
{
	static bool init;

	if (!init) {
		elf_version(EV_CURRENT);
		init = true;
	}
	u->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (u->fd < 0)
		return -errno;
	u->e = elf_begin(u->fd, ELF_C_READ_MMAP, NULL);
	if (!u->e || elf_kind(u->e) != ELF_K_ELF) {
		dl_uelf_close(u);
		return -ENOEXEC;
	}
	return 0;
}

void dl_uelf_close(struct dl_uelf *u)
{
	if (u->e)
		elf_end(u->e);
	if (u->fd >= 0)
		close(u->fd);
	u->e = NULL;
	u->fd = -1;
}

/* The file offset of virtual address va (through the PT_LOAD headers). */
int dl_uelf_offset(const struct dl_uelf *u, uint64_t va, uint64_t *off)
{
	size_t n;
	GElf_Phdr ph;

	if (elf_getphdrnum(u->e, &n))
		return -ENOEXEC;
	for (size_t i = 0; i < n; i++) {
		if (!gelf_getphdr(u->e, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (va >= ph.p_vaddr && va < ph.p_vaddr + ph.p_memsz) {
			*off = va - ph.p_vaddr + ph.p_offset;
			return 0;
		}
	}
	return -ENOENT;
}

/* Call fn for each defined function symbol of .symtab and .dynsym. */
int dl_uelf_funcs(const struct dl_uelf *u,
		  int (*fn)(void *arg, const char *name, uint64_t va,
			    uint64_t size),
		  void *arg)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	int err = 0;

	while (!err && (scn = elf_nextscn(u->e, scn))) {
		Elf_Data *d;
		size_t n;

		if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_SYMTAB &&
						sh.sh_type != SHT_DYNSYM))
			continue;
		d = elf_getdata(scn, NULL);
		n = d && sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		for (size_t i = 0; !err && i < n; i++) {
			GElf_Sym s;
			const char *name;

			if (!gelf_getsym(d, (int)i, &s) || !s.st_value ||
			    s.st_shndx == SHN_UNDEF ||
			    (GELF_ST_TYPE(s.st_info) != STT_FUNC &&
			     GELF_ST_TYPE(s.st_info) != STT_GNU_IFUNC))
				continue;
			name = elf_strptr(u->e, sh.sh_link, s.st_name);
			if (name && *name)
				err = fn(arg, name, s.st_value, s.st_size);
		}
	}
	return err;
}

/* ---- the objects of a process --------------------------------------------------- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static void add_uobj(struct dl_uobjs *v, const char *path, bool exe)
{
	struct dl_uobj *u;

	if (v->n >= MAX_UOBJS)
		return;
	for (int i = 0; i < v->n; i++)
		if (!strcmp(v->objs[i].path, path))
			return;
	u = &v->objs[v->n++];
	snprintf(u->path, sizeof(u->path), "%s", path);
	snprintf(u->mod, sizeof(u->mod), "%s", base_name(path));
	u->exe = exe;
}

/* Search a command on $PATH like execvp. */
static bool find_command(const char *cmd, char *buf, size_t len)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL;
	bool found = false;

	if (strchr(cmd, '/')) {
		snprintf(buf, len, "%s", cmd);
		return access(buf, X_OK) == 0;
	}
	copy = strdup(path ? path : "/usr/local/bin:/usr/bin:/bin");
	for (dir = copy ? strtok_r(copy, ":", &save) : NULL; dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		snprintf(buf, len, "%s/%s", *dir ? dir : ".", cmd);
		found = access(buf, X_OK) == 0;
	}
	free(copy);
	return found;
}

static bool find_lib(const char *name, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof(lib_dirs) / sizeof(lib_dirs[0]); i++) {
		snprintf(buf, len, "%s/%s", lib_dirs[i], name);
		if (access(buf, R_OK) == 0)
			return true;
	}
	return false;
}

/* Add the DT_NEEDED libraries of path (and the interpreter). */
static void add_needed(struct dl_uobjs *v, const char *path)
{
	struct dl_uelf u = { .fd = -1 };
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	char lib[PATH_MAX];

	if (dl_uelf_open(path, &u))
		return;
	while ((scn = elf_nextscn(u.e, scn))) {
		Elf_Data *d;
		GElf_Dyn dyn;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC)
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t i = 0; d && sh.sh_entsize &&
		     i < sh.sh_size / sh.sh_entsize; i++) {
			const char *name;

			if (!gelf_getdyn(d, (int)i, &dyn) || dyn.d_tag != DT_NEEDED)
				continue;
			name = elf_strptr(u.e, sh.sh_link, dyn.d_un.d_val);
			if (name && find_lib(name, lib, sizeof(lib)))
				add_uobj(v, lib, false);
		}
	}
	dl_uelf_close(&u);
}

/* A -c child still waiting for its exec: the command and its libraries. */
static int unstarted_objects(struct dload_obj *o, struct dl_uobjs *v)
{
	char path[PATH_MAX];

	if (!find_command(o->ro.target_argv[0], path, sizeof(path)))
		return 0;
	add_uobj(v, path, true);
	for (int i = 0; i < v->n; i++)	/* grows while we walk it */
		add_needed(v, v->objs[i].path);
	return 0;
}

static int running_objects(pid_t pid, struct dl_uobjs *v)
{
	char path[64], line[PATH_MAX + 128], exe[PATH_MAX];
	ssize_t n;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	n = readlink(path, exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = 0;
		add_uobj(v, exe, true);
	}
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	fp = fopen(path, "r");
	if (!fp)
		return -errno;
	while (fgets(line, sizeof(line), fp)) {
		char *file = strchr(line, '/');

		if (!file || strstr(line, " (deleted)"))
			continue;
		file[strcspn(file, "\n")] = 0;
		add_uobj(v, file, false);
	}
	fclose(fp);
	return 0;
}

int dl_proc_objects(struct dload_obj *o, pid_t pid, struct dl_uobjs *v)
{
	v->n = 0;
	if (o->target_child && pid == o->target_pid && o->target_go_fd >= 0 &&
	    o->ro.target_argv)
		return unstarted_objects(o, v);
	return running_objects(pid, v);
}

bool dl_uobj_match(const char *pat, const struct dl_uobj *u)
{
	size_t n = strlen(pat);

	if (!*pat || dl_glob(pat, u->mod))
		return true;
	if (u->exe && !strcmp(pat, "a.out"))
		return true;
	return !strncmp(u->mod, pat, n) && !strncmp(u->mod + n, ".so", 3);
}

/* The pid of a provider name "pid1234" (or $target for "pid", "pid0"). */
pid_t dl_uprov_pid(const struct dload_obj *o, const char *prov)
{
	const char *d = prov + strlen(prov);

	while (d > prov && isdigit((unsigned char)d[-1]))
		d--;
	return *d && atoi(d) > 0 ? (pid_t)atoi(d) : o->target_pid;
}

/* ---- pid ------------------------------------------------------------------------ */

/*
 * DTrace's diagnostics (dt_pid.c words them; it raises them while it
 * compiles, we while we resolve, in the same order): no uprobes
 * (D_PROC_NODEV), no valid pid (D_PROC_BADPID), no such process
 * (D_PROC_GRAB), ourselves or a static executable (D_PROC_DYN), '-' with
 * another module than a.out (D_PROC_LIB) or a bad address (D_PROC_NAME),
 * a named function missing from a named module (D_PROC_FUNC), an offset
 * beyond its function (D_PROC_OFF) or inside an instruction (D_PROC_ALIGN:
 * insn_x86.c decodes the function up to it), and more uprobes than
 * DL_MAX_UPROBES or a uprobe the kernel refuses (D_PROC_CREATEFAIL).
 * Each says "[TAG] line N: ..." (dl_probe_err).  What needs no process
 * dcc checks at compile time (dcc/prov_pid.c).
 */
#define DL_MAX_UPROBES	1000	/* each costs a perf event and ~10-80 ms */
#define UPROBE_PMU	"/sys/bus/event_source/devices/uprobe"

struct pid_walk {
	struct dload_obj *o;
	uint32_t epid;
	const struct dtm_probe *p;
	const struct dl_uelf *elf;
	const struct dl_uobj *obj;
	pid_t pid;
	const char *func;	/* pattern */
	const char *name;	/* "entry", "return" or the offset */
	uint64_t delta;		/* offset probes */
	bool offset;		/* an offset probe (delta may be 0) */
	int n;
	int found;		/* symbols whose name matched */
	uint64_t va;		/* '-': the address; its function: */
	char dashfn[128];
};

static bool has_glob(const char *s)
{
	return !*s || strpbrk(s, "*?[") != NULL;
}

static bool is_hex(const char *s)
{
	char *end;

	if (!*s)
		return false;
	(void)strtoull(s, &end, 16);
	return *end == '\0';
}

/* The process must exist, be another than us and use the dynamic linker. */
static int pid_grab(struct dload_obj *o, const struct dtm_probe *p, pid_t pid)
{
	const char *prov = dl_str(&o->meta, p->provider);
	char path[64];

	if (access(UPROBE_PMU, F_OK))
		return dl_probe_err(o, p, -ENODEV, "D_PROC_NODEV",
				    "pid provider is not installed on this system");
	if (pid <= 0 && !strcmp(prov, "pid0"))
		return dl_probe_err(o, p, -EINVAL, "D_PROC_BADPID",
				    "pid0 does not contain a valid pid");
	if (pid <= 0)
		return dl_probe_err(o, p, -EINVAL, "D_PROC_BADPID",
				    "'%s' does not contain a valid pid", prov);
	if (pid == getpid())
		return dl_probe_err(o, p, -EINVAL, "D_PROC_DYN",
				    "process %d is dtrace itself", (int)pid);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	if (access(path, F_OK))
		return dl_probe_err(o, p, -ESRCH, "D_PROC_GRAB",
				    "failed to grab process %d", (int)pid);
	return 0;
}

/* Has the executable a PT_INTERP (a dynamic linker)?  true if unknown. */
static bool exe_dynamic(const struct dl_uobjs *v)
{
	struct dl_uelf u = { .fd = -1 };
	bool dyn = true;
	GElf_Phdr ph;
	size_t n;

	for (int i = 0; i < v->n; i++) {
		if (!v->objs[i].exe || dl_uelf_open(v->objs[i].path, &u))
			continue;
		if (!elf_getphdrnum(u.e, &n)) {
			dyn = false;
			for (size_t k = 0; k < n && !dyn; k++)
				dyn = gelf_getphdr(u.e, (int)k, &ph) &&
				      ph.p_type == PT_INTERP;
		}
		dl_uelf_close(&u);
		break;
	}
	return dyn;
}

static int too_many(struct pid_walk *w, const char *func)
{
	const char *fmt = "more than %d uprobes";
	char why[64];

	snprintf(why, sizeof(why), fmt, DL_MAX_UPROBES);
	if (w->offset)
		return dl_probe_err(w->o, w->p, -E2BIG, "D_PROC_CREATEFAIL",
				    "failed to create probes at '%s+0x%llx': %s",
				    func, (unsigned long long)w->delta, why);
	return dl_probe_err(w->o, w->p, -E2BIG, "D_PROC_CREATEFAIL",
			    "failed to create %s probe for '%s': %s", w->name,
			    func, why);
}

/* Does offset delta of the function at va start an instruction?  (x86:
 * decode the instructions before it; true when it cannot tell.) */
static bool on_insn(const struct dl_uelf *u, uint64_t va, uint64_t delta,
		    uint64_t size)
{
#if defined(__x86_64__)
	size_t n = delta + 15 < size ? delta + 15 : size;
	uint64_t off, pos = 0;
	bool ok = true;
	uint8_t *b;
	int len;

	if (dl_uelf_offset(u, va, &off) || !(b = malloc(n)))
		return true;
	if (pread(u->fd, b, n, (off_t)off) == (ssize_t)n) {
		while (pos < delta &&
		       (len = dl_insn_len_x86(b + pos, n - pos)) > 0)
			pos += len;
		ok = pos < delta || pos == delta;
	}
	free(b);
	return ok;
#elif defined(__aarch64__)
	return delta % 4 == 0;
#else
	return true;
#endif
}

/* An offset probe must lie inside its function, on an instruction. */
static int check_offset(struct pid_walk *w, const char *func, uint64_t va,
			uint64_t size)
{
	if (w->delta >= size)
		return dl_probe_err(w->o, w->p, -EINVAL, "D_PROC_OFF",
				    "offset 0x%llx outside of function '%s'",
				    (unsigned long long)w->delta, func);
	if (!on_insn(w->elf, va, w->delta, size))
		return dl_probe_err(w->o, w->p, -EINVAL, "D_PROC_ALIGN",
				    "offset 0x%llx is not aligned on an instruction",
				    (unsigned long long)w->delta);
	return 0;
}

static int pid_bind(struct pid_walk *w, const char *func, const char *name,
		    uint64_t off)
{
	char prov[32], target[sizeof(((struct dl_cprobe *)0)->target)];
	int err;

	snprintf(prov, sizeof(prov), "pid%d", (int)w->pid);
	snprintf(target, sizeof(target), "%llx %.140s",
		 (unsigned long long)off, w->obj->path);
	err = dl_bind_probe(w->o, w->epid, DTM_PROV_PID, prov, w->obj->mod,
			    func, name, target, (uint64_t)w->pid,
			    w->p->flags & DTM_PF_RETURN);
	if (err)
		return err;
	w->n++;
	if (dl_count_binds(w->o, DTM_PROV_PID) > DL_MAX_UPROBES)
		return too_many(w, func);
	return 0;
}

static int pid_sym(void *arg, const char *name, uint64_t va, uint64_t size)
{
	struct pid_walk *w = arg;
	uint64_t off;
	int err;

	if (!dl_glob(w->func, name))
		return 0;
	w->found++;
	if (w->offset && !size)		/* DTrace skips those */
		return 0;
	if (w->offset && (err = check_offset(w, name, va, size)))
		return err;
	if (dl_uelf_offset(w->elf, va, &off))
		return 0;
	return pid_bind(w, name, w->name, off + w->delta);
}

/* The concrete probe name: "entry", "return" or the hex offset. */
static void pid_name(struct pid_walk *w, const char *pat, char *buf,
		     size_t len)
{
	w->delta = 0;
	w->offset = false;
	if (w->p->flags & DTM_PF_RETURN) {
		snprintf(buf, len, "return");
	} else if (!*pat || dl_glob(pat, "entry")) {
		snprintf(buf, len, "entry");
	} else {
		w->delta = strtoull(pat, NULL, 16);
		w->offset = true;
		snprintf(buf, len, "%llx", (unsigned long long)w->delta);
	}
}

/* '-': the function whose code holds the address */
static int dash_sym(void *arg, const char *name, uint64_t va, uint64_t size)
{
	struct pid_walk *w = arg;

	if (w->va >= va && w->va < va + size && !w->dashfn[0])
		snprintf(w->dashfn, sizeof(w->dashfn), "%s", name);
	return 0;
}

/* pidPID:a.out:-:ADDR: ADDR is an address of the executable. */
static int pid_dash(struct pid_walk *w, const struct dl_uobjs *v,
		    const char *mod)
{
	const char *name = dl_str(&w->o->meta, w->p->name);
	struct dl_uelf u = { .fd = -1 };
	uint64_t off;
	int i, err;

	for (i = 0; i < v->n && !v->objs[i].exe; i++)
		;
	if (i == v->n || (*mod && strcmp(mod, "*") &&
			  (has_glob(mod) || !dl_uobj_match(mod, &v->objs[i]))))
		return dl_probe_err(w->o, w->p, -EINVAL, "D_PROC_LIB",
				    "only the a.out module is valid with the '-' function");
	if (has_glob(name))
		return dl_probe_err(w->o, w->p, -EINVAL, "D_PROC_NAME",
				    "only individual addresses may be specified with the '-' function");
	if (!is_hex(name))
		return dl_probe_err(w->o, w->p, -EINVAL, "D_PROC_NAME",
				    "'%s' is an invalid probe name", name);
	if ((err = dl_uelf_open(v->objs[i].path, &u)))
		return 0;
	w->elf = &u;
	w->obj = &v->objs[i];
	w->va = strtoull(name, NULL, 16);
	dl_uelf_funcs(&u, dash_sym, w);
	if (!w->dashfn[0] || dl_uelf_offset(&u, w->va, &off))
		err = dl_probe_err(w->o, w->p, -ENOENT, "D_PROC_NAME",
				   "failed to lookup 0x%llx in module '%s'",
				   (unsigned long long)w->va, *mod ? mod : "a.out");
	else
		err = pid_bind(w, w->dashfn, name, off);
	dl_uelf_close(&u);
	return err;
}

/* The objects whose module matches: attach to their functions that do. */
static int pid_objs(struct pid_walk *w, const struct dl_uobjs *v,
		    const char *mod)
{
	int err = 0, mods = 0;

	for (int i = 0; !err && i < v->n; i++) {
		struct dl_uelf u = { .fd = -1 };

		if (!dl_uobj_match(mod, &v->objs[i]) ||
		    dl_uelf_open(v->objs[i].path, &u))
			continue;
		mods++;
		w->elf = &u;
		w->obj = &v->objs[i];
		err = dl_uelf_funcs(&u, pid_sym, w);
		dl_uelf_close(&u);
	}
	if (!err && mods && !w->found && !has_glob(mod) && !has_glob(w->func))
		err = dl_probe_err(w->o, w->p, -ENOENT, "D_PROC_FUNC",
				   "failed to lookup '%s' in module '%s'",
				   w->func, mod);
	return err;
}

static int pid_resolve(struct dload_obj *o, uint32_t epid,
		       const struct dtm_probe *p)
{
	const struct dl_meta *m = &o->meta;
	const char *mod = dl_str(m, p->module);
	struct pid_walk w = { .o = o, .epid = epid, .p = p };
	struct dl_uobjs *objs;
	char name[32];
	int err;

	w.pid = dl_uprov_pid(o, dl_str(m, p->provider));
	if ((err = pid_grab(o, p, w.pid)))
		return err;
	w.func = dl_str(m, p->function);
	pid_name(&w, dl_str(m, p->name), name, sizeof(name));
	w.name = name;
	objs = calloc(1, sizeof(*objs));
	if (!objs)
		return dl_err(o, -ENOMEM, "out of memory");
	err = dl_proc_objects(o, w.pid, objs);
	if (err)
		err = dl_probe_err(o, p, err, "D_PROC_GRAB",
				   "failed to grab process %d", (int)w.pid);
	else if (!exe_dynamic(objs))
		err = dl_probe_err(o, p, -ENOEXEC, "D_PROC_DYN",
				   "process %d is not a dynamically-linked executable",
				   (int)w.pid);
	else if (!strcmp(w.func, "-"))
		err = pid_dash(&w, objs, mod);
	else
		err = pid_objs(&w, objs, mod);
	free(objs);
	return err < 0 ? err : w.n;
}

int dl_uobjs_each(struct dload_obj *o, pid_t pid, const char *modpat,
		  int (*fn)(struct dl_uelf *u, const struct dl_uobj *obj,
			    void *arg),
		  void *arg)
{
	struct dl_uobjs *objs;
	int err = 0;

	if (pid <= 0)
		return 0;
	objs = calloc(1, sizeof(*objs));
	if (!objs)
		return dl_err(o, -ENOMEM, "out of memory");
	if (!dl_proc_objects(o, pid, objs)) {
		for (int i = 0; !err && i < objs->n; i++) {
			struct dl_uelf u = { .fd = -1 };

			if (!dl_uobj_match(modpat, &objs->objs[i]) ||
			    dl_uelf_open(objs->objs[i].path, &u))
				continue;
			err = fn(&u, &objs->objs[i], arg);
			dl_uelf_close(&u);
		}
	}
	free(objs);
	return err;
}

int dl_uprobe_keep(struct dload_obj *o, struct bpf_link *link,
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

/* The kernel refused the uprobe: DTrace's words for a failed creation. */
static int pid_refused(struct dload_obj *o, uint32_t epid,
		       const struct dl_cprobe *cp, int err)
{
	const struct dtm_probe *p = &o->meta.probes[epid];
	const char *name = cp->names.name;

	if (!strcmp(name, "entry") || !strcmp(name, "return"))
		return dl_probe_err(o, p, err, "D_PROC_CREATEFAIL",
				    "failed to create %s probe for '%s': %s",
				    name, cp->names.func, strerror(-err));
	return dl_probe_err(o, p, err, "D_PROC_CREATEFAIL",
			    "failed to create probes at '%s+0x%s': %s",
			    cp->names.func, name, strerror(-err));
}

static int pid_attach(struct dload_obj *o, struct bpf_program *prog,
		      uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .bpf_cookie = prid,
		    .retprobe = !!(cp->flags & DTM_PF_RETURN));
	char *path;
	unsigned long long off = strtoull(cp->target, &path, 16);
	struct bpf_link *link;
	int err;

	link = bpf_program__attach_uprobe_opts(prog, (pid_t)cp->param,
					       path + 1, off, &opts);
	err = libbpf_get_error(link);
	if (err)
		return pid_refused(o, epid, cp, err);
	return dl_uprobe_keep(o, link, cp);
}

const struct dl_prov dl_prov_pid = {
	.kind = DTM_PROV_PID,
	.name = "pid",
	.resolve = pid_resolve,
	.attach = pid_attach,
};
