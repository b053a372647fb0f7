/* SPDX-License-Identifier: MIT */
/*
 * btf_out.c -- the object's .BTF and .BTF.ext sections.
 *
 * .BTF is built with libbpf's btf__add_*():
 *   FUNC + FUNC_PROTO `int (void *ctx)` for every program (global linkage)
 *   and subprogram (static);
 *   one VAR per map in DATASEC ".maps", typed as libbpf's BTF-defined map
 *   struct: `struct { int (*type)[T]; int (*max_entries)[N]; ... }`;
 *   DATASEC ".rodata" with one static VAR of type char[len];
 *   DATASEC DTM_MAP_GLOBALS with the global VAR DTM_VAR_GLOBALS, char[len]
 *   (global, so that libbpf makes the internal map mmapable);
 *   the kernel types CO-RE relocations refer to (core_out.c, reduced to the
 *   members that are accessed, at their original offsets).
 * .BTF.ext has no writer in libbpf, so it is laid out here: the header, then
 * func_info, line_info and core_relo blocks, each `rec_size` followed by
 * per-section {sec_name_off, num_info, records[]} with byte offsets of
 * instructions relative to the start of their ELF section.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <linux/bpf.h>
#include <linux/btf.h>

#include "dcc.h"
#include "ir.h"
#include "types.h"
#include "backend.h"
#include "dload/meta.h"

struct btf_ext_hdr {
	uint16_t magic;
	uint8_t version;
	uint8_t flags;
	uint32_t hdr_len;
	uint32_t func_info_off, func_info_len;
	uint32_t line_info_off, line_info_len;
	uint32_t core_relo_off, core_relo_len;
};

struct buf {
	uint8_t *p;
	size_t len, cap;
};

struct bo {
	struct dcc *cc;
	struct ir_prog *p;
	struct btf *btf;
	int int_id, char_id;
	int *func_id;		/* BTF FUNC id per function, in p->funcs order */
	struct core_out *core;
	struct type **pt_types;	/* print types added so far ... */
	int *pt_ids;		/* ... and their BTF ids */
	int npt, cap_pt;
	const char **lines;	/* start of each source line (1-based: [l - 1]) */
	int nlines;
};

static void buf_put(struct buf *b, const void *d, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 256;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->len, d, n);
	b->len += n;
}

static void buf_u32(struct buf *b, uint32_t v)
{
	buf_put(b, &v, 4);
}

static void check(struct bo *o, int r, const char *what)
{
	if (r < 0)
		dcc_error(o->cc, (struct loc){ 0 }, "D_UNKNOWN",
			  "internal error: cannot build BTF (%s): %s", what, strerror(-r));
}

static uint32_t str_off(struct bo *o, const char *s)
{
	int r = btf__add_str(o->btf, s ? s : "");

	check(o, r, "string");
	return (uint32_t)r;
}

/* ---- functions ------------------------------------------------------------------ */

static void add_funcs(struct bo *o)
{
	int vptr, proto, i = 0;
	struct ir_func *f;

	vptr = btf__add_ptr(o->btf, 0);
	proto = btf__add_func_proto(o->btf, o->int_id);
	check(o, proto, "func proto");
	check(o, btf__add_func_param(o->btf, "ctx", vptr), "func param");
	for (f = o->p->funcs; f; f = f->next) {
		int linkage = f->kind == IR_FN_PROG ? BTF_FUNC_GLOBAL : BTF_FUNC_STATIC;

		o->func_id[i] = btf__add_func(o->btf, f->name, linkage, proto);
		check(o, o->func_id[i], f->name);
		i++;
	}
}

/* ---- maps -------------------------------------------------------------------------- */

int btf_map_nmembers(const struct ir_map *m)
{
	int n = 2;

	if (m->type != BPF_MAP_TYPE_RINGBUF)
		n += 2;
	if (m->flags)
		n++;
	return n;
}

/* `int (*)[n]`, libbpf's encoding of an integer map attribute */
static int uint_attr(struct bo *o, uint32_t n)
{
	int arr = btf__add_array(o->btf, o->int_id, o->int_id, n);

	check(o, arr, "map attribute");
	return btf__add_ptr(o->btf, arr);
}

