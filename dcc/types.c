/* SPDX-License-Identifier: MIT */
/*
 * types.c -- D's type system: the LP64 base types and DTrace's typedefs,
 * derived types (pointers, arrays), struct/union layout with bitfields,
 * the usual arithmetic conversions, type names printed as DTrace prints
 * them, and the parser of type text used by prototypes and built-ins
 * ("const char *", "vmlinux`struct task_struct *").
 *
 * User-declared types (typedefs, struct/union/enum tags) live in a name
 * map here; kernel types come from btf_in.c when no user type matches.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcc.h"
#include "sema.h"
#include "types.h"

/* ---- string maps ---------------------------------------------------------- */

struct strmap_ent {
	const char *key;
	void *val;
	struct strmap_ent *next;
};

static unsigned strhash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_ent *e;

	if (!m->nb)
		return NULL;
	for (e = m->b[strhash(key) & (m->nb - 1)]; e; e = e->next)
		if (!strcmp(e->key, key))
			return e->val;
	return NULL;
}

/* Double the buckets (the old array stays in the arena). */
static void strmap_grow(struct dcc *cc, struct strmap *m)
{
	unsigned nb = m->nb ? m->nb * 2 : 64, k, h;
	struct strmap_ent **b = dcc_alloc(cc, nb * sizeof(*b)), *e, *next;

	for (k = 0; k < m->nb; k++)
		for (e = m->b[k]; e; e = next) {
			next = e->next;
			h = strhash(e->key) & (nb - 1);
			e->next = b[h];
			b[h] = e;
		}
	m->b = b;
	m->nb = nb;
}

void strmap_put(struct dcc *cc, struct strmap *m, const char *key, void *val)
{
	struct strmap_ent *e;
	unsigned h;

	if (m->n >= m->nb)
		strmap_grow(cc, m);
	h = strhash(key) & (m->nb - 1);
	for (e = m->b[h]; e; e = e->next)
		if (!strcmp(e->key, key)) {
			e->val = val;
			return;
		}
	e = dcc_alloc(cc, sizeof(*e));
	e->key = dcc_intern(cc, key);
	e->val = val;
	e->next = m->b[h];
	m->b[h] = e;
	m->n++;
}

/* ---- the registry ------------------------------------------------------- */

struct tyreg {
	struct strmap names;	/* base types and typedefs */
	struct strmap tags;	/* "struct foo", "union u", "enum e" */
	struct type *t_void, *t_string, *t_dyn_agg, *t_dyn_assoc, *t_stack;
	struct type *t_symaddr, *t_usymaddr;
	struct type *ints[2][9];	/* [signed][size] */
};

static struct type *new_type(struct dcc *cc, enum type_kind k,
			     const char *name, uint64_t size, uint32_t align)
{
	struct type *t = dcc_alloc(cc, sizeof(*t));

	t->kind = k;
	t->name = name ? dcc_intern(cc, name) : NULL;
	t->size = size;
	t->align = align;
	return t;
}

static struct type *add_int(struct dcc *cc, struct tyreg *r, const char *name,
			    int size, bool sgn)
{
	struct type *t = new_type(cc, TY_INT, name, size, size);

	t->is_signed = sgn;
	strmap_put(cc, &r->names, name, t);
	return t;
}

static void add_typedef(struct dcc *cc, struct tyreg *r, const char *name,
			const char *target)
{
	struct type *base = strmap_get(&r->names, target);
	struct type *t = new_type(cc, TY_TYPEDEF, name, base->size, base->align);

	t->base = base;
	strmap_put(cc, &r->names, name, t);
}

static const struct { const char *name; int size; bool sgn; } base_ints[] = {
	{ "char", 1, true }, { "signed char", 1, true },
	{ "unsigned char", 1, false }, { "short", 2, true },
	{ "unsigned short", 2, false }, { "int", 4, true },
	{ "unsigned int", 4, false }, { "long", 8, true },
	{ "unsigned long", 8, false }, { "long long", 8, true },
	{ "unsigned long long", 8, false }, { "_Bool", 1, false },
};

