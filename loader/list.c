/* SPDX-License-Identifier: MIT */
/*
 * list.c -- the probes this host offers, as `dtrace -l` and `dload -l` list
 * them: one table built from what libdload can attach here, shared by both
 * commands.
 *
 * Providers, in dtrace(8)'s order (its IDs are the table order from 1):
 *   dtrace    BEGIN, END, ERROR (always ids 1-3)
 *   cpc       EVENT-all-1000000000 for each software perf event that opens
 *             here (as DTrace lists them; any EVENT-MODE-COUNT compiles)
 *   fbt       MODULE:FUNC:entry|return for the kernel's functions
 *             (available_filter_functions, else kallsyms), only when the
 *             kernel can attach to them: kprobes, or a fentry program
 *             that loads (prov_fbt.c); not on this machine
 *   io, proc, sched   the tracepoint-based probes of dep_probes.h whose
 *             tracepoint exists, module vmlinux
 *   profile   profile-N and tick-N: DTrace's standard set
 *   rawtp     every tracepoint CATEGORY::EVENT of available_events except
 *             the groups tp_events.h skips (as DTrace does)
 *   sdt       the same tracepoints as rawtp
 *   syscall   vmlinux:NAME:entry|return from the syscalls group
 *   usdt      (on request) PROVIDERpid:MODULE:FUNCTION:NAME for every
 *             .note.stapsdt probe in the executable objects mapped by
 *             running processes; each file is parsed once (cached by
 *             device and inode), unreadable or garbled files are skipped
 *
 * For -v, the stability attributes are DTrace's per provider, and the
 * argument types come from the tracefs format files (syscall, sdt), from
 * DTrace's signatures (io, proc, sched), from the note's argument sizes
 * (usdt) or from the kernel BTF typedef btf_trace_EVENT (rawtp).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/perf_event.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "dload/cpc_events.h"
#include "dload/dep_probes.h"
#include "dload/tp_events.h"
#include "internal.h"

#define NT_STAPSDT	3
#define MAX_ARGS	16

struct dload_probes {
	struct dload_probe *v;
	char **blocks;		/* the strings of v[i], one block each */
	size_t n, cap;
	char root[256];		/* tracefs */
};

/* ---- the table ------------------------------------------------------------------ */

/* Append a probe; its strings are copied into one block. */
static int add(struct dload_probes *l, uint32_t kind, const char *prov,
	       const char *mod, const char *func, const char *name)
{
	const char *s[4] = { prov, mod, func, name };
	size_t len = 0, k;
	char *b;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 1024;
		struct dload_probe *v = realloc(l->v, cap * sizeof(*v));
		char **bl = v ? realloc(l->blocks, cap * sizeof(*bl)) : NULL;

		if (v)
			l->v = v;
		if (!v || !bl)
			return -ENOMEM;
		l->blocks = bl;
		l->cap = cap;
	}
	for (k = 0; k < 4; k++)
		len += strlen(s[k]) + 1;
	if (!(b = malloc(len)))
		return -ENOMEM;
	l->blocks[l->n] = b;
	for (k = 0; k < 4; k++) {
		size_t n = strlen(s[k]) + 1;

		s[k] = memcpy(b, s[k], n);
		b += n;
	}
	l->v[l->n] = (struct dload_probe){ .id = (uint32_t)l->n + 1,
		.kind = kind, .prov = s[0], .mod = s[1], .func = s[2],
		.name = s[3] };
	l->n++;
	return 0;
}

void dload_probes__free(struct dload_probes *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->blocks[i]);
		free((char *)l->v[i].path);
		free((char *)l->v[i].argspec);
	}
	free(l->blocks);
	free(l->v);
	free(l);
}

size_t dload_probes__count(const struct dload_probes *l)
{
	return l ? l->n : 0;
}

const struct dload_probe *dload_probes__get(const struct dload_probes *l,
					    size_t i)
{
	return l && i < l->n ? &l->v[i] : NULL;
}

/* ---- kernel providers ----------------------------------------------------------- */

static int add_dtrace(struct dload_probes *l)
{
	static const char *const names[] = { "BEGIN", "END", "ERROR" };
	int err = 0;

	for (size_t i = 0; !err && i < 3; i++)
		err = add(l, DTM_PROV_DTRACE, "dtrace", "", "", names[i]);
	return err;
}

