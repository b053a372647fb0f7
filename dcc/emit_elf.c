/* SPDX-License-Identifier: MIT */
/*
 * emit_elf.c -- write the relocatable BPF ELF object (ELF64, EM_BPF,
 * ET_REL, little-endian) by hand, in the layout libbpf expects:
 *
 *   one code section per program section name (programs that share a name
 *   are concatenated), .text for subprograms, .rodata, DTM_MAP_GLOBALS
 *   (zero-filled global data: libbpf's internal map), .maps (zero-filled
 *   BTF-defined map slots), license, DTM_SECTION (dload's metadata), .BTF,
 *   .BTF.ext (btf_out.c), .rel<sec> for map / .rodata / global-data
 *   references (R_BPF_64_64, against the data section's symbol)
 *   and BPF-to-BPF calls (R_BPF_64_32), .symtab, .strtab, .shstrtab.
 *
 * Symbols: section symbols, subprograms (local STT_FUNC in .text), then the
 * globals: programs (STT_FUNC, sized), maps (STT_OBJECT in .maps) and
 * DTM_VAR_GLOBALS (STT_OBJECT covering DTM_MAP_GLOBALS, which libbpf matches
 * with the BTF VAR of that name).
 * The image goes to cc->obj / cc->obj_len (malloc'ed).
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include <linux/bpf.h>

#include "dcc.h"
#include "ir.h"
#include "backend.h"
#include "dload/meta.h"

#define R_BPF_64_64_	1
#define R_BPF_64_32_	10
#define MAX_SECS	256

struct sec {
	const char *name;
	Elf64_Shdr sh;
	void *data;		/* malloc'ed or borrowed (see own) */
	size_t size;
	int own;
	int rel_for;		/* code sections: index of its .rel section */
	int sym;		/* index of its section symbol, 0 if none */
};

struct strtab {
	char *p;
	size_t len, cap;
};

struct elfw {
	struct dcc *cc;
	struct ir_prog *p;
	struct sec sec[MAX_SECS];
	int nsec;
	struct strtab shstr, str;
	Elf64_Sym *syms;
	int nsyms, cap_syms, first_global;
	int text, rodata, maps, symtab, gdata;
	struct btf_images btf;
	int *symidx;		/* hash of named symbols by (name, section): */
	unsigned nsymidx;	/* index into syms, 0 = empty; nsymidx slots */
	int symidx_n;		/* ... for syms[1 .. symidx_n - 1] */
};

static uint32_t str_add(struct strtab *t, const char *s)
{
	size_t n = strlen(s) + 1;
	uint32_t off;

	if (!t->len) {
		t->cap = 256;
		t->p = calloc(1, t->cap);
		t->len = 1;
	}
	if (t->len + n > t->cap) {
		t->cap = (t->len + n) * 2;
		t->p = realloc(t->p, t->cap);
	}
	off = (uint32_t)t->len;
	memcpy(t->p + off, s, n);
	t->len += n;
	return off;
}

static int add_sec(struct elfw *w, const char *name, uint32_t type, uint64_t flags,
		   void *data, size_t size, uint64_t align)
{
	struct sec *s;

	if (w->nsec >= MAX_SECS)
		dcc_error(w->cc, (struct loc){ 0 }, "D_UNKNOWN", "too many ELF sections");
	s = &w->sec[w->nsec];
	s->name = name;
	s->sh.sh_type = type;
	s->sh.sh_flags = flags;
	s->sh.sh_addralign = align;
	s->data = data;
	s->size = size;
	return w->nsec++;
}

static int find_sec(struct elfw *w, const char *name)
{
	int i;

	for (i = 1; i < w->nsec; i++)
		if (!strcmp(w->sec[i].name, name))
			return i;
	return 0;
}

static int add_sym(struct elfw *w, const char *name, int bind, int type, int shndx,
		   uint64_t value, uint64_t size)
{
	Elf64_Sym *s;

	if (w->nsyms == w->cap_syms) {
		w->cap_syms = w->cap_syms * 2 + 16;
		w->syms = realloc(w->syms, w->cap_syms * sizeof(*s));
	}
	s = &w->syms[w->nsyms];
	memset(s, 0, sizeof(*s));
	s->st_name = name ? str_add(&w->str, name) : 0;
	s->st_info = ELF64_ST_INFO(bind, type);
	s->st_shndx = (uint16_t)shndx;
	s->st_value = value;
	s->st_size = size;
	return w->nsyms++;
}