/* DTrace's D typedefs (LP64), name -> target */
static const char *const d_typedefs[][2] = {
	{ "int8_t", "char" }, { "int16_t", "short" }, { "int32_t", "int" },
	{ "int64_t", "long long" }, { "intptr_t", "long" },
	{ "ssize_t", "long" }, { "uint8_t", "unsigned char" },
	{ "uint16_t", "unsigned short" }, { "uint32_t", "unsigned int" },
	{ "uint64_t", "unsigned long long" }, { "uchar_t", "unsigned char" },
	{ "ushort_t", "unsigned short" }, { "uint_t", "unsigned int" },
	{ "ulong_t", "unsigned long" }, { "u_longlong_t", "unsigned long long" },
	{ "ptrdiff_t", "long" }, { "uintptr_t", "unsigned long" },
	{ "size_t", "unsigned long" }, { "id_t", "int" }, { "pid_t", "int" },
	{ "uid_t", "unsigned int" }, { "gid_t", "unsigned int" },
	{ "processorid_t", "int" }, { "psetid_t", "int" },
	{ "zoneid_t", "int" }, { "epid_t", "unsigned int" },
	{ "dtrace_epid_t", "unsigned int" }, { "off_t", "long" },
	{ "offset_t", "long long" }, { "hrtime_t", "long long" },
	{ "time_t", "long" }, { "dev_t", "unsigned int" },
	{ "major_t", "unsigned int" }, { "minor_t", "unsigned int" },
	{ "ino_t", "unsigned long" }, { "mode_t", "unsigned int" },
	{ "ipaddr_t", "unsigned int" },
	{ "bool", "_Bool" }, { "taskid_t", "int" }, { "projid_t", "int" },
	{ "poolid_t", "int" }, { "ctid_t", "int" }, { "lgrp_id_t", "int" },
	{ "u_int", "unsigned int" }, { "u_long", "unsigned long" },
	{ "u_char", "unsigned char" }, { "u_short", "unsigned short" },
	{ "__u8", "unsigned char" }, { "__u16", "unsigned short" },
	{ "__u32", "unsigned int" }, { "__u64", "unsigned long long" },
	{ "__s8", "signed char" }, { "__s16", "short" }, { "__s32", "int" },
	{ "__s64", "long long" }, { "u8", "unsigned char" },
	{ "u16", "unsigned short" }, { "u32", "unsigned int" },
	{ "u64", "unsigned long long" }, { "s8", "signed char" },
	{ "s16", "short" }, { "s32", "int" }, { "s64", "long long" },
};

/* D's opaque structures named by built-in variables and prototypes
 * (cpuinfo_t, psinfo_t, lwpsinfo_t, in6_addr_t, bufinfo_t, devinfo_t,
 * fileinfo_t: see the D library, dcc/dlib). */
static const char *const d_opaque[] = {
	"mblk_t",
	"kmutex_t", "krwlock_t", "kthread_t", "conninfo_t",
};

static void init_pseudo(struct dcc *cc, struct tyreg *r)
{
	r->t_void = new_type(cc, TY_VOID, "void", 0, 1);
	strmap_put(cc, &r->names, "void", r->t_void);
	r->t_dyn_agg = new_type(cc, TY_DYN, "aggregation", 0, 8);
	r->t_dyn_assoc = new_type(cc, TY_DYN, "associative array", 0, 8);
	r->t_stack = new_type(cc, TY_STACK, "stack", 8, 8);
	r->t_symaddr = new_type(cc, TY_SYMADDR, "_symaddr", 8, 8);
	r->t_usymaddr = new_type(cc, TY_USYMADDR, "_usymaddr", 8, 8);
	strmap_put(cc, &r->names, "stack_t", r->t_stack);
	strmap_put(cc, &r->names, "_symaddr", r->t_symaddr);
	strmap_put(cc, &r->names, "_usymaddr", r->t_usymaddr);
	strmap_put(cc, &r->names, "float", new_type(cc, TY_FLOAT, "float", 4, 4));
	strmap_put(cc, &r->names, "double", new_type(cc, TY_FLOAT, "double", 8, 8));
	strmap_put(cc, &r->names, "long double",
		   new_type(cc, TY_FLOAT, "long double", 16, 16));
}