static int add_map_struct(struct bo *o, const struct ir_map *m)
{
	const char *names[5];
	int types[5], n = 0, i, st;

	names[n] = "type", types[n++] = uint_attr(o, m->type);
	names[n] = "max_entries", types[n++] = uint_attr(o, m->max_entries);
	if (m->type != BPF_MAP_TYPE_RINGBUF) {
		names[n] = "key_size", types[n++] = uint_attr(o, m->key_size);
		names[n] = "value_size", types[n++] = uint_attr(o, m->value_size);
	}
	if (m->flags)
		names[n] = "map_flags", types[n++] = uint_attr(o, m->flags);
	st = btf__add_struct(o->btf, NULL, n * 8);
	check(o, st, m->name);
	for (i = 0; i < n; i++)
		check(o, btf__add_field(o->btf, names[i], types[i], i * 64, 0), "map field");
	return st;
}

static void add_maps(struct bo *o)
{
	const struct ir_map *m;
	int nmaps = 0, i = 0, sec;
	uint32_t off = 0;
	int *var;

	for (m = o->p->maps; m; m = m->next)
		nmaps++;
	if (!nmaps)
		return;
	var = calloc(nmaps, sizeof(int));
	for (m = o->p->maps; m; m = m->next) {
		var[i] = btf__add_var(o->btf, m->name, BTF_VAR_GLOBAL_ALLOCATED,
				      add_map_struct(o, m));
		check(o, var[i++], m->name);
		off += btf_map_nmembers(m) * 8;
	}
	sec = btf__add_datasec(o->btf, ".maps", off);
	for (m = o->p->maps, i = 0, off = 0; m; m = m->next, i++) {
		uint32_t sz = btf_map_nmembers(m) * 8;

		if (sec >= 0)
			sec = btf__add_datasec_var_info(o->btf, var[i], off, sz);
		off += sz;
	}
	free(var);
	check(o, sec, ".maps");
}

static void add_rodata(struct bo *o)
{
	int arr, var, sec;

	if (!o->p->rodata_len)
		return;
	arr = btf__add_array(o->btf, o->int_id, o->char_id, o->p->rodata_len);
	var = btf__add_var(o->btf, "dt_strtab", BTF_VAR_STATIC, arr);
	check(o, var, ".rodata");
	sec = btf__add_datasec(o->btf, ".rodata", o->p->rodata_len);
	check(o, sec, ".rodata");
	check(o, btf__add_datasec_var_info(o->btf, var, 0, o->p->rodata_len), ".rodata");
}

static void add_globals(struct bo *o)
{
	uint32_t len = o->p->globals_len;
	int arr, var, sec;

	if (!len)
		return;
	arr = btf__add_array(o->btf, o->int_id, o->char_id, len);
	var = btf__add_var(o->btf, DTM_VAR_GLOBALS, BTF_VAR_GLOBAL_ALLOCATED, arr);
	check(o, var, DTM_MAP_GLOBALS);
	sec = btf__add_datasec(o->btf, DTM_MAP_GLOBALS, len);
	check(o, sec, DTM_MAP_GLOBALS);
	check(o, btf__add_datasec_var_info(o->btf, var, 0, len), DTM_MAP_GLOBALS);
}

/* ---- .BTF.ext ------------------------------------------------------------------------- */

/* the instruction offset of f in its ELF section */
int btf_func_sec_off(const struct ir_prog *p, const struct ir_func *f)
{
	const struct ir_func *g;
	int off = 0;

	for (g = p->funcs; g && g != f; g = g->next)
		if (!strcmp(g->section, f->section))
			off += g->ninsns;
	return off;
}

/* is f the first function of its section? */
static int first_in_sec(const struct ir_prog *p, const struct ir_func *f)
{
	const struct ir_func *g;

	for (g = p->funcs; g != f; g = g->next)
		if (!strcmp(g->section, f->section))
			return 0;
	return 1;
}