/* cpc: the software events of cpc_events.h (dcc's too) this host opens */
static int add_cpc(struct dload_probes *l)
{
	char name[64];
	int err = 0;

	for (int ev = 0; !err && ev < DTM_CPC_NEVENTS; ev++) {
		if (!dtm_cpc_event_opens(ev))
			continue;
		dtm_cpc_listed_name(ev, name, sizeof(name));
		err = add(l, DTM_PROV_CPC, "cpc", "", "", name);
	}
	return err;
}

static int add_profile(struct dload_probes *l)
{
	static const int profile_n[] = { 97, 199, 499, 997, 1999, 4001, 4999 };
	static const int tick_n[] = { 1, 10, 100, 500, 1000, 5000 };
	char name[32];
	int err = 0;

	for (size_t i = 0; !err && i < sizeof(profile_n) / sizeof(int); i++) {
		snprintf(name, sizeof(name), "profile-%d", profile_n[i]);
		err = add(l, DTM_PROV_PROFILE, "profile", "", "", name);
	}
	for (size_t i = 0; !err && i < sizeof(tick_n) / sizeof(int); i++) {
		snprintf(name, sizeof(name), "tick-%d", tick_n[i]);
		err = add(l, DTM_PROV_TICK, "profile", "", "", name);
	}
	return err;
}

static bool tracepoint_exists(const struct dload_probes *l, const char *tp)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/events/%s", l->root, tp);
	return access(path, F_OK) == 0;
}

static uint32_t dep_kind(const char *prov)
{
	return !strcmp(prov, "proc") ? DTM_PROV_PROC :
	       !strcmp(prov, "sched") ? DTM_PROV_SCHED : DTM_PROV_IO;
}

/* The probes of one dependent provider, once each, if implementable. */
static int add_dep(struct dload_probes *l, const char *prov)
{
	int err = 0;

	for (int i = 0; !err && i < DTM_DEP__MAX; i++) {
		const struct dtm_dep_probe *d = &dtm_dep_probes[i];
		bool seen = false;

		if (strcmp(d->prov, prov) || !tracepoint_exists(l, d->tp))
			continue;
		for (int k = 0; k < i && !seen; k++)
			seen = !strcmp(dtm_dep_probes[k].prov, prov) &&
			       !strcmp(dtm_dep_probes[k].name, d->name);
		if (!seen)
			err = add(l, dep_kind(prov), prov, "vmlinux", "", d->name);
	}
	return err;
}

/* add_events: which provider's probes the available_events lines give */
enum ev_prov { EV_RAWTP, EV_SDT, EV_SYSCALL };

struct ev_walk {
	struct dload_probes *l;
	enum ev_prov which;
};

static int add_event(void *arg, const char *grp, const char *ev)
{
	struct ev_walk *w = arg;

	if (w->which == EV_SYSCALL) {
		if (strcmp(grp, "syscalls"))
			return 0;
		if (!strncmp(ev, "sys_enter_", 10))
			return add(w->l, DTM_PROV_SYSCALL, "syscall", "vmlinux",
				   ev + 10, "entry");
		if (!strncmp(ev, "sys_exit_", 9))
			return add(w->l, DTM_PROV_SYSCALL, "syscall", "vmlinux",
				   ev + 9, "return");
		return 0;
	}
	if (dtm_tp_group_skipped(grp))
		return 0;
	return w->which == EV_SDT ?
	       add(w->l, DTM_PROV_SDT, "sdt", grp, "", ev) :
	       add(w->l, DTM_PROV_RAWTP, "rawtp", grp, "", ev);
}

/* The rawtp or sdt probes (every group but the skipped ones of
 * tp_events.h, as DTrace) or the syscall ones (the syscalls group) of the
 * lines of available_events, in file order. */
static int add_events(struct dload_probes *l, enum ev_prov which)
{
	struct ev_walk w = { l, which };
	int err = dtm_tp_events(l->root, add_event, &w);

	return err == -ENOMEM ? err : 0;	/* no tracefs: no probes */
}

