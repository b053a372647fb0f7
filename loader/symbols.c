/* SPDX-License-Identifier: MIT */
/*
 * symbols.c -- address-to-symbol resolution for stack(), ustack(), sym(),
 * func(), mod(), usym(), ufunc(), umod(), uaddr() and printf's %a/%A/%k.
 *
 * Kernel: /proc/kallsyms, read once on first use, sorted by address; a pc
 * belongs to the nearest symbol at or below it (kallsyms has no sizes).
 * The module is "vmlinux" for the core kernel, else the [module] name.
 *
 * User: the mappings of a process (/proc/PID/maps), cached per pid and
 * re-read when a pc falls outside them, and the ELF symbol tables (.symtab
 * and .dynsym, through libelf) of each mapped file, cached per file.  A pc
 * maps to a file offset, the file offset to the ELF address through the
 * PT_LOAD headers, and that to the symbol containing it.  Mappings are kept
 * after the process exits, so aggregations printed at exit still resolve
 * the processes seen while tracing (dl_syms_poll notes them early).
 *
 * Text forms, as DTrace prints them: "mod`name+0x1c" (offset wanted and pc
 * past the symbol's start), "mod`name", "mod`0xADDR" (in a module but no
 * symbol), "0xADDR" (nothing known).  User objects are the basename of the
 * mapped file ("libc.so.6").
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "internal.h"

#define MISS_REREAD_NS	1000000ull	/* a pc outside the maps: re-read after 1 ms */
#define STALE_NS	1000000000ull	/* maps older than 1 s are re-read (exec) */

/* One symbol: [addr, addr + size), name and object in a string pool. */
struct dl_sym {
	uint64_t addr;
	uint64_t size;			/* 0: up to the next symbol (kernel) */
	const char *name;
	const char *obj;
	uint8_t rank;			/* preference among equal addresses */
};

struct symtab {
	struct dl_sym *v;
	size_t n, cap;
};

/* An ELF file mapped by some process. */
struct ufile {
	char *path;
	uint64_t dev_ino;
	bool loaded, ok;
	struct symtab syms;
	char *pool;			/* names */
	struct { uint64_t off, filesz, vaddr; } *loads;
	size_t nloads;
	struct ufile *next;
};

struct umap {
	uint64_t start, end, off;
	struct ufile *file;		/* NULL: anonymous, [stack], [vdso]... */
};

struct uproc {
	pid_t pid;
	struct umap *maps;
	size_t nmaps;
	uint64_t read_ns;		/* when the maps were read */
	struct uproc *next;
};

struct dl_syms {
	bool kloaded;
	struct symtab ksyms;
	char *kpool;			/* kallsyms text, split in place */
	struct ufile *files;
	struct uproc *procs;
	bool elf_ready;
	int8_t uses_user;		/* the object records user addresses:
					   -1 not known yet, 0 no, 1 yes */
	bool seized;			/* the -c target is ptraced by us */
};

/* ---- tables ---------------------------------------------------------- */

static int tab_add(struct symtab *t, const struct dl_sym *s)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		struct dl_sym *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = *s;
	return 0;
}

static int leading_underscores(const char *s)
{
	int n = 0;

	while (s[n] == '_')
		n++;
	return n;
}

/* By address; at equal addresses the preferred symbol first: better rank
 * (typed, global), fewer leading underscores, then by name. */
static int sym_cmp(const void *a, const void *b)
{
	const struct dl_sym *l = a, *r = b;
	int d;

	if (l->addr != r->addr)
		return l->addr < r->addr ? -1 : 1;
	if (l->rank != r->rank)
		return l->rank < r->rank ? -1 : 1;
	d = leading_underscores(l->name) - leading_underscores(r->name);
	return d ? d : strcmp(l->name, r->name);
}

/* Keep one symbol per address: the first (preferred) one. */
static void tab_sort(struct symtab *t)
{
	size_t i, k = 0;

	qsort(t->v, t->n, sizeof(*t->v), sym_cmp);
	for (i = 0; i < t->n; i++)
		if (k == 0 || t->v[k - 1].addr != t->v[i].addr)
			t->v[k++] = t->v[i];
	t->n = k;
}