/* ---- code sections ------------------------------------------------------------------ */

static const char *sec_name_of(const struct ir_func *f)
{
	return f->kind == IR_FN_SUBPROG ? ".text" : f->section;
}

static void code_sections(struct elfw *w)
{
	struct ir_func *f;

	for (f = w->p->funcs; f; f = f->next)
		if (f->kind == IR_FN_SUBPROG)
			f->section = ".text";
	for (f = w->p->funcs; f; f = f->next) {
		int i = find_sec(w, sec_name_of(f));
		struct sec *s;

		if (!i)
			i = add_sec(w, sec_name_of(f), SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
				    NULL, 0, 8);
		s = &w->sec[i];
		s->data = realloc(s->data, s->size + f->ninsns * sizeof(struct bpf_insn));
		memcpy((char *)s->data + s->size, f->insns, f->ninsns * sizeof(struct bpf_insn));
		s->size += f->ninsns * sizeof(struct bpf_insn);
		s->own = 1;
		if (f->kind == IR_FN_SUBPROG)
			w->text = i;
	}
}

static void data_sections(struct elfw *w)
{
	const struct ir_map *m;
	size_t msz = 0;
	static char license[] = "GPL";

	if (w->p->rodata_len)
		w->rodata = add_sec(w, ".rodata", SHT_PROGBITS, SHF_ALLOC, w->p->rodata,
				    w->p->rodata_len, 8);
	if (w->p->globals_len) {
		w->gdata = add_sec(w, DTM_MAP_GLOBALS, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
				   calloc(1, w->p->globals_len), w->p->globals_len, 8);
		w->sec[w->gdata].own = 1;
	}
	for (m = w->p->maps; m; m = m->next)
		msz += btf_map_nmembers(m) * 8;
	if (msz) {
		w->maps = add_sec(w, ".maps", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE,
				  calloc(1, msz), msz, 8);
		w->sec[w->maps].own = 1;
	}
	add_sec(w, "license", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, license,
		sizeof(license), 1);
	if (w->p->meta && w->p->meta_len)
		add_sec(w, DTM_SECTION, SHT_PROGBITS, 0, w->p->meta, w->p->meta_len, 8);
	add_sec(w, ".BTF", SHT_PROGBITS, 0, w->btf.btf, w->btf.btf_len, 4);
	if (w->btf.ext_len)
		add_sec(w, ".BTF.ext", SHT_PROGBITS, 0, w->btf.ext, w->btf.ext_len, 4);
}

/* ---- symbols ---------------------------------------------------------------------------- */

static void symbols(struct elfw *w)
{
	const struct ir_func *f;
	const struct ir_map *m;
	uint64_t off = 0;
	int i;

	add_sym(w, NULL, STB_LOCAL, STT_NOTYPE, SHN_UNDEF, 0, 0);
	for (i = 1; i < w->nsec; i++)
		if (w->sec[i].sh.sh_flags & SHF_ALLOC)
			w->sec[i].sym = add_sym(w, NULL, STB_LOCAL, STT_SECTION, i, 0, 0);
	for (f = w->p->funcs; f; f = f->next)
		if (f->kind == IR_FN_SUBPROG)
			add_sym(w, f->name, STB_LOCAL, STT_FUNC, w->text,
				btf_func_sec_off(w->p, f) * 8, f->ninsns * 8);
	w->first_global = w->nsyms;
	for (f = w->p->funcs; f; f = f->next)
		if (f->kind == IR_FN_PROG)
			add_sym(w, f->name, STB_GLOBAL, STT_FUNC, find_sec(w, f->section),
				btf_func_sec_off(w->p, f) * 8, f->ninsns * 8);
	for (m = w->p->maps; m; m = m->next) {
		add_sym(w, m->name, STB_GLOBAL, STT_OBJECT, w->maps, off,
			btf_map_nmembers(m) * 8);
		off += btf_map_nmembers(m) * 8;
	}
	if (w->gdata)
		add_sym(w, DTM_VAR_GLOBALS, STB_GLOBAL, STT_OBJECT, w->gdata, 0,
			w->p->globals_len);
}

static unsigned sym_hash(const char *name, int shndx)
{
	unsigned h = 2166136261u ^ (unsigned)shndx;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return h;
}

