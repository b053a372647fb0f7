/* SPDX-License-Identifier: MIT */
/*
 * prov_usdt.c -- the usdt provider: the .note.stapsdt probes of
 * <sys/sdt.h> (systemtap-sdt-dev) in a process's objects.
 *
 * PROVIDERPID:MODULE:FUNCTION:NAME (PROVIDER$target, PROVIDER* ...): the
 * provider part without its pid globs the notes' provider names, NAME the
 * probe names (with "__" read as "-", as DTrace does), MODULE the object
 * basenames ("a.out": the executable), FUNCTION the function containing
 * the probe site.  A concrete probe is PROVIDERPID:BASENAME:FUNC:NAME; it
 * may have several sites.
 *
 * We do not use libbpf's bpf_program__attach_usdt: its BPF side keeps the
 * attach cookie for a spec id and expects libbpf's own spec maps and BPF
 * library, while dcc's programs use the cookie as the probe id and reading
 * our own spec layout keeps us independent of libbpf's version.  Instead,
 * every site is a plain uprobe (its semaphore, if any, counted by the
 * kernel through ref_ctr_offset, which also makes is-enabled checks in
 * the application true) whose cookie is the site's index in the map
 * DTM_MAP_USDT; the entry holds the prid and the argument specs parsed
 * from the note (see struct dtm_usdt_spec in meta.h).
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "internal.h"

#define NT_STAPSDT	3

/* One probe site: where to attach, and its spec. */
struct dl_usdt_site {
	char path[512];
	uint64_t off;		/* file offset of the probe */
	uint64_t sema_off;	/* file offset of the semaphore, 0: none */
	pid_t pid;
	struct dtm_usdt_spec spec;
};

/* x86_64 register names -> offset in struct pt_regs */
static const struct { const char *names[4]; uint16_t off; } regs[] = {
	{ { "rax", "eax", "ax", "al" }, 80 },
	{ { "rbx", "ebx", "bx", "bl" }, 40 },
	{ { "rcx", "ecx", "cx", "cl" }, 88 },
	{ { "rdx", "edx", "dx", "dl" }, 96 },
	{ { "rsi", "esi", "si", "sil" }, 104 },
	{ { "rdi", "edi", "di", "dil" }, 112 },
	{ { "rbp", "ebp", "bp", "bpl" }, 32 },
	{ { "rsp", "esp", "sp", "spl" }, 152 },
	{ { "r8", "r8d", "r8w", "r8b" }, 72 },
	{ { "r9", "r9d", "r9w", "r9b" }, 64 },
	{ { "r10", "r10d", "r10w", "r10b" }, 56 },
	{ { "r11", "r11d", "r11w", "r11b" }, 48 },
	{ { "r12", "r12d", "r12w", "r12b" }, 24 },
	{ { "r13", "r13d", "r13w", "r13b" }, 16 },
	{ { "r14", "r14d", "r14w", "r14b" }, 8 },
	{ { "r15", "r15d", "r15w", "r15b" }, 0 },
	{ { "rip", "eip", "ip", "" }, 128 },
};

static int reg_off(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		for (int k = 0; k < 4; k++)
			if (strlen(regs[i].names[k]) == len &&
			    !strncmp(regs[i].names[k], name, len))
				return regs[i].off;
	return -1;
}

/* "%reg" at s: its pt_regs offset, the rest after it in *end; -1: none */
static int parse_reg(const char *s, const char **end)
{
	size_t n;

	if (*s != '%')
		return -1;
	s++;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789");
	*end = s + n;
	return reg_off(s, n);
}

/* One "[-]SIZE@OPERAND" argument (x86_64 AT&T syntax). */
static void parse_arg(const char *a, struct dtm_usdt_arg *arg)
{
	const char *at = strchr(a, '@'), *op = at ? at + 1 : a, *end;
	long size = at ? strtol(a, NULL, 10) : 8;
	char *num;
	int r;

	memset(arg, 0, sizeof(*arg));
	arg->sign = size < 0;
	size = size < 0 ? -size : size;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		size = 8;
	arg->shift = (uint8_t)(64 - 8 * size);
	if (*op == '$') {
		arg->type = DTM_USDT_CONST;
		arg->val = strtoll(op + 1, NULL, 0);
	} else if (*op == '%') {
		r = parse_reg(op, &end);
		arg->type = r < 0 || *end ? DTM_USDT_NONE : DTM_USDT_REG;
		arg->reg_off = r < 0 ? 0 : (uint16_t)r;
	} else {
		arg->val = strtoll(op, &num, 0);
		r = *num == '(' ? parse_reg(num + 1, &end) : -1;
		if (r < 0 || r == 128 || *end != ')')
			return;		/* rip-relative or indexed: unsupported */
		arg->type = DTM_USDT_DEREF;
		arg->reg_off = (uint16_t)r;
	}
}

static void parse_args(const char *s, struct dtm_usdt_spec *spec)
{
	char buf[1024], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", s);
	spec->nargs = 0;
	for (tok = strtok_r(buf, " ", &save); tok && spec->nargs < DTM_USDT_NARGS;
	     tok = strtok_r(NULL, " ", &save))
		parse_arg(tok, &spec->args[spec->nargs++]);
}