/* The last symbol at or below addr, or NULL. */
static const struct dl_sym *tab_find(const struct symtab *t, uint64_t addr)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &t->v[lo - 1] : NULL;
}

/* ---- text forms ------------------------------------------------------- */

int dl_sym_format(char *buf, size_t len, const struct dl_symres *r,
		  uint64_t pc, bool offset)
{
	unsigned long long a = (unsigned long long)pc;

	if (r && r->obj && r->name && offset && pc > r->addr)
		snprintf(buf, len, "%s`%s+0x%llx", r->obj, r->name,
			 (unsigned long long)(pc - r->addr));
	else if (r && r->obj && r->name)
		snprintf(buf, len, "%s`%s", r->obj, r->name);
	else if (r && r->obj)
		snprintf(buf, len, "%s`0x%llx", r->obj, a);
	else
		snprintf(buf, len, "0x%llx", a);
	return r && r->obj ? 0 : -ENOENT;
}

/* ---- kernel ------------------------------------------------------------ */

static char *slurp(const char *path, size_t *lenp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0, cap = 1 << 20;
	char *buf = NULL, *nb;
	ssize_t n;

	if (fd < 0)
		return NULL;
	do {
		if (len + 1 >= cap || !buf) {
			cap = buf ? cap * 2 : cap;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				close(fd);
				return NULL;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n > 0)
			len += (size_t)n;
	} while (n > 0 || (n < 0 && errno == EINTR));
	close(fd);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/* "ffffffff81000000 T _stext" or "... t name\t[module]": split in place. */
static int kparse_line(struct dl_syms *s, char *line)
{
	char *type, *name, *mod, *end;
	struct dl_sym sym = { 0 };

	sym.addr = strtoull(line, &end, 16);
	if (end == line || *end != ' ')
		return 0;
	type = end + 1;
	if (!*type || type[1] != ' ')
		return 0;
	name = type + 2;
	mod = strchr(name, '\t');
	if (mod) {
		*mod++ = '\0';
		if (*mod == '[')
			mod++;
		mod[strcspn(mod, "]")] = '\0';
	}
	/* absolute and undefined symbols are not code or data addresses */
	if (sym.addr == 0 || strchr("aAuUvV", *type))
		return 0;
	sym.name = name;
	sym.obj = mod && *mod ? mod : "vmlinux";
	sym.rank = (*type >= 'A' && *type <= 'Z' ? 0 : 2) +
		   (*type == 'T' || *type == 't' ? 0 : 1);
	return tab_add(&s->ksyms, &sym);
}

int dl_syms_load_kernel(struct dl_syms *s, const char *path)
{
	size_t len;
	char *p, *nl;
	int err = 0;

	s->kloaded = true;
	s->kpool = slurp(path ? path : "/proc/kallsyms", &len);
	if (!s->kpool)
		return -errno ? -errno : -ENOENT;
	for (p = s->kpool; *p && !err; p = nl) {
		nl = strchr(p, '\n');
		if (nl)
			*nl++ = '\0';
		else
			nl = p + strlen(p);
		err = kparse_line(s, p);
	}
	tab_sort(&s->ksyms);
	return err;
}

int dl_ksym_lookup(struct dl_syms *s, uint64_t pc, struct dl_symres *r)
{
	const struct dl_sym *sym;

	memset(r, 0, sizeof(*r));
	if (!s->kloaded)
		dl_syms_load_kernel(s, NULL);
	sym = tab_find(&s->ksyms, pc);
	if (!sym)
		return -ENOENT;
	r->obj = sym->obj;
	r->name = sym->name;
	r->addr = sym->addr;
	return 0;
}

int dl_ksym_text(struct dl_syms *s, uint64_t pc, bool offset, char *buf,
		 size_t len)
{
	struct dl_symres r;

	dl_ksym_lookup(s, pc, &r);
	return dl_sym_format(buf, len, &r, pc, offset);
}

/*
 * Frames of the tracing machinery at the top of a kernel stack taken by
 * bpf_get_stack(): the BPF program itself ([bpf] module: programs and
 * trampolines) and the functions that dispatch tracepoints to it.  DTrace
 * shows the stack from the probe site, so they are left out.  A stack
 * that reaches dload's own BPF_PROG_TEST_RUN (BEGIN, END, ERROR, which
 * DTrace fires from user space) has no kernel part at all.
 */
static const char *const dispatch_prefix[] = {
	"bpf_trace_run", "__bpf_trace_", "trace_call_bpf",
	"perf_trace_run_bpf_submit", "perf_trace_", "__traceiter_",
	"bpf_dispatcher_", "__bpf_prog_enter", "__bpf_prog_exit",
};

static bool is_test_run(const char *name)
{
	return strstr(name, "bpf_prog_test_run") != NULL;
}

static bool is_dispatch(const struct dl_symres *r)
{
	if (r->obj && strcmp(r->obj, "bpf") == 0)
		return true;
	if (!r->name)
		return false;
	for (size_t i = 0; i < sizeof(dispatch_prefix) / sizeof(*dispatch_prefix);
	     i++)
		if (!strncmp(r->name, dispatch_prefix[i],
			     strlen(dispatch_prefix[i])))
			return true;
	return false;
}

size_t dl_kstack_skip(struct dl_syms *s, const uint64_t *pcs, size_t n)
{
	struct dl_symres r;
	size_t i;

	for (i = 0; i < n; i++) {
		if (dl_ksym_lookup(s, pcs[i], &r) == 0 && r.name &&
		    is_test_run(r.name))
			return n;
		if (!is_dispatch(&r))
			break;
	}
	/* a test run a few frames below the machinery (BEGIN's stack) */
	for (size_t k = i; k < n && k < i + 4; k++)
		if (dl_ksym_lookup(s, pcs[k], &r) == 0 && r.name &&
		    is_test_run(r.name))
			return n;
	return i;
}

/* ---- ELF files ---------------------------------------------------------- */

static uint8_t elf_rank(const GElf_Sym *sym)
{
	int t = GELF_ST_TYPE(sym->st_info), b = GELF_ST_BIND(sym->st_info);
	uint8_t rank = t == STT_FUNC || t == STT_GNU_IFUNC ? 0 :
		       t == STT_OBJECT ? 1 : 2;

	return rank * 3 + (b == STB_GLOBAL ? 0 : b == STB_WEAK ? 1 : 2);
}

static bool elf_wanted(const GElf_Sym *sym, const char *name)
{
	int t = GELF_ST_TYPE(sym->st_info);

	if (!name || !*name || sym->st_shndx == SHN_UNDEF ||
	    sym->st_shndx == SHN_ABS)
		return false;
	return t == STT_FUNC || t == STT_GNU_IFUNC || t == STT_OBJECT ||
	       (t == STT_NOTYPE && name[0] != '$' && name[0] != '.');
}

/* Total size of the names of one symbol section. */
static size_t sec_names_size(Elf *e, Elf_Scn *scn, GElf_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t i, n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
	size_t total = 0;
	GElf_Sym sym;

	for (i = 0; d && i < n; i++)
		if (gelf_getsym(d, (int)i, &sym)) {
			const char *nm = elf_strptr(e, sh->sh_link, sym.st_name);

			if (elf_wanted(&sym, nm))
				total += strlen(nm) + 1;
		}
	return total;
}

static int load_symsec(struct ufile *f, Elf *e, Elf_Scn *scn, GElf_Shdr *sh,
		       char **pool)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t i, n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
	const char *obj = strrchr(f->path, '/');
	GElf_Sym sym;

	obj = obj ? obj + 1 : f->path;
	for (i = 0; d && i < n; i++) {
		const char *nm;
		struct dl_sym s;
		size_t l;

		if (!gelf_getsym(d, (int)i, &sym))
			continue;
		nm = elf_strptr(e, sh->sh_link, sym.st_name);
		if (!elf_wanted(&sym, nm))
			continue;
		l = strlen(nm) + 1;
		memcpy(*pool, nm, l);
		s = (struct dl_sym){ .addr = sym.st_value, .size = sym.st_size,
				     .name = *pool, .obj = obj,
				     .rank = elf_rank(&sym) };
		*pool += l;
		if (tab_add(&f->syms, &s))
			return -ENOMEM;
	}
	return 0;
}