typedef int (*rec_fn)(struct bo *o, const struct ir_func *f, int foff, struct buf *out);

/* one info block: rec_size, then per section {name, count, records} */
static void ext_block(struct bo *o, struct buf *b, uint32_t rec_size, rec_fn fn)
{
	const struct ir_func *f, *g;

	buf_u32(b, rec_size);
	for (f = o->p->funcs; f; f = f->next) {
		struct buf recs = { 0 };
		int n = 0;

		if (!first_in_sec(o->p, f))
			continue;
		for (g = f; g; g = g->next)
			if (!strcmp(g->section, f->section))
				n += fn(o, g, btf_func_sec_off(o->p, g), &recs);
		if (n) {
			buf_u32(b, str_off(o, f->section));
			buf_u32(b, n);
			buf_put(b, recs.p, recs.len);
		}
		free(recs.p);
	}
}

static int func_recs(struct bo *o, const struct ir_func *f, int foff, struct buf *out)
{
	const struct ir_func *g;
	struct bpf_func_info fi;
	int i = 0;

	for (g = o->p->funcs; g != f; g = g->next)
		i++;
	fi.insn_off = foff * 8;
	fi.type_id = o->func_id[i];
	buf_put(out, &fi, sizeof(fi));
	return 1;
}

/* the text of source line `line`, trimmed */
/* Index where each line of the source starts (once per object). */
static void index_lines(struct bo *o)
{
	const char *s = o->p->source, *p;
	int n = 1;

	for (p = s; *p; p++)
		n += *p == '\n';
	o->lines = dcc_alloc(o->cc, (size_t)n * sizeof(*o->lines));
	o->lines[0] = s;
	for (p = s, n = 1; *p; p++)
		if (*p == '\n')
			o->lines[n++] = p + 1;
	o->nlines = n;
}

static const char *line_text(struct bo *o, int line, char *tmp, size_t len)
{
	const char *s = o->p->source, *e;
	size_t n;

	if (!s || line <= 0)
		return "";
	if (!o->lines)
		index_lines(o);
	if (line > o->nlines)
		return "";
	s = o->lines[line - 1];
	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s; *e && *e != '\n'; e++)
		;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	n = (size_t)(e - s) < len - 1 ? (size_t)(e - s) : len - 1;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	return tmp;
}

static int line_recs(struct bo *o, const struct ir_func *f, int foff, struct buf *out)
{
	const char *file = o->p->filename ? o->p->filename : "<stdin>";
	int i, n = 0, last = -1;
	char tmp[512];

	for (i = 0; i < f->ninsns; i++) {
		struct bpf_line_info li;
		int line = f->insn_line[i];

		if (i > 0 && (line == last || line <= 0 || !f->insns[i].code))
			continue;
		if (i > 0 && i < f->ninsns && f->insns[i - 1].code == (BPF_LD | BPF_DW | BPF_IMM) &&
		    !f->insns[i].code)
			continue;
		if (line <= 0)
			line = f->line;
		li.insn_off = (foff + i) * 8;
		li.file_name_off = str_off(o, file);
		li.line_off = str_off(o, line_text(o, line, tmp, sizeof(tmp)));
		li.line_col = (uint32_t)(line > 0 ? line : 0) << 10 | 1;
		buf_put(out, &li, sizeof(li));
		last = line;
		n++;
	}
	return n;
}

static int core_recs(struct bo *o, const struct ir_func *f, int foff, struct buf *out)
{
	int i, n = 0;

	for (i = 0; i < f->nrelocs; i++) {
		const struct ir_reloc *r = &f->relocs[i];
		struct bpf_core_relo cr;
		const char *access;

		if (r->kind != IR_RELOC_CORE)
			continue;
		cr.insn_off = (foff + r->insn) * 8;
		cr.type_id = core_out_type(o->cc, o->core, &r->core, &access);
		cr.access_str_off = str_off(o, access);
		cr.kind = r->core.kind;
		buf_put(out, &cr, sizeof(cr));
		n++;
	}
	return n;
}