static void init_opaque(struct dcc *cc, struct tyreg *r)
{
	size_t i;

	for (i = 0; i < sizeof(d_opaque) / sizeof(d_opaque[0]); i++) {
		struct type *f = new_type(cc, TY_FWD, d_opaque[i], 0, 8);
		struct type *td = new_type(cc, TY_TYPEDEF, d_opaque[i], 0, 8);

		f->fwd_kind = TY_STRUCT;
		td->base = f;
		strmap_put(cc, &r->names, d_opaque[i], td);
	}
}

static struct tyreg *reg(struct dcc *cc)
{
	struct tyreg *r = cc->pass_priv[DCC_PASS_TYPES];
	size_t i;

	if (r)
		return r;
	r = dcc_alloc(cc, sizeof(*r));
	cc->pass_priv[DCC_PASS_TYPES] = r;
	for (i = 0; i < sizeof(base_ints) / sizeof(base_ints[0]); i++)
		add_int(cc, r, base_ints[i].name, base_ints[i].size,
			base_ints[i].sgn);
	((struct type *)strmap_get(&r->names, "_Bool"))->is_bool = true;
	r->ints[1][1] = strmap_get(&r->names, "char");
	r->ints[0][1] = strmap_get(&r->names, "unsigned char");
	r->ints[1][2] = strmap_get(&r->names, "short");
	r->ints[0][2] = strmap_get(&r->names, "unsigned short");
	r->ints[1][4] = strmap_get(&r->names, "int");
	r->ints[0][4] = strmap_get(&r->names, "unsigned int");
	r->ints[1][8] = strmap_get(&r->names, "long");
	r->ints[0][8] = strmap_get(&r->names, "unsigned long");
	init_pseudo(cc, r);
	for (i = 0; i < sizeof(d_typedefs) / sizeof(d_typedefs[0]); i++)
		add_typedef(cc, r, d_typedefs[i][0], d_typedefs[i][1]);
	init_opaque(cc, r);
	return r;
}

/* ---- constructors --------------------------------------------------------- */

struct type *type_base(struct dcc *cc, const char *name)
{
	return strmap_get(&reg(cc)->names, name);
}

struct type *type_int(struct dcc *cc, int size, bool is_signed)
{
	if (size != 1 && size != 2 && size != 4 && size != 8)
		size = 8;
	return reg(cc)->ints[is_signed][size];
}

struct type *type_ptr(struct dcc *cc, struct type *to)
{
	struct type *t;

	if (to->ptr_cache)
		return to->ptr_cache;
	t = new_type(cc, TY_PTR, NULL, 8, 8);
	t->base = to;
	t->user_addr = to->user_addr;
	to->ptr_cache = t;
	return t;
}

struct type *type_array(struct dcc *cc, struct type *elem, int64_t n)
{
	struct type *t = new_type(cc, TY_ARRAY, NULL, 0, elem->align);

	t->base = elem;
	t->nelem = n;
	t->size = n > 0 ? (uint64_t)n * type_size(elem) : 0;
	return t;
}

struct type *type_string(struct dcc *cc)
{
	struct tyreg *r = reg(cc);
	const char *v;

	if (!r->t_string) {
		r->t_string = new_type(cc, TY_STRING, "string", 256, 1);
		strmap_put(cc, &r->names, "string", r->t_string);
	}
	v = dcc_option(cc, "strsize");
	if (v && *v) {
		uint64_t n = strtoull(v, NULL, 0);

		if (n > 0)
			r->t_string->size = n;
	}
	return r->t_string;
}

struct type *type_void(struct dcc *cc)
{
	return reg(cc)->t_void;
}

struct type *type_dyn(struct dcc *cc, bool agg)
{
	return agg ? reg(cc)->t_dyn_agg : reg(cc)->t_dyn_assoc;
}

struct type *type_stack(struct dcc *cc)
{
	return reg(cc)->t_stack;
}