/* The slot of (name, shndx) in w->symidx: its symbol's or an empty one. */
static unsigned sym_slot(struct elfw *w, const char *name, int shndx)
{
	unsigned k = sym_hash(name, shndx) & (w->nsymidx - 1);
	const Elf64_Sym *s;

	for (;; k = (k + 1) & (w->nsymidx - 1)) {
		if (!w->symidx[k])
			return k;
		s = &w->syms[w->symidx[k]];
		if (s->st_shndx == shndx && !strcmp(w->str.p + s->st_name, name))
			return k;
	}
}

/* (Re)build the symbol index: the first symbol of each (name, section). */
static void index_syms(struct elfw *w)
{
	int i;

	for (w->nsymidx = 64; w->nsymidx < 2 * (unsigned)w->nsyms; )
		w->nsymidx *= 2;
	w->symidx = dcc_alloc(w->cc, w->nsymidx * sizeof(*w->symidx));
	for (i = 1; i < w->nsyms; i++) {
		const Elf64_Sym *s = &w->syms[i];
		unsigned k;

		if (!s->st_name)
			continue;
		k = sym_slot(w, w->str.p + s->st_name, s->st_shndx);
		if (!w->symidx[k])
			w->symidx[k] = i;
	}
	w->symidx_n = w->nsyms;
}

static int sym_by_name(struct elfw *w, const char *name, int shndx)
{
	int i;

	if (w->symidx_n != w->nsyms)
		index_syms(w);
	i = w->symidx[sym_slot(w, name, (uint16_t)shndx)];
	if (i)
		return i;
	dcc_error(w->cc, (struct loc){ 0 }, "D_UNKNOWN",
		  "internal error: reference to undefined symbol %s", name);
}

/* ---- relocations --------------------------------------------------------------------------- */

static int reloc_sym(struct elfw *w, const struct ir_reloc *r, int *type)
{
	*type = R_BPF_64_64_;
	switch (r->kind) {
	case IR_RELOC_MAP:
		return sym_by_name(w, r->sym, w->maps);
	case IR_RELOC_DATA:
		if (!find_sec(w, r->sym) || !w->sec[find_sec(w, r->sym)].sym)
			dcc_error(w->cc, (struct loc){ 0 }, "D_UNKNOWN",
				  "internal error: reference to missing section %s",
				  r->sym);
		return w->sec[find_sec(w, r->sym)].sym;
	case IR_RELOC_SUB:
		*type = R_BPF_64_32_;
		return sym_by_name(w, r->sym, w->text);
	default:
		return -1;
	}
}

static void func_relocs(struct elfw *w, const struct ir_func *f, Elf64_Rel **rel,
			size_t *n)
{
	int base = btf_func_sec_off(w->p, f), i, type, sym;

	for (i = 0; i < f->nrelocs; i++) {
		sym = reloc_sym(w, &f->relocs[i], &type);
		if (sym < 0)
			continue;
		*rel = realloc(*rel, (*n + 1) * sizeof(Elf64_Rel));
		(*rel)[*n].r_offset = (uint64_t)(base + f->relocs[i].insn) * 8;
		(*rel)[*n].r_info = ELF64_R_INFO(sym, type);
		(*n)++;
	}
}

static void rel_sections(struct elfw *w)
{
	int ncode = w->nsec, i;

	for (i = 1; i < ncode; i++) {
		const struct ir_func *f;
		Elf64_Rel *rel = NULL;
		size_t n = 0;
		char *name;
		int r;

		if (!(w->sec[i].sh.sh_flags & SHF_EXECINSTR))
			continue;
		for (f = w->p->funcs; f; f = f->next)
			if (!strcmp(sec_name_of(f), w->sec[i].name))
				func_relocs(w, f, &rel, &n);
		if (!n)
			continue;
		name = dcc_alloc(w->cc, strlen(w->sec[i].name) + 5);
		strcpy(name, ".rel");
		strcat(name, w->sec[i].name);
		r = add_sec(w, name, SHT_REL, 0, rel, n * sizeof(Elf64_Rel), 8);
		w->sec[r].own = 1;
		w->sec[r].sh.sh_info = i;
		w->sec[r].sh.sh_entsize = sizeof(Elf64_Rel);
		w->sec[r].rel_for = i;
	}
}

