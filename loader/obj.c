/* SPDX-License-Identifier: MIT */
/*
 * obj.c -- opening a dcc object: read it, validate the ELF container
 * before anything else looks at it (class, machine, type, every section
 * header and name in bounds, the symbol table), find DTM_SECTION and hand it
 * to meta.c, then check the global-data section DTM_MAP_GLOBALS and that
 * every program the metadata names exists as a FUNC symbol.  Also the error helpers and the object's life cycle ends
 * (close, errmsg).  Nothing here touches the kernel or libbpf.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define DL_MAX_OBJ	(256u << 20)	/* refuse objects above 256 MiB */

int dl_err(struct dload_obj *o, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->errmsg, sizeof(o->errmsg), fmt, ap);
	va_end(ap);
	for (char *p = o->errmsg; *p; p++)	/* one line, even with hostile names */
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = '?';
	return err < 0 ? err : -err;
}

/* A diagnostic printed on the run's error stream with its prefix. */
void dl_diag(struct dload_obj *o, const char *fmt, ...)
{
	FILE *f = o->ro.err ? o->ro.err : stderr;
	va_list ap;

	fputs(o->ro.errprefix ? o->ro.errprefix : "dload: ", f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fflush(f);
}

const char *dload_obj__errmsg(const struct dload_obj *obj)
{
	return obj ? obj->errmsg : "";
}

/* Read the section header ndx (bounds checked by the caller). */
static void shdr_at(const struct dload_obj *o, const Elf64_Ehdr *eh,
		    size_t ndx, Elf64_Shdr *sh)
{
	memcpy(sh, o->buf + eh->e_shoff + ndx * sizeof(*sh), sizeof(*sh));
}

/* The bytes of a section, or NULL if it does not fit in the file. */
static const uint8_t *sec_data(const struct dload_obj *o, const Elf64_Shdr *sh)
{
	if (sh->sh_type == SHT_NOBITS)
		return NULL;
	if (sh->sh_offset > o->len || sh->sh_size > o->len - sh->sh_offset)
		return NULL;
	return o->buf + sh->sh_offset;
}

/* A NUL-terminated string at off inside [data, data+size), or NULL. */
static const char *str_in(const uint8_t *data, uint64_t size, uint64_t off)
{
	if (!data || off >= size || !memchr(data + off, 0, size - off))
		return NULL;
	return (const char *)data + off;
}

static int check_ehdr(struct dload_obj *o, Elf64_Ehdr *eh)
{
	if (o->len < sizeof(*eh))
		return dl_err(o, -EINVAL, "%s: truncated file (%zu bytes)",
			      o->name, o->len);
	memcpy(eh, o->buf, sizeof(*eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return dl_err(o, -EINVAL, "%s: not an ELF file", o->name);
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return dl_err(o, -EINVAL, "%s: not a 64-bit little-endian ELF file",
			      o->name);
	if (eh->e_machine != EM_BPF)
		return dl_err(o, -EINVAL, "%s: not a BPF object (ELF machine %u)",
			      o->name, eh->e_machine);
	if (eh->e_type != ET_REL)
		return dl_err(o, -EINVAL, "%s: not a relocatable object (ELF type %u)",
			      o->name, eh->e_type);
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 ||
	    eh->e_shoff > o->len ||
	    (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > o->len - eh->e_shoff)
		return dl_err(o, -EINVAL, "%s: section headers out of bounds",
			      o->name);
	if (eh->e_shstrndx >= eh->e_shnum)
		return dl_err(o, -EINVAL, "%s: bad section name table index",
			      o->name);
	return 0;
}

/* Every section must lie inside the file and have a valid name. */
static int check_sections(struct dload_obj *o, const Elf64_Ehdr *eh,
			  const uint8_t **names, uint64_t *names_len)
{
	Elf64_Shdr sh;

	shdr_at(o, eh, eh->e_shstrndx, &sh);
	*names = sec_data(o, &sh);
	*names_len = sh.sh_size;
	if (sh.sh_type != SHT_STRTAB || !*names || !sh.sh_size ||
	    (*names)[sh.sh_size - 1])
		return dl_err(o, -EINVAL, "%s: bad section name table", o->name);
	for (size_t i = 1; i < eh->e_shnum; i++) {
		shdr_at(o, eh, i, &sh);
		if (sh.sh_type != SHT_NOBITS && !sec_data(o, &sh))
			return dl_err(o, -EINVAL, "%s: section %zu out of bounds",
				      o->name, i);
		if (!str_in(*names, *names_len, sh.sh_name))
			return dl_err(o, -EINVAL, "%s: section %zu: bad name",
				      o->name, i);
	}
	return 0;
}

static int add_func(struct dload_obj *o, const char *name)
{
	char **v = realloc(o->funcs, (o->nfuncs + 1) * sizeof(*v));

	if (!v)
		return dl_err(o, -ENOMEM, "out of memory");
	o->funcs = v;
	v[o->nfuncs] = strdup(name);
	if (!v[o->nfuncs])
		return dl_err(o, -ENOMEM, "out of memory");
	o->nfuncs++;
	return 0;
}

/* Collect the names of FUNC symbols, checking the symbol table. */
static int read_symtab(struct dload_obj *o, const Elf64_Ehdr *eh,
		       const Elf64_Shdr *sh)
{
	const uint8_t *syms = sec_data(o, sh), *strs;
	Elf64_Shdr ssh;
	Elf64_Sym sym;

	if (sh->sh_entsize != sizeof(Elf64_Sym) || sh->sh_size % sizeof(sym) ||
	    sh->sh_link == 0 || sh->sh_link >= eh->e_shnum)
		return dl_err(o, -EINVAL, "%s: bad symbol table", o->name);
	shdr_at(o, eh, sh->sh_link, &ssh);
	strs = sec_data(o, &ssh);
	if (ssh.sh_type != SHT_STRTAB || !strs)
		return dl_err(o, -EINVAL, "%s: bad symbol string table", o->name);
	for (uint64_t off = 0; off < sh->sh_size; off += sizeof(sym)) {
		const char *name;

		memcpy(&sym, syms + off, sizeof(sym));
		name = str_in(strs, ssh.sh_size, sym.st_name);
		if (!name)
			return dl_err(o, -EINVAL, "%s: symbol name out of bounds",
				      o->name);
		if (ELF64_ST_TYPE(sym.st_info) == STT_FUNC && *name &&
		    add_func(o, name))
			return -ENOMEM;
	}
	return 0;
}

/* Find DTM_SECTION (exactly one) and the symbol table. */
static int find_sections(struct dload_obj *o, const Elf64_Ehdr *eh,
			 const uint8_t *names, uint64_t names_len)
{
	bool have_symtab = false;
	Elf64_Shdr sh;
	int err;

	for (size_t i = 1; i < eh->e_shnum; i++) {
		shdr_at(o, eh, i, &sh);
		if (sh.sh_type == SHT_SYMTAB) {
			if (have_symtab)
				return dl_err(o, -EINVAL, "%s: several symbol tables",
					      o->name);
			have_symtab = true;
			if ((err = read_symtab(o, eh, &sh)))
				return err;
		}
		if (strcmp((const char *)names + sh.sh_name, DTM_SECTION))
			continue;
		if (o->sec || sh.sh_type == SHT_NOBITS)
			return dl_err(o, -EINVAL, "%s: bad %s section", o->name,
				      DTM_SECTION);
		o->sec = sec_data(o, &sh);
		o->sec_len = sh.sh_size;
	}
	if (!o->sec)
		return dl_err(o, -ENOENT, "%s: not a dcc object (no %s section)",
			      o->name, DTM_SECTION);
	if (!have_symtab)
		return dl_err(o, -EINVAL, "%s: no symbol table", o->name);
	(void)names_len;
	return 0;
}

/* The global-data section DTM_MAP_GLOBALS (meta.h, major 2): exactly one,
 * writable and allocated PROGBITS holding at least the header. */
static int check_globals(struct dload_obj *o, const Elf64_Ehdr *eh,
			 const uint8_t *names)
{
	int n = 0;
	Elf64_Shdr sh;

	for (size_t i = 1; i < eh->e_shnum; i++) {
		shdr_at(o, eh, i, &sh);
		if (strcmp((const char *)names + sh.sh_name, DTM_MAP_GLOBALS))
			continue;
		if (n++ || sh.sh_type != SHT_PROGBITS ||
		    (sh.sh_flags & (SHF_ALLOC | SHF_WRITE | SHF_EXECINSTR)) !=
		    (SHF_ALLOC | SHF_WRITE) ||
		    sh.sh_size < sizeof(struct dtm_globals_hdr))
			return dl_err(o, -EINVAL, "%s: bad %s section", o->name,
				      DTM_MAP_GLOBALS);
	}
	if (!n)
		return dl_err(o, -ENOENT, "%s: no %s section", o->name,
			      DTM_MAP_GLOBALS);
	return 0;
}

/* Every program named by the metadata must be a function of the object. */
static int check_progs(struct dload_obj *o)
{
	for (uint32_t i = 0; i < o->meta.nprobes; i++) {
		const char *prog = dl_str(&o->meta, o->meta.probes[i].prog);
		uint32_t k;

		for (k = 0; k < o->nfuncs; k++)
			if (!strcmp(o->funcs[k], prog))
				break;
		if (k == o->nfuncs)
			return dl_err(o, -EINVAL,
				      "%s: probe %u: program '%s' not in the object",
				      o->name, i, prog);
	}
	return 0;
}

static int validate(struct dload_obj *o)
{
	const uint8_t *names;
	uint64_t names_len;
	Elf64_Ehdr eh;
	int err;

	if ((err = check_ehdr(o, &eh)) ||
	    (err = check_sections(o, &eh, &names, &names_len)) ||
	    (err = find_sections(o, &eh, names, names_len)) ||
	    (err = dl_meta_parse(o, o->sec, o->sec_len)) ||
	    (err = check_globals(o, &eh, names)))
		return err;
	return check_progs(o);
}

static struct dload_obj *obj_new(const char *name)
{
	struct dload_obj *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->name = strdup(name ? name : "<memory>");
	if (!o->name) {
		free(o);
		return NULL;
	}
	o->ro.sz = sizeof(o->ro);
	o->target_go_fd = -1;
	return o;
}

static bool opts_ok(const struct dload_open_opts *opts)
{
	return !opts || (opts->sz >= sizeof(size_t) &&
			 opts->sz <= sizeof(*opts) + 64);
}

int dload_obj__open_mem(const void *buf, size_t len,
			const struct dload_open_opts *opts,
			struct dload_obj **objp)
{
	struct dload_obj *o;
	int err;

	if (!objp || (!buf && len) || !opts_ok(opts))
		return -EINVAL;
	*objp = NULL;
	o = obj_new(opts && opts->name ? opts->name : NULL);
	if (!o)
		return -ENOMEM;
	if (len > DL_MAX_OBJ)
		err = dl_err(o, -EFBIG, "%s: object too large", o->name);
	else if (!(o->buf = malloc(len ? len : 1)))
		err = dl_err(o, -ENOMEM, "out of memory");
	else {
		memcpy(o->buf, buf, len);
		o->len = len;
		err = validate(o);
	}
	*objp = o;	/* also on failure, so that errmsg can be read */
	return err;
}

/* Read a whole file (regular or not, e.g. a pipe) into *bufp. */
static int read_file(const char *path, uint8_t **bufp, size_t *lenp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;
	size_t cap = 1 << 16, len = 0;
	uint8_t *buf = NULL;
	ssize_t n = 1;

	if (fd < 0)
		return -errno;
	while (!err && n > 0) {
		if (len == cap || !buf) {
			uint8_t *nb = len + 1 > DL_MAX_OBJ ? NULL :
				      realloc(buf, buf ? (cap *= 2) : cap);

			if (!nb) {
				err = len + 1 > DL_MAX_OBJ ? -EFBIG : -ENOMEM;
				break;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno != EINTR)
			err = -errno;
		else if (n > 0)
			len += n;
		else if (n < 0)
			n = 1;
	}
	close(fd);
	*bufp = buf;
	*lenp = len;
	return err;
}

int dload_obj__open(const char *path, const struct dload_open_opts *opts,
		    struct dload_obj **objp)
{
	struct dload_open_opts o2 = { .sz = sizeof(o2) };
	uint8_t *buf = NULL;
	size_t len = 0;
	int err;

	if (!path || !objp || !opts_ok(opts))
		return -EINVAL;
	*objp = NULL;
	o2.name = opts && opts->name ? opts->name : path;
	err = read_file(path, &buf, &len);
	if (err) {
		struct dload_obj *o = obj_new(o2.name);

		free(buf);
		if (!o)
			return -ENOMEM;
		*objp = o;
		return dl_err(o, err, "failed to open %s: %s", path,
			      strerror(-err));
	}
	err = dload_obj__open_mem(buf, len, &o2, objp);
	free(buf);
	return err;
}

void dload_obj__close(struct dload_obj *obj)
{
	if (!obj)
		return;
	dl_detach_all(obj);
	dl_unload(obj);
	dl_meta_free(&obj->meta);
	dl_opts_free(obj);
	for (uint32_t i = 0; i < obj->nfuncs; i++)
		free(obj->funcs[i]);
	free(obj->funcs);
	free(obj->cprobes);
	free(obj->binds);
	free(obj->links);
	free(obj->rawtp);
	free(obj->usdt_sites);
	free(obj->normal);
	dl_syms_free(obj->syms);
	dlo_ctx_fini(&obj->out);
	free(obj->vlog);
	free(obj->buf);
	free(obj->name);
	free(obj);
}