/* fbt: only where the kernel can attach to functions, by kprobes or
 * fentry (asked of the first function), not here; the functions are
 * prov_fbt.c's (available_filter_functions, else kallsyms). */
static bool fbt_usable(const struct dl_kfuncs *k)
{
	return k->n && (dl_fbt_kprobes_usable() ||
			!dl_fbt_fentry_probe(k->v[0].name, k->v[0].mod, false));
}

static int add_fbt(struct dload_probes *l)
{
	struct dl_kfuncs k;
	bool ok;
	int err = 0;

	if (dl_kfuncs_get("", "", &k))
		return 0;
	ok = fbt_usable(&k);
	for (size_t i = 0; ok && !err && i < k.n; i++) {
		err = add(l, DTM_PROV_FBT, "fbt", k.v[i].mod, k.v[i].name,
			  "entry");
		if (!err)
			err = add(l, DTM_PROV_FBT, "fbt", k.v[i].mod,
				  k.v[i].name, "return");
	}
	dl_kfuncs_free(&k);
	return err;
}

/* ---- usdt: the .note.stapsdt probes of running processes ----------------------- */

struct unote {
	char *prov, *name, *func, *args;
};

/* One parsed ELF file, keyed by device and inode. */
struct ufile {
	char dev[16];
	unsigned long ino;
	struct unote *notes;
	int n;
};

struct ucache {
	struct ufile *v;
	int n, cap;
};

struct fsym {
	uint64_t va, size;
	char *name;
};

struct fsyms {
	struct fsym *v;
	size_t n, cap;
};

static int keep_func(void *arg, const char *name, uint64_t va, uint64_t size)
{
	struct fsyms *s = arg;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		struct fsym *v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = cap;
	}
	if (!(s->v[s->n].name = strdup(name)))
		return -ENOMEM;
	s->v[s->n].va = va;
	s->v[s->n++].size = size;
	return 0;
}

/* The function containing pc, as the usdt provider names it ("-": none). */
static const char *func_at(const struct fsyms *s, uint64_t pc)
{
	const char *best = "-";
	uint64_t bva = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct fsym *f = &s->v[i];

		if (pc >= f->va && f->va >= bva &&
		    (pc < f->va + f->size || (!f->size && f->va > bva))) {
			best = f->name;
			bva = f->va;
		}
	}
	return best;
}

static bool section_addr(Elf *e, const char *want, uint64_t *addr)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(e, &shstrndx))
		return false;
	while ((scn = elf_nextscn(e, scn))) {
		const char *name;

		if (gelf_getshdr(scn, &sh) &&
		    (name = elf_strptr(e, shstrndx, sh.sh_name)) &&
		    !strcmp(name, want)) {
			*addr = sh.sh_addr;
			return true;
		}
	}
	return false;
}

/* "probe__name" -> "probe-name", as DTrace names USDT probes */
static void probe_name(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	for (; *s && i + 1 < len; s++) {
		buf[i++] = s[0] == '_' && s[1] == '_' ? '-' : *s;
		if (s[0] == '_' && s[1] == '_')
			s++;
	}
	buf[i] = 0;
}