struct type *type_qual(struct dcc *cc, struct type *t, uint32_t quals)
{
	struct type *q;

	if (!quals || (t->quals & quals) == quals)
		return t;
	q = dcc_alloc(cc, sizeof(*q));
	*q = *t;
	q->quals |= quals;
	q->ptr_cache = NULL;
	return q;
}

struct type *type_typedef(struct dcc *cc, const char *name, struct type *base)
{
	struct type *t = new_type(cc, TY_TYPEDEF, name, type_size(base),
				  base->align);

	t->base = base;
	strmap_put(cc, &reg(cc)->names, name, t);
	return t;
}

struct type *type_user_lookup(struct dcc *cc, const char *name)
{
	struct tyreg *r = reg(cc);
	struct type *t = strmap_get(&r->names, name);

	if (!t && !strcmp(name, "string"))
		return type_string(cc);
	return t ? t : strmap_get(&r->tags, name);
}

void type_set_tag(struct dcc *cc, const char *fullname, struct type *t)
{
	strmap_put(cc, &reg(cc)->tags, fullname, t);
}

struct type *type_lookup(struct dcc *cc, const char *name)
{
	struct type *t;

	if (strchr(name, '`'))
		return type_parse(cc, name);
	t = type_user_lookup(cc, name);

	return t ? t : btf_lookup_type(cc, name);
}

/* ---- predicates ------------------------------------------------------------ */

struct type *type_resolve(struct type *t)
{
	while (t && t->kind == TY_TYPEDEF)
		t = t->base;
	return t;
}

uint64_t type_size(struct type *t)
{
	struct type *r = type_resolve(t);

	return r ? r->size : 0;
}

bool type_is_integer(struct type *t)
{
	t = type_resolve(t);
	return t && (t->kind == TY_INT || t->kind == TY_ENUM);
}

bool type_is_arith(struct type *t)
{
	t = type_resolve(t);
	return t && (t->kind == TY_INT || t->kind == TY_ENUM ||
		     t->kind == TY_FLOAT);
}

bool type_is_pointer(struct type *t)
{
	t = type_resolve(t);
	return t && t->kind == TY_PTR;
}

bool type_is_scalar(struct type *t)
{
	return type_is_integer(t) || type_is_pointer(t);
}

bool type_is_string(struct type *t)
{
	t = type_resolve(t);
	return t && t->kind == TY_STRING;
}

bool type_is_void(struct type *t)
{
	t = type_resolve(t);
	return t && t->kind == TY_VOID;
}

static bool is_char(struct type *t)
{
	t = type_resolve(t);
	return t && t->kind == TY_INT && t->size == 1 && !t->is_bool;
}

bool type_is_strcompat(struct type *t)
{
	t = type_resolve(t);
	if (!t)
		return false;
	if (t->kind == TY_STRING)
		return true;
	return (t->kind == TY_PTR || t->kind == TY_ARRAY) && is_char(t->base);
}

/* Structural compatibility, ignoring qualifiers and typedef names. */
bool type_compatible(struct type *a, struct type *b)
{
	a = type_resolve(a);
	b = type_resolve(b);
	if (a == b)
		return true;
	if (!a || !b)
		return false;
	if (a->kind == TY_FWD || b->kind == TY_FWD)
		return a->name && b->name && !strcmp(a->name, b->name);
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case TY_INT:
		return a->size == b->size && a->is_signed == b->is_signed;
	case TY_FLOAT:
		return a->size == b->size;
	case TY_PTR:
		return type_compatible(a->base, b->base) ||
		       type_is_void(a->base) || type_is_void(b->base);
	case TY_ARRAY:
		return a->nelem == b->nelem && type_compatible(a->base, b->base);
	case TY_STRUCT: case TY_UNION: case TY_ENUM:
		return a->name && b->name && !strcmp(a->name, b->name) &&
		       a->size == b->size;
	default:
		return true;
	}
}

struct member *type_member(struct type *t, const char *name, uint64_t *offset)
{
	struct member *m;

