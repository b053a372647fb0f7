/* SPDX-License-Identifier: MIT */
/*
 * core_out.c -- kernel types for CO-RE relocations, copied into the
 * object's BTF.
 *
 * libbpf matches a CO-RE relocation against the running kernel by type and
 * member *names*, and checks that the instruction holds the value the local
 * type gives.  So the object needs, for each relocation, a local copy of the
 * root type that has the accessed members at their original offsets, and
 * the access string renumbered to the local member indices.
 *
 *   1. mark: walk every relocation's access string over the kernel BTF and
 *      record, per kernel struct/union, which members are accessed;
 *   2. emit: copy types depth-first (children before parents, so struct
 *      fields can name their types): reduced structs/unions with just the
 *      marked members (original size and bit offsets), arrays, ints, enums
 *      (with all values, for enum relocations), floats, typedefs; pointers
 *      become `void *` and qualifiers are dropped;
 *   3. translate: map a relocation to its local root id and access string.
 */
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <linux/btf.h>

#include "dcc.h"
#include "ir.h"
#include "backend.h"

#define MAX_ACCESS 64

struct cnode {
	uint32_t kid;		/* kernel type id */
	int local;		/* local type id, -1 until emitted */
	uint8_t *need;		/* struct/union: accessed members */
	struct cnode *next;
};

struct core_out {
	struct dcc *cc;
	const struct btf *kbtf;
	struct btf *btf;
	struct cnode *nodes;
	int int_id, void_ptr;
};

static __attribute__((noreturn)) void core_err(struct core_out *c, const char *what,
					       uint32_t id)
{
	dcc_error(c->cc, (struct loc){ 0 }, "D_UNKNOWN",
		  "internal error: CO-RE relocation: %s (kernel type %u)", what, id);
}

struct core_out *core_out_new(struct dcc *cc)
{
	struct core_out *c = dcc_alloc(cc, sizeof(*c));

	c->cc = cc;
	return c;
}

/* the kernel BTF, loaded here if btf_in.c has not; either way it is
 * cc->kbtf, which dcc_fini() frees */
static const struct btf *kernel_btf(struct core_out *c)
{
	struct dcc *cc = c->cc;

	if (!cc->kbtf) {
		cc->kbtf = cc->opts.btf_path ? btf__parse(cc->opts.btf_path, NULL)
					     : btf__load_vmlinux_btf();
		if (libbpf_get_error(cc->kbtf)) {
			cc->kbtf = NULL;
			dcc_error(cc, (struct loc){ 0 }, "D_UNKNOWN",
				  "cannot load kernel BTF for CO-RE relocations");
		}
	}
	return cc->kbtf;
}

static struct cnode *node(struct core_out *c, uint32_t kid)
{
	struct cnode *n;

	for (n = c->nodes; n; n = n->next)
		if (n->kid == kid)
			return n;
	n = dcc_alloc(c->cc, sizeof(*n));
	n->kid = kid;
	n->local = -1;
	n->next = c->nodes;
	c->nodes = n;
	return n;
}

static const struct btf_type *ktype(struct core_out *c, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(c->kbtf, id);

	if (!t)
		core_err(c, "no such type", id);
	return t;
}

/* skip typedefs and qualifiers, as libbpf does when it walks an access */
static uint32_t skip(struct core_out *c, uint32_t id)
{
	const struct btf_type *t = ktype(c, id);

	while (id && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = ktype(c, id);
	}
	return id;
}

static int parse_access(const char *s, int *idx)
{
	int n = 0;

	while (s && *s && n < MAX_ACCESS) {
		idx[n++] = (int)strtol(s, (char **)&s, 10);
		if (*s == ':')
			s++;
		else
			break;
	}
	return n;
}

static int field_reloc(uint32_t kind)
{
	return kind <= BPF_CORE_FIELD_RSHIFT_U64;
}

/* ---- 1. mark -------------------------------------------------------------------- */

static void mark(struct core_out *c, const struct ir_core *core)
{
	int idx[MAX_ACCESS], n = parse_access(core->access, idx), i;
	uint32_t id = core->btf_id;

	node(c, id);
	if (!field_reloc(core->kind))
		return;
	for (i = 1; i < n; i++) {
		const struct btf_type *t;
		struct cnode *nd;

		id = skip(c, id);
		t = ktype(c, id);
		if (btf_is_array(t)) {
			id = btf_array(t)->type;
			continue;
		}
		if (!btf_is_composite(t) || idx[i] < 0 || idx[i] >= btf_vlen(t))
			core_err(c, "bad access string", core->btf_id);
		nd = node(c, id);
		if (!nd->need)
			nd->need = dcc_alloc(c->cc, btf_vlen(t));
		nd->need[idx[i]] = 1;
		id = btf_members(t)[idx[i]].type;
	}
}

/* ---- 2. emit ----------------------------------------------------------------------- */

static int emit(struct core_out *c, uint32_t kid);

static const char *kname(struct core_out *c, const struct btf_type *t)
{
	const char *s = btf__name_by_offset(c->kbtf, t->name_off);

	return s && *s ? s : NULL;
}

