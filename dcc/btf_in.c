/* SPDX-License-Identifier: MIT */
/*
 * btf_in.c -- kernel types, read at compile time from the kernel's BTF.
 *
 * The kernel BTF (cc->opts.btf_path, default /sys/kernel/btf/vmlinux) is
 * parsed once, on the first lookup.  BTF types are converted on demand into
 * struct type, memoized by BTF id; struct, union, enum and typedef types
 * keep their btf_id so codegen can emit CO-RE relocations against them.
 * Kernel integer types map onto D's base types ("long unsigned int" is
 * D's "unsigned long").  A module named in a type (ext4`struct ext4_inode)
 * brings in that module's split BTF, /sys/kernel/btf/<module> (next to the
 * vmlinux file): its own types get ids after vmlinux's, and module = its
 * name.
 */
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dcc.h"
#include "sema.h"

struct btf_mod {			/* a kernel module's split BTF */
	const char *name;
	struct btf *btf;		/* NULL: the module has no BTF */
	uint32_t ntypes;		/* its ids are [vmlinux ntypes, ntypes) */
	struct type **cache;		/* by id - vmlinux ntypes */
	struct btf_mod *next;
};

struct btf_state {
	bool tried;
	uint32_t ntypes;
	struct type **cache;
	struct btf_mod *mods;
	struct btf_mod *cur;		/* the module being converted from */
};

static struct btf_state *state(struct dcc *cc)
{
	struct btf_state *s = cc->pass_priv[DCC_PASS_BTFIN];

	if (!s) {
		s = dcc_alloc(cc, sizeof(*s));
		cc->pass_priv[DCC_PASS_BTFIN] = s;
	}
	return s;
}

static struct btf *kbtf(struct dcc *cc)
{
	struct btf_state *s = state(cc);
	const char *path = cc->opts.btf_path ? cc->opts.btf_path :
			   "/sys/kernel/btf/vmlinux";

	if (cc->kbtf || s->tried)
		return cc->kbtf;
	s->tried = true;
	cc->kbtf = btf__parse(path, NULL);
	if (libbpf_get_error(cc->kbtf)) {
		cc->kbtf = NULL;
		return NULL;
	}
	s->ntypes = btf__type_cnt(cc->kbtf);
	s->cache = dcc_alloc(cc, sizeof(struct type *) * s->ntypes);
	return cc->kbtf;
}

/* The BTF names and types are read from: the module's while converting
 * one of its types (a split BTF also holds vmlinux's), else vmlinux. */
static struct btf *cur_btf(struct dcc *cc)
{
	struct btf_state *s = state(cc);

	return s->cur ? s->cur->btf : cc->kbtf;
}

/* the conversion memo for id, or NULL if id is unknown */
static struct type **cache_slot(struct dcc *cc, uint32_t id)
{
	struct btf_state *s = state(cc);

	if (id < s->ntypes)
		return &s->cache[id];
	if (s->cur && id < s->cur->ntypes)
		return &s->cur->cache[id - s->ntypes];
	return NULL;
}

/* ---- integers ---------------------------------------------------------------- */

static const char *const int_names[][2] = {
	{ "long unsigned int", "unsigned long" }, { "long int", "long" },
	{ "short unsigned int", "unsigned short" }, { "short int", "short" },
	{ "long long unsigned int", "unsigned long long" },
	{ "long long int", "long long" }, { "unsigned int", "unsigned int" },
	{ "int", "int" }, { "char", "char" }, { "unsigned char", "unsigned char" },
	{ "signed char", "signed char" }, { "_Bool", "_Bool" },
};

static struct type *conv_int(struct dcc *cc, const struct btf_type *bt,
			     const char *name)
{
	uint32_t enc = btf_int_encoding(bt);
	size_t i;

	for (i = 0; i < sizeof(int_names) / sizeof(int_names[0]); i++)
		if (!strcmp(name, int_names[i][0]))
			return type_base(cc, int_names[i][1]);
	if (enc & BTF_INT_BOOL)
		return type_base(cc, "_Bool");
	if (bt->size == 16)
		return type_base(cc, enc & BTF_INT_SIGNED ? "long long" :
				 "unsigned long long");
	return type_int(cc, (int)bt->size, (enc & BTF_INT_SIGNED) != 0);
}

/* ---- aggregates --------------------------------------------------------------- */

static struct type *conv(struct dcc *cc, uint32_t id);

static struct type *new_kt(struct dcc *cc, uint32_t id, enum type_kind k,
			   const char *name)
{
	struct type *t = dcc_alloc(cc, sizeof(*t));

	t->kind = k;
	t->name = name && *name ? dcc_intern(cc, name) : NULL;
	t->btf_id = id;
	t->module = id >= state(cc)->ntypes && state(cc)->cur ?
		    state(cc)->cur->name : "vmlinux";
	t->align = 1;
	*cache_slot(cc, id) = t;
	return t;
}