static int load_phdrs(struct ufile *f, Elf *e)
{
	size_t i, n;
	GElf_Phdr ph;

	if (elf_getphdrnum(e, &n))
		return -EINVAL;
	f->loads = calloc(n ? n : 1, sizeof(*f->loads));
	if (!f->loads)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_LOAD) {
			f->loads[f->nloads].off = ph.p_offset;
			f->loads[f->nloads].filesz = ph.p_filesz;
			f->loads[f->nloads].vaddr = ph.p_vaddr;
			f->nloads++;
		}
	return 0;
}

static int load_elf(struct ufile *f, Elf *e)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t total = 0;
	char *p;
	int err;

	if ((err = load_phdrs(f, e)))
		return err;
	while ((scn = elf_nextscn(e, scn)))
		if (gelf_getshdr(scn, &sh) &&
		    (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM))
			total += sec_names_size(e, scn, &sh);
	f->pool = p = malloc(total + 1);
	if (!p)
		return -ENOMEM;
	while ((scn = elf_nextscn(e, scn)))
		if (gelf_getshdr(scn, &sh) &&
		    (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM) &&
		    (err = load_symsec(f, e, scn, &sh, &p)))
			return err;
	tab_sort(&f->syms);
	return 0;
}

/* Read the file's symbols once; alt is another path to the same file
 * (/proc/PID/map_files/...) tried if the path cannot be opened. */