static void link_tables(struct elfw *w)
{
	int i, strtab;

	w->symtab = add_sec(w, ".symtab", SHT_SYMTAB, 0, w->syms,
			    w->nsyms * sizeof(Elf64_Sym), 8);
	w->sec[w->symtab].sh.sh_entsize = sizeof(Elf64_Sym);
	w->sec[w->symtab].sh.sh_info = w->first_global;
	strtab = add_sec(w, ".strtab", SHT_STRTAB, 0, NULL, 0, 1);
	w->sec[w->symtab].sh.sh_link = strtab;
	for (i = 1; i < w->nsec; i++)
		if (w->sec[i].sh.sh_type == SHT_REL)
			w->sec[i].sh.sh_link = w->symtab;
	w->sec[strtab].data = w->str.p;
	w->sec[strtab].size = w->str.len;
	add_sec(w, ".shstrtab", SHT_STRTAB, 0, NULL, 0, 1);
}

/* ---- image -------------------------------------------------------------------------------------- */

/* section names into .shstrtab, then file offsets; returns the end */
static size_t layout_sections(struct elfw *w, int shstr)
{
	size_t off = sizeof(Elf64_Ehdr);
	int i;

	for (i = 1; i < w->nsec; i++)
		w->sec[i].sh.sh_name = str_add(&w->shstr, w->sec[i].name);
	w->sec[shstr].data = w->shstr.p;
	w->sec[shstr].size = w->shstr.len;
	for (i = 1; i < w->nsec; i++) {
		uint64_t a = w->sec[i].sh.sh_addralign ? w->sec[i].sh.sh_addralign : 1;

		off = (off + a - 1) / a * a;
		w->sec[i].sh.sh_offset = off;
		w->sec[i].sh.sh_size = w->sec[i].size;
		off += w->sec[i].size;
	}
	return off;
}

/* ELF64 little-endian relocatable, EM_BPF */
static void fill_ehdr(Elf64_Ehdr *eh, size_t shoff, int nsec, int shstr)
{
	memset(eh, 0, sizeof(*eh));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh->e_type = ET_REL;
	eh->e_machine = EM_BPF;
	eh->e_version = EV_CURRENT;
	eh->e_shoff = shoff;
	eh->e_ehsize = sizeof(*eh);
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = (uint16_t)nsec;
	eh->e_shstrndx = (uint16_t)shstr;
}

static void write_image(struct elfw *w)
{
	Elf64_Ehdr eh;
	size_t shoff;
	uint8_t *img;
	int i, shstr = w->nsec - 1;

	shoff = (layout_sections(w, shstr) + 7) / 8 * 8;
	img = calloc(1, shoff + w->nsec * sizeof(Elf64_Shdr));
	fill_ehdr(&eh, shoff, w->nsec, shstr);
	memcpy(img, &eh, sizeof(eh));
	for (i = 1; i < w->nsec; i++) {
		if (w->sec[i].size)
			memcpy(img + w->sec[i].sh.sh_offset, w->sec[i].data, w->sec[i].size);
		memcpy(img + shoff + i * sizeof(Elf64_Shdr), &w->sec[i].sh, sizeof(Elf64_Shdr));
	}
	free(w->cc->obj);
	w->cc->obj = img;
	w->cc->obj_len = shoff + w->nsec * sizeof(Elf64_Shdr);
}

static void elfw_free(struct elfw *w)
{
	int i;

	for (i = 0; i < w->nsec; i++)
		if (w->sec[i].own)
			free(w->sec[i].data);
	free(w->shstr.p);
	free(w->str.p);
	free(w->syms);
	btf_out_free(&w->btf);
}

static void build(struct elfw *w)
{
	add_sec(w, "", SHT_NULL, 0, NULL, 0, 0);
	code_sections(w);
	btf_out_build(w->cc, w->p, &w->btf);
	data_sections(w);
	symbols(w);
	rel_sections(w);
	link_tables(w);
	write_image(w);
}

void emit_elf(struct dcc *cc, struct ir_prog *p)
{
	struct elfw *w = calloc(1, sizeof(*w));
	jmp_buf jb, *saved = cc->err_jmp;

	w->cc = cc;
	w->p = p;
	if (setjmp(jb)) {
		elfw_free(w);
		free(w);
		cc->err_jmp = saved;
		if (saved)
			longjmp(*saved, 1);
		abort();
	}
	cc->err_jmp = &jb;
	build(w);
	cc->err_jmp = saved;
	elfw_free(w);
	free(w);
}