static bool is_ident(const char *s)
{
	if (!*s || strlen(s) > 100)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Add one stapsdt note (pc, base, semaphore, "prov\0name\0args\0"). */
static int add_note(struct ufile *f, const uint8_t *d, size_t len,
		    uint64_t base, bool has_base, const struct fsyms *fs)
{
	const char *p = (const char *)d + 24, *end = (const char *)d + len;
	const char *prov, *name, *args;
	uint64_t pc, nbase;
	char pname[128];
	struct unote *v, *u;

	if (len < 27 || !memchr(p, 0, (size_t)(end - p)))
		return 0;
	prov = p;
	p += strlen(p) + 1;
	if (p >= end || !memchr(p, 0, (size_t)(end - p)))
		return 0;
	name = p;
	p += strlen(p) + 1;
	args = p < end && memchr(p, 0, (size_t)(end - p)) ? p : "";
	if (!is_ident(prov) || !is_ident(name))
		return 0;	/* garbled */
	memcpy(&pc, d, 8);
	memcpy(&nbase, d + 8, 8);
	if (has_base && nbase)
		pc += base - nbase;
	if (!(v = realloc(f->notes, (f->n + 1) * sizeof(*v))))
		return -ENOMEM;
	f->notes = v;
	u = &v[f->n];
	probe_name(name, pname, sizeof(pname));
	u->prov = strdup(prov);
	u->name = strdup(pname);
	u->func = strdup(func_at(fs, pc));
	u->args = strdup(args);
	f->n++;
	return u->prov && u->name && u->func && u->args ? 0 : -ENOMEM;
}

static int walk_notes(struct ufile *f, Elf *e, const struct fsyms *fs)
{
	uint64_t base = 0;
	bool has_base = section_addr(e, ".stapsdt.base", &base);
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	int err = 0;

	while (!err && (scn = elf_nextscn(e, scn))) {
		Elf_Data *d;
		GElf_Nhdr nh;
		size_t off = 0, noff, doff;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		d = elf_getdata(scn, NULL);
		while (!err && d && (off = gelf_getnote(d, off, &nh, &noff, &doff)))
			if (nh.n_type == NT_STAPSDT && nh.n_namesz == 8 &&
			    !memcmp((char *)d->d_buf + noff, "stapsdt", 8))
				err = add_note(f, (uint8_t *)d->d_buf + doff,
					       nh.n_descsz, base, has_base, fs);
	}
	return err;
}

static bool has_stapsdt(Elf *e)
{
	uint64_t addr;

	return section_addr(e, ".note.stapsdt", &addr);
}

/* Parse path into f (no notes if it cannot be read or is not ELF). */
static int parse_file(struct ufile *f, const char *path)
{
	struct dl_uelf u = { .fd = -1 };
	struct fsyms fs = { 0 };
	int err = 0;

	if (dl_uelf_open(path, &u))
		return 0;
	if (has_stapsdt(u.e)) {
		err = dl_uelf_funcs(&u, keep_func, &fs);
		if (!err)
			err = walk_notes(f, u.e, &fs);
	}
	for (size_t i = 0; i < fs.n; i++)
		free(fs.v[i].name);
	free(fs.v);
	dl_uelf_close(&u);
	return err;
}

static void ucache_free(struct ucache *c)
{
	for (int i = 0; i < c->n; i++) {
		for (int k = 0; k < c->v[i].n; k++) {
			struct unote *u = &c->v[i].notes[k];

			free(u->prov);
			free(u->name);
			free(u->func);
			free(u->args);
		}
		free(c->v[i].notes);
	}
	free(c->v);
}

/* The cached file (dev, ino), parsing it on first use; NULL: no memory. */
static struct ufile *ucache_get(struct ucache *c, const char *dev,
				unsigned long ino, const char *path)
{
	struct ufile *f;

	for (int i = 0; i < c->n; i++)
		if (c->v[i].ino == ino && !strcmp(c->v[i].dev, dev))
			return &c->v[i];
	if (c->n == c->cap) {
		int cap = c->cap ? 2 * c->cap : 64;
		struct ufile *v = realloc(c->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		c->v = v;
		c->cap = cap;
	}
	f = &c->v[c->n++];
	memset(f, 0, sizeof(*f));
	snprintf(f->dev, sizeof(f->dev), "%s", dev);
	f->ino = ino;
	return parse_file(f, path) == -ENOMEM ? NULL : f;
}

static char *xstrdup(const char *s, int *err)
{
	char *d = strdup(s);

	if (!d)
		*err = -ENOMEM;
	return d;
}

/* The probes of one mapped file of process pid. */
static int add_file_probes(struct dload_probes *l, const struct ufile *f,
			   pid_t pid, const char *path)
{
	const char *mod = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char prov[160];
	int err = 0;

	for (int i = 0; !err && i < f->n; i++) {
		const struct unote *u = &f->notes[i];
		struct dload_probe *p;

		snprintf(prov, sizeof(prov), "%s%d", u->prov, (int)pid);
		if ((err = add(l, DTM_PROV_USDT, prov, mod, u->func, u->name)))
			break;
		p = &l->v[l->n - 1];
		p->pid = pid;
		p->path = xstrdup(path, &err);
		if (!err)
			p->argspec = xstrdup(u->args, &err);
	}
	return err;
}

struct seen {
	char dev[16];
	unsigned long ino;
};

/* One line of /proc/PID/maps: an executable mapping of a file not seen yet
 * in this process?  Fills dev, ino, path. */
static bool map_line(char *line, struct seen *s, int nseen, char **pathp)
{
	char perms[8], dev[16];
	unsigned long ino;
	int n = 0;
	char *path;

	if (sscanf(line, "%*x-%*x %7s %*x %15s %lu %n", perms, dev, &ino, &n) < 3 ||
	    !n || strlen(perms) < 3 || perms[2] != 'x' || !ino)
		return false;
	path = line + n;
	path[strcspn(path, "\n")] = 0;
	if (*path != '/' || strstr(path, " (deleted)"))
		return false;
	for (int i = 0; i < nseen; i++)
		if (s[i].ino == ino && !strcmp(s[i].dev, dev))
			return false;
	snprintf(s[nseen].dev, sizeof(s[nseen].dev), "%s", dev);
	s[nseen].ino = ino;
	*pathp = path;
	return true;
}

static int scan_pid(struct dload_probes *l, struct ucache *c, pid_t pid)
{
	char path[64], line[4608], *file;
	struct seen seen[256];
	int nseen = 0, err = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if (!(f = fopen(path, "r")))
		return 0;	/* gone, or not ours to read */
	while (!err && nseen < 256 && fgets(line, sizeof(line), f)) {
		struct ufile *u;

		if (!map_line(line, seen, nseen, &file))
			continue;
		if (!(u = ucache_get(c, seen[nseen].dev, seen[nseen].ino, file)))
			err = -ENOMEM;
		else
			err = add_file_probes(l, u, pid, file);
		nseen++;
	}
	fclose(f);
	return err;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* The pids of /proc, sorted. */
static int list_pids(pid_t **pidsp)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t *v = NULL, *nv;
	int n = 0, cap = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			if (!(nv = realloc(v, cap * sizeof(*v))))
				break;
			v = nv;
		}
		v[n++] = (pid_t)atoi(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), cmp_pid);
	*pidsp = v;
	return n;
}