static void ufile_load(struct dl_syms *s, struct ufile *f, const char *alt)
{
	int fd;
	Elf *e;

	if (f->loaded)
		return;
	f->loaded = true;
	if (!s->elf_ready) {
		if (elf_version(EV_CURRENT) == EV_NONE)
			return;
		s->elf_ready = true;
	}
	fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && alt)
		fd = open(alt, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (e && elf_kind(e) == ELF_K_ELF)
		f->ok = load_elf(f, e) == 0;
	if (e)
		elf_end(e);
	close(fd);
}

static struct ufile *ufile_get(struct dl_syms *s, const char *path,
			       uint64_t dev_ino)
{
	struct ufile *f;

	for (f = s->files; f; f = f->next)
		if (f->dev_ino == dev_ino && strcmp(f->path, path) == 0)
			return f;
	f = calloc(1, sizeof(*f));
	if (!f || !(f->path = strdup(path))) {
		free(f);
		return NULL;
	}
	f->dev_ino = dev_ino;
	f->next = s->files;
	s->files = f;
	return f;
}

static void ufile_free(struct ufile *f)
{
	free(f->path);
	free(f->syms.v);
	free(f->pool);
	free(f->loads);
	free(f);
}

/* The symbol of ELF address a: the nearest at or below that contains it
 * (a symbol without size covers only its first byte). */
static const struct dl_sym *ufile_find(const struct ufile *f, uint64_t a)
{
	const struct dl_sym *sym = tab_find(&f->syms, a);

	while (sym && sym >= f->syms.v) {
		if (a < sym->addr + (sym->size ? sym->size : 1))
			return sym;
		/* a sized symbol further down may still contain a */
		if (sym == f->syms.v || a - sym->addr > (1u << 20))
			break;
		sym--;
	}
	return NULL;
}

/* ---- processes ---------------------------------------------------------- */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* "start-end perms offset dev inode   path" */
static int parse_map(struct dl_syms *s, char *line, struct umap *m)
{
	unsigned long long start, end, off, ino;
	unsigned int maj, min;
	char perms[8];
	int pos = 0;
	char *path;

	if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &start, &end, perms,
		   &off, &maj, &min, &ino, &pos) < 7)
		return -EINVAL;
	path = line + pos;
	path[strcspn(path, "\n")] = '\0';
	*m = (struct umap){ .start = start, .end = end, .off = off };
	if (path[0] == '/' && ino)
		m->file = ufile_get(s, path, ((uint64_t)maj << 40) ^
				    ((uint64_t)min << 32) ^ ino);
	return 0;
}