static void conv_members(struct dcc *cc, const struct btf_type *bt,
			 struct type *t)
{
	const struct btf_member *m = btf_members(bt);
	struct member **tail = &t->members;
	uint32_t align = 1;
	int i;

	for (i = 0; i < btf_vlen(bt); i++, m++) {
		struct member *mm = dcc_alloc(cc, sizeof(*mm));
		uint32_t bits = btf_member_bit_offset(bt, i);
		uint32_t bsz = btf_member_bitfield_size(bt, i);
		const char *n = btf__name_by_offset(cur_btf(cc), m->name_off);

		mm->name = n && *n ? dcc_intern(cc, n) : NULL;
		mm->type = conv(cc, m->type);
		if (bsz) {
			uint64_t unit = type_size(mm->type);

			unit = unit ? unit : 1;
			mm->bit_size = bsz;
			mm->offset = bits / (unit * 8) * unit;
			mm->bit_offset = (uint32_t)(bits - mm->offset * 8);
		} else {
			mm->offset = bits / 8;
		}
		if (type_resolve(mm->type) && type_resolve(mm->type)->align > align)
			align = type_resolve(mm->type)->align;
		*tail = mm;
		tail = &mm->next;
	}
	t->align = align > 8 ? 8 : align;
}

static void conv_enum(struct dcc *cc, const struct btf_type *bt, struct type *t)
{
	struct enumerator **tail = &t->enums;
	int i;

	t->size = bt->size;
	t->align = bt->size;
	t->is_signed = btf_kflag(bt);
	for (i = 0; i < btf_vlen(bt); i++) {
		struct enumerator *e = dcc_alloc(cc, sizeof(*e));

		if (btf_is_enum(bt)) {
			const struct btf_enum *v = btf_enum(bt) + i;

			e->name = dcc_intern(cc, btf__name_by_offset(cur_btf(cc),
								     v->name_off));
			e->value = t->is_signed ? v->val : (int64_t)(uint32_t)v->val;
		} else {
			const struct btf_enum64 *v = btf_enum64(bt) + i;

			e->name = dcc_intern(cc, btf__name_by_offset(cur_btf(cc),
								     v->name_off));
			e->value = (int64_t)btf_enum64_value(v);
		}
		*tail = e;
		tail = &e->next;
	}
}

static struct type *conv_func(struct dcc *cc, uint32_t id,
			      const struct btf_type *bt)
{
	struct type *t = new_kt(cc, id, TY_FUNC, NULL);
	const struct btf_param *p = btf_params(bt);
	int i, n = btf_vlen(bt);

	t->base = conv(cc, bt->type);
	t->params = dcc_alloc(cc, sizeof(struct type *) * (n + 1));
	for (i = 0; i < n; i++, p++) {
		if (!p->type && i == n - 1) {
			t->varargs = true;
			break;
		}
		t->params[t->nparams++] = conv(cc, p->type);
	}
	return t;
}

static struct type *conv_kind(struct dcc *cc, uint32_t id,
			      const struct btf_type *bt, const char *name)
{
	struct type *t;

	switch (btf_kind(bt)) {
	case BTF_KIND_INT:
		return conv_int(cc, bt, name);
	case BTF_KIND_FLOAT:
		return type_base(cc, bt->size == 4 ? "float" : bt->size == 8 ?
				 "double" : "long double");
	case BTF_KIND_PTR:
		return type_ptr(cc, conv(cc, bt->type));
	case BTF_KIND_ARRAY:
		return type_array(cc, conv(cc, btf_array(bt)->type),
				  btf_array(bt)->nelems);
	case BTF_KIND_STRUCT: case BTF_KIND_UNION:
		t = new_kt(cc, id, btf_is_struct(bt) ? TY_STRUCT : TY_UNION, name);
		t->size = bt->size;
		conv_members(cc, bt, t);
		return t;
	case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
		t = new_kt(cc, id, TY_ENUM, name);
		conv_enum(cc, bt, t);
		return t;
	case BTF_KIND_FWD:
		t = new_kt(cc, id, TY_FWD, name);
		t->fwd_kind = btf_kflag(bt) ? TY_UNION : TY_STRUCT;
		return t;
	case BTF_KIND_TYPEDEF:
		t = new_kt(cc, id, TY_TYPEDEF, name);
		t->base = conv(cc, bt->type);
		t->size = type_size(t->base);
		t->align = type_resolve(t->base) ? type_resolve(t->base)->align : 1;
		return t;
	case BTF_KIND_CONST:
		return type_qual(cc, conv(cc, bt->type), TQ_CONST);
	case BTF_KIND_VOLATILE: case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
		return conv(cc, bt->type);
	case BTF_KIND_FUNC_PROTO:
		return conv_func(cc, id, bt);
	default:
		return type_void(cc);
	}
}