static int add_usdt(struct dload_probes *l, pid_t only)
{
	struct ucache c = { 0 };
	pid_t *pids = NULL;
	int n = only > 0 ? 1 : list_pids(&pids), err = 0;

	if (n < 0)
		return n;
	for (int i = 0; !err && i < n; i++)
		err = scan_pid(l, &c, only > 0 ? only : pids[i]);
	free(pids);
	ucache_free(&c);
	return err;
}

/* ---- building ------------------------------------------------------------------- */

static int add_kernel(struct dload_probes *l)
{
	int err = add_dtrace(l);

	if (!err)
		err = add_cpc(l);
	if (!err)
		err = add_fbt(l);
	if (!err)
		err = add_dep(l, "io");
	if (!err)
		err = add_dep(l, "proc");
	if (!err)
		err = add_profile(l);
	if (!err)
		err = add_events(l, EV_RAWTP);
	if (!err)
		err = add_dep(l, "sched");
	if (!err)
		err = add_events(l, EV_SDT);
	if (!err)
		err = add_events(l, EV_SYSCALL);
	return err;
}

int dload_probes__load(const struct dload_list_opts *opts,
		       struct dload_probes **lp)
{
	struct dload_list_opts o = { 0 };
	struct dload_probes *l;
	int err = 0;

	if (opts)
		memcpy(&o, opts, opts->sz < sizeof(o) ? opts->sz : sizeof(o));
	*lp = NULL;
	if (!(l = calloc(1, sizeof(*l))))
		return -ENOMEM;
	if (dl_tracefs(l->root, sizeof(l->root)))
		snprintf(l->root, sizeof(l->root), "/sys/kernel/tracing");
	if (!o.usdt_only)
		err = add_kernel(l);
	if (!err && (o.usdt || o.usdt_only))
		err = add_usdt(l, o.pid);
	if (err) {
		dload_probes__free(l);
		return err;
	}
	*lp = l;
	return 0;
}