static int has_core(const struct ir_prog *p)
{
	const struct ir_func *f;
	int i;

	for (f = p->funcs; f; f = f->next)
		for (i = 0; i < f->nrelocs; i++)
			if (f->relocs[i].kind == IR_RELOC_CORE)
				return 1;
	return 0;
}

static void build_ext(struct bo *o, struct btf_images *img)
{
	struct btf_ext_hdr h = { .magic = BTF_MAGIC, .version = BTF_VERSION };
	struct buf fi = { 0 }, li = { 0 }, cr = { 0 }, all = { 0 };
	int core = has_core(o->p);

	ext_block(o, &fi, sizeof(struct bpf_func_info), func_recs);
	ext_block(o, &li, sizeof(struct bpf_line_info), line_recs);
	if (core)
		ext_block(o, &cr, sizeof(struct bpf_core_relo), core_recs);
	h.hdr_len = core ? sizeof(h) : offsetof(struct btf_ext_hdr, core_relo_off);
	h.func_info_off = 0;
	h.func_info_len = fi.len;
	h.line_info_off = fi.len;
	h.line_info_len = li.len;
	h.core_relo_off = fi.len + li.len;
	h.core_relo_len = cr.len;
	buf_put(&all, &h, h.hdr_len);
	buf_put(&all, fi.p, fi.len);
	buf_put(&all, li.p, li.len);
	if (cr.len)
		buf_put(&all, cr.p, cr.len);
	free(fi.p), free(li.p), free(cr.p);
	img->ext = all.p;
	img->ext_len = all.len;
}

/* ---- driver ------------------------------------------------------------------------------ */

/* ---- print() types -------------------------------------------------------------
 * Script types print() records are added with their names and members,
 * so that dload can format the recorded bytes (DTM_ACT_PRINT).  Pointers
 * to structs and unions become pointers to a FWD of the same name (only
 * the name is printed), which also cuts self-referencing types. */
static int pt_type(struct bo *o, struct type *t);

static void pt_memo(struct bo *o, struct type *t, int id)
{
	if (o->npt == o->cap_pt) {
		int cap = o->cap_pt ? 2 * o->cap_pt : 16;
		struct type **tv = dcc_alloc(o->cc, cap * sizeof(*tv));
		int *iv = dcc_alloc(o->cc, cap * sizeof(*iv));

		if (o->npt) {
			memcpy(tv, o->pt_types, o->npt * sizeof(*tv));
			memcpy(iv, o->pt_ids, o->npt * sizeof(*iv));
		}
		o->pt_types = tv;
		o->pt_ids = iv;
		o->cap_pt = cap;
	}
	o->pt_types[o->npt] = t;
	o->pt_ids[o->npt++] = id;
}

static int pt_sou(struct bo *o, struct type *t)
{
	struct member *m;
	int n = 0, i = 0, id, *mid;

	for (m = t->members; m; m = m->next)
		n++;
	mid = dcc_alloc(o->cc, (n + 1) * sizeof(*mid));
	for (m = t->members; m; m = m->next)	/* members' types first */
		mid[i++] = pt_type(o, m->type);
	id = t->kind == TY_UNION ? btf__add_union(o->btf, t->name, t->size) :
		btf__add_struct(o->btf, t->name, t->size);
	check(o, id, "print type");
	for (i = 0, m = t->members; m; m = m->next, i++)
		check(o, btf__add_field(o->btf, m->name, mid[i],
					m->offset * 8 + m->bit_offset,
					m->bit_size), "print member");
	return id;
}

static int pt_enum(struct bo *o, struct type *t)
{
	int id = btf__add_enum(o->btf, t->name, t->size ? t->size : 4);
	struct enumerator *e;

	check(o, id, "print enum");
	for (e = t->enums; e; e = e->next)
		check(o, btf__add_enum_value(o->btf, e->name, e->value),
		      "print enumerator");
	return id;
}

static int pt_ptr(struct bo *o, struct type *t)
{
	struct type *b = t->base;
	int base = 0;

	if (b && (b->kind == TY_STRUCT || b->kind == TY_UNION))
		base = btf__add_fwd(o->btf, b->name ? b->name : "",
				    b->kind == TY_UNION ? BTF_FWD_UNION :
				    BTF_FWD_STRUCT);
	else if (b && b->kind != TY_VOID)
		base = pt_type(o, b);
	check(o, base, "print pointee");
	return btf__add_ptr(o->btf, base);
}