static int uproc_read(struct dl_syms *s, struct uproc *p)
{
	char path[64], line[4096 + 128];
	struct umap *maps = NULL, *nm;
	size_t n = 0, cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)p->pid);
	p->read_ns = now_ns();
	if (!(f = fopen(path, "re")))
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(nm = realloc(maps, cap * sizeof(*maps))))
				break;
			maps = nm;
		}
		if (parse_map(s, line, &maps[n]) == 0)
			n++;
	}
	fclose(f);
	if (!n) {		/* exited (a zombie has no maps): keep the old */
		free(maps);
		return -ESRCH;
	}
	free(p->maps);
	p->maps = maps;
	p->nmaps = n;
	return 0;
}

static struct uproc *uproc_get(struct dl_syms *s, pid_t pid)
{
	struct uproc *p;

	for (p = s->procs; p; p = p->next)
		if (p->pid == pid) {
			if (now_ns() - p->read_ns > STALE_NS)
				uproc_read(s, p);	/* keeps them if gone */
			return p;
		}
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->next = s->procs;
	s->procs = p;
	uproc_read(s, p);
	return p;
}

static const struct umap *uproc_find(const struct uproc *p, uint64_t pc)
{
	for (size_t i = 0; i < p->nmaps; i++)
		if (pc >= p->maps[i].start && pc < p->maps[i].end)
			return &p->maps[i];
	return NULL;
}

int dl_syms_note_pid(struct dl_syms *s, pid_t pid, bool refresh)
{
	struct uproc *p;

	if (pid <= 0)
		return -EINVAL;
	for (p = s->procs; p; p = p->next)
		if (p->pid == pid)
			return refresh ? uproc_read(s, p) : 0;
	return uproc_get(s, pid) ? 0 : -ENOMEM;
}

/* pc in mapping m -> the address in the ELF file's own terms. */
static bool elf_addr(const struct ufile *f, const struct umap *m, uint64_t pc,
		     uint64_t *a)
{
	uint64_t foff = pc - m->start + m->off;

	for (size_t i = 0; i < f->nloads; i++)
		if (foff >= f->loads[i].off &&
		    foff < f->loads[i].off + f->loads[i].filesz) {
			*a = foff - f->loads[i].off + f->loads[i].vaddr;
			return true;
		}
	return false;
}

static void map_files_path(char *buf, size_t len, pid_t pid,
			   const struct umap *m)
{
	snprintf(buf, len, "/proc/%d/map_files/%llx-%llx", (int)pid,
		 (unsigned long long)m->start, (unsigned long long)m->end);
}

int dl_usym_lookup(struct dl_syms *s, pid_t pid, uint64_t pc,
		   struct dl_symres *r)
{
	struct uproc *p;
	const struct umap *m;
	const struct dl_sym *sym;
	char alt[96];
	uint64_t a;

	memset(r, 0, sizeof(*r));
	if (pid <= 0 || !(p = uproc_get(s, pid)))
		return -ENOENT;
	m = uproc_find(p, pc);
	if (!m && now_ns() - p->read_ns > MISS_REREAD_NS &&
	    uproc_read(s, p) == 0)
		m = uproc_find(p, pc);
	if (!m || !m->file)
		return -ENOENT;
	map_files_path(alt, sizeof(alt), pid, m);
	ufile_load(s, m->file, alt);
	r->obj = strrchr(m->file->path, '/') + 1;
	if (!m->file->ok || !elf_addr(m->file, m, pc, &a) ||
	    !(sym = ufile_find(m->file, a)))
		return 0;
	r->name = sym->name;
	r->addr = pc - (a - sym->addr);
	return 0;
}

int dl_usym_text(struct dl_syms *s, pid_t pid, uint64_t pc, bool offset,
		 char *buf, size_t len)
{
	struct dl_symres r;

	dl_usym_lookup(s, pid, pc, &r);
	return dl_sym_format(buf, len, &r, pc, offset);
}

/* ---- life cycle ----------------------------------------------------------- */

struct dl_syms *dl_syms_new(void)
{
	struct dl_syms *s = calloc(1, sizeof(struct dl_syms));

	if (s)
		s->uses_user = -1;
	return s;
}

void dl_syms_free(struct dl_syms *s)
{
	if (!s)
		return;
	free(s->ksyms.v);
	free(s->kpool);
	while (s->files) {
		struct ufile *f = s->files;

		s->files = f->next;
		ufile_free(f);
	}
	while (s->procs) {
		struct uproc *p = s->procs;

		s->procs = p->next;
		free(p->maps);
		free(p);
	}
	free(s);
}