	t = type_resolve(t);
	if (!t || (t->kind != TY_STRUCT && t->kind != TY_UNION))
		return NULL;
	for (m = t->members; m; m = m->next) {
		if (m->name && !strcmp(m->name, name)) {
			if (offset)
				*offset += m->offset;
			return m;
		}
		if (!m->name) {	/* anonymous struct/union: search inside */
			uint64_t off = 0;
			struct member *in = type_member(m->type, name, &off);

			if (in) {
				if (offset)
					*offset += m->offset + off;
				return in;
			}
		}
	}
	return NULL;
}

/* ---- the usual arithmetic conversions (DTrace's rank rule) --------------- */

static int int_rank(struct type *t)
{
	struct type *r = type_resolve(t);

	if (r->kind == TY_ENUM)
		return 32;
	return (int)r->size * 8 + !r->is_signed;
}

struct type *type_promote(struct dcc *cc, struct type *l, struct type *r)
{
	int lr, rr;

	if (type_resolve(l)->kind == TY_ENUM)
		l = type_base(cc, "int");
	if (type_resolve(r)->kind == TY_ENUM)
		r = type_base(cc, "int");
	lr = int_rank(l);
	rr = int_rank(r);
	if (lr == rr)
		return l;
	return lr > rr ? l : r;
}

/* ---- struct/union layout ----------------------------------------------------- */

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return a ? (v + a - 1) / a * a : v;
}

/*
 * A bit-field is laid out as DTrace's CTF does: its storage is the
 * smallest integer of 1, 2, 4 or 8 bytes that holds its width, aligned to
 * its size after the previous member's last bit; a struct holding
 * bit-fields ends right after its last member (no tail padding).
 */
static uint64_t bitfield_place(struct dcc *cc, struct member *m,
			       struct type *mt, uint64_t bits)
{
	uint32_t small = 1;

	while (small * 8 < m->bit_size)
		small *= 2;
	bits = align_up(bits, small * 8);
	m->offset = bits / 8;
	m->bit_offset = 0;
	m->type = type_int(cc, (int)small, mt->is_signed);
	return bits + m->bit_size;
}

static void union_member(struct member *m, struct type *mt, uint64_t *maxsz)
{
	uint64_t msz = m->bit_size ? (m->bit_size + 7) / 8 : mt->size;

	m->offset = 0;
	m->bit_offset = 0;
	if (msz > *maxsz)
		*maxsz = msz;
}

void type_layout(struct dcc *cc, struct type *t)
{
	struct member *m;
	uint64_t bits = 0, maxsz = 0, end = 0;
	uint32_t align = 1;
	bool bitfields = false;

	for (m = t->members; m; m = m->next) {
		struct type *mt = type_resolve(m->type);
		uint32_t ma = mt->align ? mt->align : 1;

		if (t->kind == TY_UNION) {
			align = ma > align ? ma : align;
			union_member(m, mt, &maxsz);
			continue;
		}
		if (m->bit_size) {
			bitfields = true;
			bits = bitfield_place(cc, m, mt, bits);
			mt = type_resolve(m->type);
			ma = mt->align;
		} else {
			bits = align_up(align_up(bits, 8) / 8, ma) * 8;
			m->offset = bits / 8;
			bits += mt->size * 8;
		}
		align = ma > align ? ma : align;
		if (m->offset + mt->size > end)
			end = m->offset + mt->size;
	}
	t->align = align;
	if (t->kind == TY_UNION)
		t->size = align_up(maxsz, align);
	else if (bitfields)
		t->size = end;
	else
		t->size = align_up(align_up(bits, 8) / 8, align);
}

/* ---- names -------------------------------------------------------------------- */

static void name_base(struct type *t, char *buf, size_t len)
{
	const char *q = (t->quals & TQ_CONST) ? "const " : "";
	const char *v = (t->quals & TQ_VOLATILE) ? "volatile " : "";
	const char *kw = "";

	switch (t->kind) {
	case TY_STRUCT: kw = "struct "; break;
	case TY_UNION: kw = "union "; break;
	case TY_ENUM: kw = "enum "; break;
	case TY_FWD:
		kw = t->fwd_kind == TY_UNION ? "union " :
		     t->fwd_kind == TY_ENUM ? "enum " :
		     t->fwd_kind == TY_TYPEDEF ? "" : "struct ";
		break;
	default: break;
	}
	snprintf(buf, len, "%s%s%s%s", q, v, kw, t->name ? t->name : "");
}