static int pt_new(struct bo *o, struct type *t)
{
	int enc = (t->is_signed ? BTF_INT_SIGNED : 0) |
		  (t->is_bool ? BTF_INT_BOOL : 0);
	uint32_t sz = t->size ? (uint32_t)t->size : 8;

	switch (t->kind) {
	case TY_VOID:
		return 0;
	case TY_STRUCT: case TY_UNION:
		return pt_sou(o, t);
	case TY_ENUM:
		return pt_enum(o, t);
	case TY_TYPEDEF:
		return btf__add_typedef(o->btf, t->name, pt_type(o, t->base));
	case TY_PTR:
		return pt_ptr(o, t);
	case TY_ARRAY:
		return btf__add_array(o->btf, o->int_id, pt_type(o, t->base),
				      t->nelem > 0 ? (uint32_t)t->nelem : 0);
	case TY_STRING:
		return btf__add_array(o->btf, o->int_id, o->char_id, sz);
	case TY_FLOAT:
		return btf__add_float(o->btf, t->name ? t->name : "double", sz);
	case TY_INT:
		return btf__add_int(o->btf, t->name ? t->name : "long", sz, enc);
	default:
		return btf__add_int(o->btf, "long", 8, BTF_INT_SIGNED);
	}
}

static int pt_type(struct bo *o, struct type *t)
{
	int id;

	if (!t)
		return 0;
	for (int i = 0; i < o->npt; i++)
		if (o->pt_types[i] == t)
			return o->pt_ids[i];
	id = pt_new(o, t);
	check(o, id, "print type");
	pt_memo(o, t, id);
	return id;
}

static void add_print_types(struct bo *o)
{
	for (int i = 0; i < o->p->nprint_types; i++)
		pt_type(o, o->p->print_types[i]);
}

static void build(struct bo *o, struct btf_images *img)
{
	const void *raw;
	uint32_t sz;

	o->int_id = btf__add_int(o->btf, "int", 4, BTF_INT_SIGNED);
	o->char_id = btf__add_int(o->btf, "char", 1, BTF_INT_SIGNED);
	add_funcs(o);
	add_maps(o);
	add_rodata(o);
	add_print_types(o);
	core_out_types(o->cc, o->core, o->btf, o->p);
	add_globals(o);
	if (o->p->funcs)	/* libbpf refuses a .BTF.ext without records */
		build_ext(o, img);
	raw = btf__raw_data(o->btf, &sz);
	if (!raw)
		check(o, -ENOMEM, "raw data");
	img->btf = malloc(sz);
	memcpy(img->btf, raw, sz);
	img->btf_len = sz;
}

void btf_out_build(struct dcc *cc, struct ir_prog *p, struct btf_images *img)
{
	struct bo o = { .cc = cc, .p = p };
	jmp_buf jb, *saved = cc->err_jmp;
	const struct ir_func *f;
	int n = 0;

	memset(img, 0, sizeof(*img));
	for (f = p->funcs; f; f = f->next)
		n++;
	o.func_id = dcc_alloc(cc, (n + 1) * sizeof(int));
	o.btf = btf__new_empty();
	if (!o.btf)
		dcc_error(cc, (struct loc){ 0 }, "D_UNKNOWN", "cannot create BTF");
	o.core = core_out_new(cc);
	if (setjmp(jb)) {	/* free libbpf's object, then unwind */
		btf__free(o.btf);
		btf_out_free(img);
		cc->err_jmp = saved;
		if (saved)
			longjmp(*saved, 1);
		abort();
	}
	cc->err_jmp = &jb;
	build(&o, img);
	cc->err_jmp = saved;
	btf__free(o.btf);
}

void btf_out_free(struct btf_images *img)
{
	free(img->btf);
	free(img->ext);
	img->btf = img->ext = NULL;
}