bool dload_probe__match(const struct dload_probe *p, const char *prov,
			const char *mod, const char *func, const char *name)
{
	const char *pat[4] = { prov, mod, func, name };
	const char *s[4] = { p->prov, p->mod, p->func, p->name };

	for (int i = 0; i < 4; i++)
		if (pat[i] && *pat[i] && fnmatch(pat[i], s[i], 0))
			return false;
	return true;
}

/* ---- printing -------------------------------------------------------------------- */

void dload_probes__print_header(FILE *out)
{
	fprintf(out, "%5s %10s %17s %33s %s\n", "ID", "PROVIDER", "MODULE",
		"FUNCTION", "NAME");
}

/* DTrace's stability levels and dependency classes. */
enum { S_INTERNAL, S_PRIVATE, S_OBSOLETE, S_EXTERNAL, S_UNSTABLE, S_EVOLVING,
       S_STABLE, S_STANDARD };
enum { C_UNKNOWN, C_CPU, C_PLATFORM, C_GROUP, C_ISA, C_COMMON };

static const char *const stab_names[] = {
	"Internal", "Private", "Obsolete", "External", "Unstable", "Evolving",
	"Stable", "Standard",
};
static const char *const class_names[] = {
	"Unknown", "CPU", "Platform", "Group", "ISA", "Common",
};

struct attr {
	uint8_t name, data, class;
};

/* provider, module, function, name, arguments */
struct pattr {
	uint32_t kind;
	struct attr a[5];
};

#define A(n, d, c)	{ S_##n, S_##d, C_##c }
static const struct pattr pattrs[] = {
	{ DTM_PROV_DTRACE, { A(STABLE, STABLE, COMMON), A(PRIVATE, PRIVATE, UNKNOWN),
	  A(PRIVATE, PRIVATE, UNKNOWN), A(STABLE, STABLE, COMMON),
	  A(STABLE, STABLE, COMMON) } },
	{ DTM_PROV_PROFILE, { A(EVOLVING, EVOLVING, COMMON),
	  A(UNSTABLE, UNSTABLE, UNKNOWN), A(PRIVATE, PRIVATE, UNKNOWN),
	  A(EVOLVING, EVOLVING, COMMON), A(EVOLVING, EVOLVING, COMMON) } },
	{ DTM_PROV_SYSCALL, { A(EVOLVING, EVOLVING, COMMON),
	  A(PRIVATE, PRIVATE, UNKNOWN), A(PRIVATE, PRIVATE, ISA),
	  A(EVOLVING, EVOLVING, COMMON), A(PRIVATE, PRIVATE, ISA) } },
	{ DTM_PROV_SDT, { A(EVOLVING, EVOLVING, ISA), A(PRIVATE, PRIVATE, UNKNOWN),
	  A(PRIVATE, PRIVATE, UNKNOWN), A(PRIVATE, PRIVATE, ISA),
	  A(PRIVATE, PRIVATE, ISA) } },
	{ DTM_PROV_FBT, { A(EVOLVING, EVOLVING, COMMON),
	  A(PRIVATE, PRIVATE, UNKNOWN), A(PRIVATE, PRIVATE, ISA),
	  A(EVOLVING, EVOLVING, COMMON), A(PRIVATE, PRIVATE, ISA) } },
	{ DTM_PROV_USDT, { A(EVOLVING, EVOLVING, ISA), A(PRIVATE, PRIVATE, UNKNOWN),
	  A(PRIVATE, PRIVATE, UNKNOWN), A(EVOLVING, EVOLVING, ISA),
	  A(PRIVATE, PRIVATE, UNKNOWN) } },
	/* proc, sched, io (and the default) */
	{ 0, { A(EVOLVING, EVOLVING, ISA), A(PRIVATE, PRIVATE, UNKNOWN),
	  A(PRIVATE, PRIVATE, UNKNOWN), A(EVOLVING, EVOLVING, ISA),
	  A(EVOLVING, EVOLVING, ISA) } },
};
#undef A

static const struct pattr *pattr_of(uint32_t kind)
{
	size_t i;

	if (kind == DTM_PROV_TICK || kind == DTM_PROV_CPC)
		kind = DTM_PROV_PROFILE;	/* DTrace gives cpc profile's */
	if (kind == DTM_PROV_RAWTP)
		kind = DTM_PROV_SDT;		/* and rawtp sdt's */
	for (i = 0; pattrs[i].kind && pattrs[i].kind != kind; i++)
		;
	return &pattrs[i];
}