static struct type *conv(struct dcc *cc, uint32_t id)
{
	struct type **slot = cache_slot(cc, id);
	const struct btf_type *bt;
	struct type *t;

	if (id == 0 || !cc->kbtf || !slot)
		return type_void(cc);
	if (*slot)
		return *slot;
	bt = btf__type_by_id(cur_btf(cc), id);
	if (!bt)
		return type_void(cc);
	t = conv_kind(cc, id, bt, btf__name_by_offset(cur_btf(cc), bt->name_off));
	slot = cache_slot(cc, id);
	if (!*slot)
		*slot = t;
	return t;
}

struct type *btf_type_from_id(struct dcc *cc, uint32_t id)
{
	if (!kbtf(cc))
		return NULL;
	return conv(cc, id);
}

static struct type *lookup_in(struct dcc *cc, struct btf *b, const char *name)
{
	int kinds[2] = { BTF_KIND_TYPEDEF, -1 };
	int id = -ENOENT, i;

	if (!b || !name || !*name)
		return NULL;
	if (!strncmp(name, "struct ", 7)) {
		name += 7;
		kinds[0] = BTF_KIND_STRUCT;
	} else if (!strncmp(name, "union ", 6)) {
		name += 6;
		kinds[0] = BTF_KIND_UNION;
	} else if (!strncmp(name, "enum ", 5)) {
		name += 5;
		kinds[0] = BTF_KIND_ENUM;
		kinds[1] = BTF_KIND_ENUM64;
	}
	for (i = 0; i < 2 && kinds[i] >= 0 && id < 0; i++)
		id = btf__find_by_name_kind(b, name, kinds[i]);
	if (id < 0)
		return NULL;
	return conv(cc, (uint32_t)id);
}

struct type *btf_lookup_type(struct dcc *cc, const char *name)
{
	return lookup_in(cc, kbtf(cc), name);
}

/* Load module mod's BTF, once: NULL if it has none (or no such module). */
static struct btf_mod *module(struct dcc *cc, const char *mod)
{
	struct btf_state *s = state(cc);
	const char *vm = cc->opts.btf_path ? cc->opts.btf_path :
			 "/sys/kernel/btf/vmlinux";
	const char *slash = strrchr(vm, '/');
	struct btf_mod *m;
	char path[512];

	for (m = s->mods; m; m = m->next)
		if (!strcmp(m->name, mod))
			return m->btf ? m : NULL;
	m = dcc_alloc(cc, sizeof(*m));
	m->name = dcc_intern(cc, mod);
	m->next = s->mods;
	s->mods = m;
	snprintf(path, sizeof(path), "%.*s%s", slash ? (int)(slash - vm + 1) : 0,
		 vm, mod);
	if (!kbtf(cc) || strpbrk(mod, "/.") || access(path, R_OK))
		return NULL;
	m->btf = btf__parse_split(path, cc->kbtf);
	if (libbpf_get_error(m->btf)) {
		m->btf = NULL;
		return NULL;
	}
	m->ntypes = btf__type_cnt(m->btf);
	m->cache = dcc_alloc(cc, sizeof(struct type *) *
			     (m->ntypes > s->ntypes ? m->ntypes - s->ntypes : 1));
	return m;
}

struct btf *btf_module(struct dcc *cc, const char *mod)
{
	struct btf_mod *m;

	if (!mod || !strcmp(mod, "vmlinux"))
		return kbtf(cc);
	m = module(cc, mod);
	return m ? m->btf : NULL;
}

struct type *btf_lookup_type_in(struct dcc *cc, const char *mod,
				const char *name)
{
	struct btf_state *s = state(cc);
	struct btf_mod *m, *saved = s->cur;
	struct type *t;

	if (!mod || !*mod || !strcmp(mod, "vmlinux"))
		return btf_lookup_type(cc, name);
	m = module(cc, mod);
	if (!m)
		return NULL;
	s->cur = m;
	t = lookup_in(cc, m->btf, name);
	s->cur = saved;
	return t;
}

/* Free the module BTFs (the arena holds the rest); dcc_fini calls this
 * before it frees the arena and the vmlinux BTF. */
void btf_in_fini(struct dcc *cc)
{
	struct btf_state *s = cc->pass_priv[DCC_PASS_BTFIN];
	struct btf_mod *m;

	for (m = s ? s->mods : NULL; m; m = m->next) {
		btf__free(m->btf);
		m->btf = NULL;
	}
}