static void name_into(struct type *t, char *buf, size_t len)
{
	char inner[512];
	size_t n;

	if (!t) {
		snprintf(buf, len, "<none>");
		return;
	}
	switch (t->kind) {
	case TY_PTR:
		name_into(t->base, inner, sizeof(inner));
		n = strlen(inner);
		if (type_resolve(t->base) && t->base->kind == TY_FUNC) {
			snprintf(buf, len, "%s", inner);
			return;
		}
		snprintf(buf, len, "%s%s*%s", inner,
			 n && inner[n - 1] == '*' ? "" : " ",
			 (t->quals & TQ_CONST) ? " const" : "");
		return;
	case TY_ARRAY: {
		struct type *e = t;
		char dims[128] = "";

		while (e->kind == TY_ARRAY) {
			n = strlen(dims);
			snprintf(dims + n, sizeof(dims) - n, "[%lld]",
				 (long long)(e->nelem < 0 ? 0 : e->nelem));
			e = e->base;
		}
		name_into(e, inner, sizeof(inner));
		snprintf(buf, len, "%s %s", inner, dims);
		return;
	}
	case TY_FUNC:
		name_into(t->base, inner, sizeof(inner));
		snprintf(buf, len, "%s (*)()", inner);
		return;
	default:
		name_base(t, buf, len);
	}
}

const char *type_name(struct dcc *cc, struct type *t)
{
	char buf[1024];

	name_into(t, buf, sizeof(buf));
	return dcc_strdup(cc, buf);
}

/* ---- type text ------------------------------------------------------------------ */

static const char *skip_ws(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

static int read_word(const char **pp, char *w, size_t len)
{
	const char *p = skip_ws(*pp);
	size_t n = 0;

	while (*p && (isalnum((unsigned char)*p) || *p == '_') && n + 1 < len)
		w[n++] = *p++;
	w[n] = 0;
	*pp = p;
	return (int)n;
}

/* The base part: words up to '*' or the end, e.g. "unsigned long long". */
static struct type *parse_base(struct dcc *cc, const char **pp, const char *mod,
			       uint32_t *quals)
{
	char words[256] = "", w[128];
	const char *p = *pp;
	struct type *t;

	while (read_word(&p, w, sizeof(w))) {
		if (!strcmp(w, "const")) {
			*quals |= TQ_CONST;
			continue;
		}
		if (!strcmp(w, "volatile"))
			continue;
		if (words[0])
			strncat(words, " ", sizeof(words) - strlen(words) - 1);
		strncat(words, w, sizeof(words) - strlen(words) - 1);
	}
	*pp = p;
	if (!strcmp(words, "unsigned"))
		strcpy(words, "unsigned int");
	else if (!strcmp(words, "signed"))
		strcpy(words, "int");
	if (mod && strcmp(mod, "D") && strcmp(mod, "C")) {
		t = btf_lookup_type_in(cc, mod, words);
		return t ? t : type_user_lookup(cc, words);
	}
	return type_lookup(cc, words);
}

struct type *type_parse(struct dcc *cc, const char *text)
{
	char mod[64] = "";
	const char *bq = strchr(text, '`'), *p = text;
	uint32_t quals = 0;
	struct type *t;

	if (bq) {
		size_t n = (size_t)(bq - text);

		if (n >= sizeof(mod))
			return NULL;
		memcpy(mod, text, n);
		mod[n] = 0;
		p = bq + 1;
	}
	t = parse_base(cc, &p, bq ? mod : NULL, &quals);
	if (!t)
		return NULL;
	t = type_qual(cc, t, quals);
	for (p = skip_ws(p); *p == '*'; p = skip_ws(p + 1))
		t = type_ptr(cc, t);
	return *p ? NULL : t;
}