/* ---- notes ------------------------------------------------------------------------ */

struct usdt_note {
	uint64_t pc, base, sema;
	const char *prov, *name, *args;
};

static bool section_addr(Elf *e, const char *want, uint64_t *addr)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(e, &shstrndx))
		return false;
	while ((scn = elf_nextscn(e, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name && !strcmp(name, want)) {
			*addr = sh.sh_addr;
			return true;
		}
	}
	return false;
}

static bool parse_note(const char *owner, size_t olen, const uint8_t *desc,
		       size_t dlen, struct usdt_note *n)
{
	const char *end = (const char *)desc + dlen, *p;

	if (olen != sizeof("stapsdt") || strcmp(owner, "stapsdt") || dlen < 27)
		return false;
	memcpy(&n->pc, desc, 8);
	memcpy(&n->base, desc + 8, 8);
	memcpy(&n->sema, desc + 16, 8);
	p = (const char *)desc + 24;
	n->prov = p;
	p = memchr(p, 0, (size_t)(end - p));
	if (!p++ || p >= end)
		return false;
	n->name = p;
	p = memchr(p, 0, (size_t)(end - p));
	if (!p++ || p >= end)
		return false;
	n->args = p;
	return memchr(p, 0, (size_t)(end - p)) != NULL;
}

/* Walk the stapsdt notes of an ELF file. */
static int each_note(const struct dl_uelf *u,
		     int (*fn)(void *arg, const struct usdt_note *n), void *arg)
{
	Elf *e = u->e;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	uint64_t base = 0;
	bool has_base = section_addr(e, ".stapsdt.base", &base);
	int err = 0;

	while (!err && (scn = elf_nextscn(e, scn))) {
		Elf_Data *d;
		GElf_Nhdr nh;
		size_t off = 0, noff, doff;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		d = elf_getdata(scn, NULL);
		while (!err && d && (off = gelf_getnote(d, off, &nh, &noff, &doff))) {
			struct usdt_note n;

			if (nh.n_type != NT_STAPSDT ||
			    !parse_note((const char *)d->d_buf + noff, nh.n_namesz,
					(const uint8_t *)d->d_buf + doff,
					nh.n_descsz, &n))
				continue;
			if (has_base && n.base) {
				n.pc += base - n.base;
				if (n.sema)
					n.sema += base - n.base;
			}
			err = fn(arg, &n);
		}
	}
	return err;
}

/* ---- resolution --------------------------------------------------------------- */

struct usdt_walk {
	struct dload_obj *o;
	uint32_t epid;
	const struct dtm_probe *p;
	const struct dl_uelf *elf;
	const struct dl_uobj *obj;
	pid_t pid;
	char provpat[64];
	int n;
	/* function lookup */
	uint64_t pc;
	char func[64];
	uint64_t best;
};

static int func_at(void *arg, const char *name, uint64_t va, uint64_t size)
{
	struct usdt_walk *w = arg;

	if (w->pc >= va && (w->pc < va + size || (!size && va > w->best)) &&
	    va >= w->best) {
		snprintf(w->func, sizeof(w->func), "%s", name);
		w->best = va;
	}
	return 0;
}

/* "probe__name" -> "probe-name" */
static void probe_name(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	for (; *s && i + 1 < len; s++) {
		if (s[0] == '_' && s[1] == '_') {
			buf[i++] = '-';
			s++;
		} else {
			buf[i++] = *s;
		}
	}
	buf[i] = 0;
}

static uint32_t find_prid(struct dload_obj *o, const char *prov,
			  const char *mod, const char *func, const char *name)
{
	for (uint32_t i = 1; i < o->ncprobes; i++) {
		const struct dtm_probe_info *n = &o->cprobes[i].names;

		if (o->cprobes[i].kind == DTM_PROV_USDT && !strcmp(n->prov, prov) &&
		    !strcmp(n->mod, mod) && !strcmp(n->func, func) &&
		    !strcmp(n->name, name))
			return i;
	}
	return 0;
}

static bool site_known(struct dload_obj *o, const char *path, uint64_t off,
		       uint32_t prid)
{
	struct dl_usdt_site *v = o->usdt_sites;

	for (uint32_t i = 0; i < o->nusdt_sites; i++)
		if (v[i].off == off && v[i].spec.prid == prid &&
		    !strcmp(v[i].path, path))
			return true;
	return false;
}

static int add_site(struct usdt_walk *w, const struct usdt_note *n,
		    uint64_t off, uint32_t prid)
{
	struct dload_obj *o = w->o;
	struct dl_usdt_site *v = o->usdt_sites, *s;
	uint64_t sema_off = 0;

	if (site_known(o, w->obj->path, off, prid))
		return 0;
	if (n->sema && dl_uelf_offset(w->elf, n->sema, &sema_off))
		sema_off = 0;
	if (o->nusdt_sites == o->cap_usdt_sites) {
		uint32_t cap = o->cap_usdt_sites ? 2 * o->cap_usdt_sites : 8;

		v = realloc(v, cap * sizeof(*v));
		if (!v)
			return dl_err(o, -ENOMEM, "out of memory");
		o->usdt_sites = v;
		o->cap_usdt_sites = cap;
	}
	s = &v[o->nusdt_sites++];
	memset(s, 0, sizeof(*s));
	snprintf(s->path, sizeof(s->path), "%s", w->obj->path);
	s->off = off;
	s->sema_off = sema_off;
	s->pid = w->pid;
	s->spec.prid = prid;
	parse_args(n->args, &s->spec);
	return 0;
}