static struct attr attr_min(struct attr a, struct attr b)
{
	return (struct attr){ a.name < b.name ? a.name : b.name,
			      a.data < b.data ? a.data : b.data,
			      a.class < b.class ? a.class : b.class };
}

static void print_attr(FILE *out, const char *title, struct attr a)
{
	fprintf(out, "\n\t%s\n", title);
	fprintf(out, "\t\tIdentifier Names: %s\n", stab_names[a.name]);
	fprintf(out, "\t\tData Semantics:   %s\n", stab_names[a.data]);
	fprintf(out, "\t\tDependency Class: %s\n", class_names[a.class]);
}

/* The probe's description attributes: the minimum over its non-empty
 * components, as dtrace_probe_info() computes them. */
static struct attr desc_attr(const struct dload_probe *p, const struct pattr *pa)
{
	const char *s[3] = { p->mod, p->func, p->name };
	struct attr a = pa->a[0];

	for (int i = 0; i < 3; i++)
		if (*s[i])
			a = attr_min(a, pa->a[i + 1]);
	return a;
}

/* ---- argument types ---------------------------------------------------------------- */

/* DTrace's signatures of the io, proc and sched probes: the translated
 * type of each argument (dep_probes.h, the table dcc types args[] from). */
static int dep_types(const struct dload_probe *p, char types[][128], int max)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(dtm_dep_args) / sizeof(dtm_dep_args[0]); i++) {
		const struct dtm_dep_arg *a = &dtm_dep_args[i];

		if (strcmp(a->prov, p->prov) || strcmp(a->name, p->name) ||
		    a->argno >= max)
			continue;
		snprintf(types[a->argno], 128, "%s", a->xlate ? a->xlate : a->native);
		if (a->argno >= n)
			n = a->argno + 1;
	}
	return n;
}

/* "const char * filename" -> "const char *"; "char comm[16]" -> "char [16]";
 * "__data_loc char[] name" -> "char[]" (DTrace's reading of a field). */
static void field_type(char *decl, char *out, size_t len)
{
	char *sp, *br;
	size_t n;

	if (!strncmp(decl, "__data_loc ", 11))
		decl += 11;
	n = strlen(decl);
	while (n && decl[n - 1] == ' ')
		decl[--n] = 0;
	br = n && decl[n - 1] == ']' ? strchr(decl, '[') : NULL;
	if (br && br > decl && br[-1] != ' ') {
		*br = 0;
		sp = strrchr(decl, ' ');
		if (sp)
			*sp = 0;
		snprintf(out, len, "%s [%s", decl, br + 1);
		return;
	}
	if ((sp = strrchr(decl, ' ')))
		*sp = 0;
	snprintf(out, len, "%s", decl);
}

/* The types of a tracepoint's fields after the common ones (and skip more). */
static int format_types(const char *root, const char *tp, int skip,
			char types[][128], int max)
{
	char path[512], line[512], field[256];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/events/%s/format", root, tp);
	if (!(f = fopen(path, "r")))
		return 0;
	while (n < max && fgets(line, sizeof(line), f)) {
		if (sscanf(line, " field:%255[^;]", field) != 1 ||
		    strstr(field, " common_") || skip-- > 0)
			continue;
		field_type(field, types[n++], 128);
	}
	fclose(f);
	return n;
}

/* "-4@%eax 8@-16(%rbp)": one integer type per argument */
static int usdt_types(const char *spec, char types[][128], int max)
{
	int n = 0;

	while (spec && *spec && n < max) {
		char *end;
		long size;

		spec += strspn(spec, " ");
		if (!*spec)
			break;
		size = strchr(spec, '@') ? strtol(spec, &end, 10) : 8;
		if (size != 1 && size != 2 && size != 4 && size != 8 &&
		    size != -1 && size != -2 && size != -4 && size != -8)
			size = 8;
		snprintf(types[n++], 128, "%sint%ld_t", size < 0 ? "" : "u",
			 8 * (size < 0 ? -size : size));
		spec += strcspn(spec, " ");
	}
	return n;
}