static int emit_composite(struct core_out *c, uint32_t kid, const struct btf_type *t)
{
	struct cnode *nd = node(c, kid);
	int n = btf_vlen(t), i, id, *types = calloc(n + 1, sizeof(int));
	const struct btf_member *m = btf_members(t);

	for (i = 0; i < n; i++)
		if (nd->need && nd->need[i])
			types[i] = emit(c, m[i].type);
	id = btf_is_struct(t) ? btf__add_struct(c->btf, kname(c, t), t->size)
			      : btf__add_union(c->btf, kname(c, t), t->size);
	for (i = 0; id >= 0 && i < n; i++) {
		if (!nd->need || !nd->need[i])
			continue;
		const char *name = btf__name_by_offset(c->kbtf, m[i].name_off);

		if (btf__add_field(c->btf, name && *name ? name : NULL, types[i],
				   btf_member_bit_offset(t, i),
				   btf_member_bitfield_size(t, i)) < 0)
			id = -1;
	}
	free(types);
	return id;
}

static int emit_enum(struct core_out *c, const struct btf_type *t)
{
	int n = btf_vlen(t), i, id;

	if (btf_is_enum64(t)) {
		const struct btf_enum64 *e = btf_enum64(t);

		id = btf__add_enum64(c->btf, kname(c, t), t->size, btf_kflag(t));
		for (i = 0; id >= 0 && i < n; i++)
			if (btf__add_enum64_value(c->btf, btf__name_by_offset(c->kbtf,
						  e[i].name_off), btf_enum64_value(&e[i])) < 0)
				id = -1;
	} else {
		const struct btf_enum *e = btf_enum(t);

		id = btf__add_enum(c->btf, kname(c, t), t->size);
		for (i = 0; id >= 0 && i < n; i++)
			if (btf__add_enum_value(c->btf, btf__name_by_offset(c->kbtf,
						e[i].name_off), e[i].val) < 0)
				id = -1;
	}
	return id;
}

static int emit_fresh(struct core_out *c, uint32_t kid, const struct btf_type *t)
{
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return btf__add_int(c->btf, kname(c, t), t->size, btf_int_encoding(t));
	case BTF_KIND_FLOAT:
		return btf__add_float(c->btf, kname(c, t), t->size);
	case BTF_KIND_ENUM: case BTF_KIND_ENUM64:
		return emit_enum(c, t);
	case BTF_KIND_STRUCT: case BTF_KIND_UNION:
		return emit_composite(c, kid, t);
	case BTF_KIND_ARRAY: {
		int elem = emit(c, btf_array(t)->type);

		return btf__add_array(c->btf, c->int_id, elem, btf_array(t)->nelems);
	}
	case BTF_KIND_TYPEDEF:
		return btf__add_typedef(c->btf, kname(c, t), emit(c, t->type));
	case BTF_KIND_FWD:
		return btf__add_fwd(c->btf, kname(c, t),
				    btf_kflag(t) ? BTF_FWD_UNION : BTF_FWD_STRUCT);
	default:	/* pointers, functions: an opaque pointer is enough */
		return c->void_ptr;
	}
}

static int emit(struct core_out *c, uint32_t kid)
{
	const struct btf_type *t;
	struct cnode *nd;

	if (!kid)
		return 0;
	t = ktype(c, kid);
	if (btf_is_mod(t))
		return emit(c, t->type);
	nd = node(c, kid);
	if (nd->local < 0) {
		nd->local = emit_fresh(c, kid, t);
		if (nd->local < 0)
			core_err(c, "cannot copy type", kid);
	}
	return nd->local;
}

void core_out_types(struct dcc *cc, struct core_out *c, struct btf *btf,
		    const struct ir_prog *p)
{
	const struct ir_func *f;
	int i, any = 0;

	for (f = p->funcs; f; f = f->next)
		for (i = 0; i < f->nrelocs; i++)
			any |= f->relocs[i].kind == IR_RELOC_CORE;
	if (!any)
		return;
	c->btf = btf;
	c->kbtf = kernel_btf(c);
	c->int_id = btf__find_by_name_kind(btf, "int", BTF_KIND_INT);
	c->void_ptr = btf__add_ptr(btf, 0);
	for (f = p->funcs; f; f = f->next)
		for (i = 0; i < f->nrelocs; i++)
			if (f->relocs[i].kind == IR_RELOC_CORE)
				mark(c, &f->relocs[i].core);
	for (f = p->funcs; f; f = f->next)
		for (i = 0; i < f->nrelocs; i++)
			if (f->relocs[i].kind == IR_RELOC_CORE)
				emit(c, f->relocs[i].core.btf_id);
}

/* ---- 3. translate ------------------------------------------------------------------ */

/* the local index of kernel member k: its rank among the accessed ones */
static int local_member(struct core_out *c, uint32_t id, int k)
{
	struct cnode *nd = node(c, id);
	int i, r = 0;

	for (i = 0; i < k; i++)
		r += nd->need && nd->need[i];
	return r;
}

uint32_t core_out_type(struct dcc *cc, struct core_out *c,
		       const struct ir_core *core, const char **access)
{
	int idx[MAX_ACCESS], n = parse_access(core->access, idx), i;
	uint32_t id = core->btf_id;
	char *s = dcc_alloc(cc, n * 12 + 2), *o = s;

	o += sprintf(o, "%d", n ? idx[0] : 0);
	for (i = 1; i < n && field_reloc(core->kind); i++) {
		const struct btf_type *t;

		id = skip(c, id);
		t = ktype(c, id);
		if (btf_is_array(t)) {
			o += sprintf(o, ":%d", idx[i]);
			id = btf_array(t)->type;
			continue;
		}
		o += sprintf(o, ":%d", local_member(c, id, idx[i]));
		id = btf_members(t)[idx[i]].type;
	}
	*access = s;
	return (uint32_t)emit(c, core->btf_id);
}