static int usdt_site(void *arg, const struct usdt_note *n)
{
	struct usdt_walk *w = arg;
	const struct dl_meta *m = &w->o->meta;
	char name[64], prov[80];
	uint64_t off;
	uint32_t prid;
	int err;

	probe_name(n->name, name, sizeof(name));
	if (!dl_glob(w->provpat, n->prov) || !dl_glob(dl_str(m, w->p->name), name) ||
	    dl_uelf_offset(w->elf, n->pc, &off))
		return 0;
	w->pc = n->pc;
	w->best = 0;
	snprintf(w->func, sizeof(w->func), "-");
	dl_uelf_funcs(w->elf, func_at, w);
	if (!dl_glob(dl_str(m, w->p->function), w->func))
		return 0;
	snprintf(prov, sizeof(prov), "%s%d", n->prov, (int)w->pid);
	err = dl_bind_probe(w->o, w->epid, DTM_PROV_USDT, prov, w->obj->mod,
			    w->func, name, w->obj->path, (uint64_t)w->pid, 0);
	prid = err ? 0 : find_prid(w->o, prov, w->obj->mod, w->func, name);
	if (err || !prid)
		return err ? err : -ENOENT;
	w->n++;
	return add_site(w, n, off, prid);
}

/* "myprov1234" -> "myprov"; "myprov*" stays a glob */
static void prov_pattern(const char *prov, char *buf, size_t len)
{
	size_t n = strlen(prov);

	while (n > 0 && prov[n - 1] >= '0' && prov[n - 1] <= '9')
		n--;
	snprintf(buf, len, "%.*s", (int)n, prov);
}

static void size_map(struct dload_obj *o)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_USDT);

	if (m && o->nusdt_sites)
		bpf_map__set_max_entries(m, o->nusdt_sites);
}

/* One mapped object: attach to its USDT sites that match. */
static int usdt_obj(struct dl_uelf *u, const struct dl_uobj *obj, void *arg)
{
	struct usdt_walk *w = arg;

	w->elf = u;
	w->obj = obj;
	return each_note(u, usdt_site, w);
}

static int usdt_resolve(struct dload_obj *o, uint32_t epid,
			const struct dtm_probe *p)
{
	const struct dl_meta *m = &o->meta;
	struct usdt_walk w = { .o = o, .epid = epid, .p = p };
	int err;

	w.pid = dl_uprov_pid(o, dl_str(m, p->provider));
	prov_pattern(dl_str(m, p->provider), w.provpat, sizeof(w.provpat));
	err = dl_uobjs_each(o, w.pid, dl_str(m, p->module), usdt_obj, &w);
	size_map(o);
	return err < 0 ? err : w.n;
}

/* ---- attachment ----------------------------------------------------------------- */

/* A site the kernel refuses is DTrace's D_PROC_USDT ("[TAG] line N: ..."
 * of the probe description, see dl_probe_err). */
static int attach_site(struct dload_obj *o, struct bpf_program *prog,
		       uint32_t epid, const struct dl_cprobe *cp, uint32_t idx,
		       int mapfd)
{
	struct dl_usdt_site *s = &((struct dl_usdt_site *)o->usdt_sites)[idx];
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .bpf_cookie = idx,
		    .ref_ctr_offset = s->sema_off);
	struct bpf_link *link;
	int err;

	if (bpf_map_update_elem(mapfd, &idx, &s->spec, 0))
		return dl_err(o, -errno, "cannot fill %s: %s", DTM_MAP_USDT,
			      strerror(errno));
	link = bpf_program__attach_uprobe_opts(prog, s->pid, s->path, s->off,
					       &opts);
	err = libbpf_get_error(link);
	if (err)
		return dl_probe_err(o, &o->meta.probes[epid], err, "D_PROC_USDT",
				    "failed to instantiate probe %s for pid %d: %s",
				    cp->names.name, (int)s->pid, strerror(-err));
	return dl_uprobe_keep(o, link, cp);
}

static int usdt_attach(struct dload_obj *o, struct bpf_program *prog,
		       uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_USDT);
	int err = 0;

	if (!m)
		return dl_err(o, -ENOENT, "%s: no map %s", o->name, DTM_MAP_USDT);
	for (uint32_t i = 0; !err && i < o->nusdt_sites; i++)
		if (((struct dl_usdt_site *)o->usdt_sites)[i].spec.prid == prid)
			err = attach_site(o, prog, epid, cp, i, bpf_map__fd(m));
	return err;
}

const struct dl_prov dl_prov_usdt = {
	.kind = DTM_PROV_USDT,
	.name = "usdt",
	.resolve = usdt_resolve,
	.attach = usdt_attach,
};