static void emit_decl(void *ctx, const char *fmt, va_list ap)
{
	vfprintf(ctx, fmt, ap);
}

/* The C spelling of BTF type id ("struct task_struct *"), as DTrace's
 * ctf_type_name() gives it. */
static int btf_type_text(const struct btf *btf, uint32_t id, char *out,
			 size_t len)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, o, .field_name = "");
	FILE *f = fmemopen(out, len, "w");
	struct btf_dump *d;
	int err;

	if (!f)
		return -errno;
	d = btf_dump__new(btf, emit_decl, f, NULL);
	err = libbpf_get_error(d);
	if (!err) {
		err = btf_dump__emit_type_decl(d, id, &o);
		btf_dump__free(d);
	}
	fclose(f);	/* NUL-terminates out */
	return err;
}

/* The kernel's BTF, loaded once (NULL if there is none). */
static const struct btf *vmlinux_btf(void)
{
	static struct btf *btf;
	static bool tried;

	if (!tried) {
		tried = true;
		btf = btf__load_vmlinux_btf();
		if (libbpf_get_error(btf))
			btf = NULL;
	}
	return btf;
}

/* rawtp: the arguments of the FUNC_PROTO that the typedef btf_trace_EVENT
 * points to, less its first (void *__data), as DTrace reads them; none
 * without BTF. */
static int rawtp_types(const struct dload_probe *p, char types[][128], int max)
{
	const struct btf *btf = vmlinux_btf();
	const struct btf_type *t;
	const struct btf_param *a;
	char tn[256];
	int id, n = 0;

	snprintf(tn, sizeof(tn), "btf_trace_%s", p->name);
	if (!btf || (id = btf__find_by_name_kind(btf, tn, BTF_KIND_TYPEDEF)) < 0)
		return 0;
	t = btf__type_by_id(btf, btf__resolve_type(btf, id));
	if (!t || !btf_is_ptr(t) || !(t = btf__type_by_id(btf, t->type)) ||
	    !btf_is_func_proto(t))
		return 0;
	a = btf_params(t);
	for (int i = 1; i < btf_vlen(t) && n < max; i++)
		if (btf_type_text(btf, a[i].type, types[n++], 128))
			snprintf(types[n - 1], 128, "uint64_t");
	return n;
}

int dload_probe__arg_types(const struct dload_probe *p, char types[][128],
			   int max)
{
	char root[256], tp[512];

	if (dl_tracefs(root, sizeof(root)))
		snprintf(root, sizeof(root), "/sys/kernel/tracing");
	switch (p->kind) {
	case DTM_PROV_SYSCALL:
		snprintf(tp, sizeof(tp), "syscalls/sys_%s_%s",
			 p->name[0] == 'e' ? "enter" : "exit", p->func);
		return format_types(root, tp, 1, types, max);
	case DTM_PROV_SDT:
		snprintf(tp, sizeof(tp), "%s/%s", p->mod, p->name);
		return format_types(root, tp, 0, types, max);
	case DTM_PROV_PROC: case DTM_PROV_SCHED: case DTM_PROV_IO:
		return dep_types(p, types, max);
	case DTM_PROV_USDT:
		return usdt_types(p->argspec, types, max);
	case DTM_PROV_RAWTP:
		return rawtp_types(p, types, max);
	}
	return 0;
}

void dload_probe__print(FILE *out, const struct dload_probe *p, bool verbose)
{
	const struct pattr *pa = pattr_of(p->kind);
	char types[MAX_ARGS][128];
	int n;

	fprintf(out, "%5u %10s %17s %33s %s\n", p->id, p->prov, p->mod, p->func,
		p->name);
	if (!verbose)
		return;
	print_attr(out, "Probe Description Attributes", desc_attr(p, pa));
	print_attr(out, "Argument Attributes", pa->a[4]);
	fprintf(out, "\n\tArgument Types\n");
	n = dload_probe__arg_types(p, types, MAX_ARGS);
	for (int i = 0; i < n; i++)
		fprintf(out, "\t\targs[%d]: %s\n", i, types[i]);
	if (n == 0)
		fprintf(out, "\t\tNone\n");
	fprintf(out, "\n");
}