/* ---- the loader's side ------------------------------------------------------ */

static struct dl_syms *obj_syms(struct dload_obj *o)
{
	if (!o->syms)
		o->syms = dl_syms_new();
	return o->syms;
}

int dl_cb_ksym(void *arg, uint64_t pc, bool offset, char *buf, size_t len)
{
	struct dl_syms *s = obj_syms(arg);

	if (!s)
		return -ENOMEM;
	return dl_ksym_text(s, pc, offset, buf, len);
}

int dl_cb_usym(void *arg, uint64_t pid, uint64_t pc, bool offset, char *buf,
	       size_t len)
{
	struct dl_syms *s = obj_syms(arg);

	if (!s)
		return -ENOMEM;
	return dl_usym_text(s, (pid_t)pid, pc, offset, buf, len);
}

size_t dl_cb_kstack_skip(void *arg, const uint64_t *pcs, size_t n)
{
	struct dl_syms *s = obj_syms(arg);

	return s ? dl_kstack_skip(s, pcs, n) : 0;
}

/* The lowest address of kernel module obj (symbols are sorted). */
static int kmod_start(struct dl_syms *s, const char *obj, uint64_t *pc)
{
	for (size_t i = 0; i < s->ksyms.n; i++)
		if (strcmp(s->ksyms.v[i].obj, obj) == 0) {
			*pc = s->ksyms.v[i].addr;
			return 0;
		}
	return -ENOENT;
}

/* The lowest mapping of the file that pc is in, in process pid. */
static int umod_start(struct dl_syms *s, pid_t pid, uint64_t *pc)
{
	struct uproc *p = pid > 0 ? uproc_get(s, pid) : NULL;
	const struct umap *m = p ? uproc_find(p, *pc) : NULL;

	if (!m || !m->file)
		return -ENOENT;
	for (size_t i = 0; i < p->nmaps; i++)
		if (p->maps[i].file == m->file && p->maps[i].start < *pc)
			*pc = p->maps[i].start;
	return 0;
}

int dl_sym_canon(struct dl_syms *s, uint32_t kind, uint64_t pid, uint64_t *pc)
{
	struct dl_symres r;

	switch (kind) {
	case DTM_K_SYM:
		if (dl_ksym_lookup(s, *pc, &r) || !r.name)
			return -ENOENT;
		*pc = r.addr;
		return 0;
	case DTM_K_MOD:
		if (dl_ksym_lookup(s, *pc, &r))
			return -ENOENT;
		return kmod_start(s, r.obj, pc);
	case DTM_K_USYM:
		if (dl_usym_lookup(s, (pid_t)pid, *pc, &r) || !r.name)
			return -ENOENT;
		*pc = r.addr;
		return 0;
	case DTM_K_UMOD:
		return umod_start(s, (pid_t)pid, pc);
	default:
		return -EINVAL;
	}
}

int dl_cb_sym_canon(void *arg, uint32_t kind, uint64_t pid, uint64_t *pc)
{
	struct dl_syms *s = obj_syms(arg);

	return s ? dl_sym_canon(s, kind, pid, pc) : -ENOMEM;
}

static bool user_kind(uint32_t kind)
{
	return kind == DTM_K_USTACK || kind == DTM_K_USYM ||
	       kind == DTM_K_UMOD || kind == DTM_K_UADDR;
}

/* Does aggregation a have a key holding a pid (ustack(), usym() & co)? */
static int agg_pid_key(const struct dload_obj *o, const struct dtm_agg *a)
{
	for (uint32_t k = 0; k < a->nkeys && a->key_first + k < o->meta.naggkeys;
	     k++) {
		const struct dtm_aggkey *ak = &o->meta.aggkeys[a->key_first + k];

		if (user_kind(ak->kind) && ak->size >= 8 &&
		    ak->offset + 8 <= a->key_size)
			return (int)ak->offset;
	}
	return -1;
}

/* Note the pids in the keys of aggregation a (its map walked by key). */
static void poll_agg(struct dload_obj *o, const struct dtm_agg *a, int off)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf,
						dl_str(&o->meta, a->map));
	uint8_t *key, *next;
	int fd = m ? bpf_map__fd(m) : -1, n = 0;
	uint64_t pid;

	if (fd < 0 || !(key = calloc(2, a->key_size)))
		return;
	next = key + a->key_size;
	for (void *prev = NULL; n < 4096 && !bpf_map_get_next_key(fd, prev, next);
	     prev = key, n++) {
		memcpy(&pid, next + off, 8);
		if (pid && pid < (1u << 22))
			dl_syms_note_pid(o->syms, (pid_t)pid, false);
		memcpy(key, next, a->key_size);
	}
	free(key);
}

/* Does the object record user addresses (then their pids matter)? */
static bool uses_user(const struct dload_obj *o)
{
	for (uint32_t i = 0; i < o->meta.nrecs; i++)
		if (user_kind(o->meta.recs[i].kind))
			return true;
	for (uint32_t i = 0; i < o->meta.naggkeys; i++)
		if (user_kind(o->meta.aggkeys[i].kind))
			return true;
	return false;
}

/* Is the -c target still our fork, before its exec? */
static bool target_is_us(const struct dload_obj *o)
{
	char path[64], a[512], b[512];
	ssize_t na, nb;

	if (!o->target_child)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)o->target_pid);
	na = readlink(path, a, sizeof(a));
	nb = readlink("/proc/self/exe", b, sizeof(b));
	return na > 0 && na == nb && memcmp(a, b, (size_t)na) == 0;
}

/*
 * Called from the run loop: read the maps of the processes we may have to
 * resolve later, while they still exist -- the -c/-p target (re-read, it
 * may have exec'd) and the pids in aggregation keys.  Returns the poll
 * timeout to use: shorter while a target runs, so that a short-lived one
 * is seen.
 */
int dl_syms_poll(struct dload_obj *o, int timeout_ms)
{
	struct dl_syms *s = obj_syms(o);

	if (!o->bpf || !s)
		return timeout_ms;
	if (s->uses_user < 0)
		s->uses_user = uses_user(o);
	if (!s->uses_user)
		return timeout_ms;
	for (uint32_t i = 0; i < o->meta.naggs; i++) {
		int off = agg_pid_key(o, &o->meta.aggs[i]);

		if (off >= 0)
			poll_agg(o, &o->meta.aggs[i], off);
	}
	if (o->target_pid <= 0 || o->target_done)
		return timeout_ms;
	if (!target_is_us(o))
		dl_syms_note_pid(s, o->target_pid, true);
	return timeout_ms > 10 ? 10 : timeout_ms;
}

/*
 * The -c target of an object that resolves user addresses is traced
 * (PTRACE_SEIZE with exit events) so that its mappings are read at its
 * exit: a short-lived command is usually gone before its records are
 * printed, and always before aggregations are.  DTrace also controls its
 * -c process.  Called before the target is let go (it waits in read()).
 */
void dl_syms_target_seize(struct dload_obj *o)
{
	struct dl_syms *s = o->target_child ? obj_syms(o) : NULL;

	if (!s || o->target_pid <= 0)
		return;
	if (s->uses_user < 0)
		s->uses_user = uses_user(o);
	if (s->uses_user &&
	    ptrace(PTRACE_SEIZE, o->target_pid, NULL,
		   (void *)(long)(PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL)) == 0)
		s->seized = true;
}

/* waitpid() reported the seized target stopped (status st): at its exit,
 * read its maps; in any case let it go on, with its signal if any. */
void dl_syms_target_stop(struct dload_obj *o, int st)
{
	pid_t pid = o->target_pid;
	int event = (st >> 16) & 0xff;

	if (event == PTRACE_EVENT_EXIT) {
		if (o->syms)
			dl_syms_note_pid(o->syms, pid, true);
		ptrace(PTRACE_CONT, pid, NULL, NULL);
	} else if (event == PTRACE_EVENT_STOP) {
		ptrace(PTRACE_LISTEN, pid, NULL, NULL);	/* group-stop */
	} else {
		ptrace(PTRACE_CONT, pid, NULL,
		       (void *)(long)(event ? 0 : WSTOPSIG(st)));
	}
}
