/* SPDX-License-Identifier: MIT */
/*
 * cg_core.c -- CO-RE field relocations for accesses to kernel types.
 *
 * A member of a struct or union that came from the kernel's BTF (btf_id
 * != 0) may sit at another offset on the kernel the object is loaded on.
 * Every such access therefore carries a CO-RE relocation (struct ir_core)
 * on the instruction that holds the offset; libbpf rewrites the offset at
 * load time by matching type and member names against the running kernel:
 *
 *   p = base
 *   p += offsetof(root, a.b)	; CO-RE root "0:ia:ib" BYTE_OFFSET
 *   probe_read_kernel(tmp, size, p)
 *
 * The access string lists member indexes from the root type (anonymous
 * struct/union members included); constant steps (".c", "[3]") that
 * follow extend the same relocation, so task->se.vruntime is one
 * relocation with access "0:<se>:<vruntime>", as clang emits it.
 *
 * Bitfields are read as libbpf's BPF_CORE_READ_BITFIELD_PROBED does:
 *
 *   p = root + BYTE_OFFSET; n = BYTE_SIZE
 *   tmp = 0; probe_read_kernel(&tmp, n, p)
 *   v = tmp << LSHIFT_U64 >> RSHIFT_U64	(>> arithmetic if signed)
 *
 * with all four values relocated and computed locally as libbpf computes
 * them from the object's BTF (the back end copies the types).
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>

#include "cg.h"

#define ACC_MAX 256

/* The BTF id a relocation can be rooted at: a named struct/union, or the
 * typedef that names an anonymous one (libbpf matches roots by name). */
uint32_t cg_core_root(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	if (!r || !r->btf_id || (r->kind != TY_STRUCT && r->kind != TY_UNION))
		return 0;
	if (r->name)
		return r->btf_id;
	for (; t && t->kind == TY_TYPEDEF; t = t->base)
		if (t->btf_id)
			return t->btf_id;
	return 0;
}

/* Find member `name` in st (through anonymous members), appending
 * ":index" per level to acc and adding the byte offset to *off. */
static struct member *core_path(struct type *st, const char *name, char *acc,
				size_t *len, uint64_t *off)
{
	struct type *r = type_resolve(st);
	struct member *m, *in;
	size_t save = *len;
	int idx = 0;

	if (!r || (r->kind != TY_STRUCT && r->kind != TY_UNION))
		return NULL;
	for (m = r->members; m; m = m->next, idx++) {
		if (m->name && strcmp(m->name, name))
			continue;
		*len = save + (size_t)snprintf(acc + save, ACC_MAX - save, ":%d", idx);
		if (*len >= ACC_MAX)
			return NULL;
		if (m->name) {
			*off += m->offset;
			return m;
		}
		in = core_path(m->type, name, acc, len, off);
		if (in) {
			*off += m->offset;
			return in;
		}
		*len = save;
		acc[save] = 0;
	}
	return NULL;
}

static struct ir_core *new_core(struct cg *g, uint32_t root, const char *access,
				uint32_t kind)
{
	struct ir_core *c = dcc_alloc(g->cc, sizeof(*c));

	c->btf_id = root;
	c->access = dcc_intern(g->cc, access);
	c->kind = kind;
	return c;
}

/* p = base + off (plain): the address the lvalue designates so far */
static vreg_t lv_ptr(struct cg *g, struct cg_lv *lv)
{
	vreg_t p = cg_vreg(g);

	ir_mov(g->cc, g->f, p, lv->base);
	if (lv->off)
		ir_alui(g->cc, g->f, BPF_ADD, p, lv->off);
	return p;
}

/* p += off with a BYTE_OFFSET relocation */
static struct ir_insn *reloc_add(struct cg *g, vreg_t p, uint64_t off,
				 uint32_t root, const char *access)
{
	struct ir_insn *in = ir_alui(g->cc, g->f, BPF_ADD, p, (int64_t)off);

	in->core = new_core(g, root, access, BPF_CORE_FIELD_BYTE_OFFSET);
	return in;
}

static void extend(struct cg *g, struct cg_lv *lv, const char *more,
		   int64_t delta)
{
	struct ir_insn *in = lv->core_insn;
	char buf[2 * ACC_MAX];

	snprintf(buf, sizeof(buf), "%s%s", in->core->access, more);
	in->core = new_core(g, in->core->btf_id, buf, in->core->kind);
	in->imm += delta;
}

bool cg_core_member(struct cg *g, struct cg_lv *lv, struct type *st,
		    const char *name, struct member **mout)
{
	char acc[ACC_MAX] = "0";
	size_t len = 1;
	uint64_t off = 0;
	struct member *m;
	uint32_t root;
	vreg_t p;

	if (lv->kind != LV_KERNEL || !st || !type_resolve(st) ||
	    !type_resolve(st)->btf_id)
		return false;
	m = core_path(st, name, acc, &len, &off);
	if (!m)
		return false;
	root = cg_core_root(st);
	if (m->bit_size) {
		if (!root)
			return false;
		lv->base = lv_ptr(g, lv);
		lv->off = 0;
		lv->core_insn = NULL;
		lv->bf_core = new_core(g, root, acc, BPF_CORE_FIELD_BYTE_OFFSET);
		lv->bf_bits = (uint32_t)(off * 8 + m->bit_offset);
		lv->bit_off = m->bit_offset;
		lv->bit_size = m->bit_size;
		*mout = m;
		return true;
	}
	*mout = m;
	lv->bit_off = lv->bit_size = 0;
	lv->bf_core = NULL;
	if (lv->core_insn && lv->off == 0) {
		extend(g, lv, acc + 1, (int64_t)off);
		return true;
	}
	if (!root)
		return false;
	p = lv_ptr(g, lv);
	lv->core_insn = reloc_add(g, p, off, root, acc);
	lv->base = p;
	lv->off = 0;
	return true;
}

bool cg_core_index(struct cg *g, struct cg_lv *lv, int64_t k, uint32_t es)
{
	char buf[32];

	if (lv->kind != LV_KERNEL || !lv->core_insn || lv->off || k < 0)
		return false;
	snprintf(buf, sizeof(buf), ":%lld", (long long)k);
	extend(g, lv, buf, k * (int64_t)es);
	return true;
}

/* The load unit libbpf picks for a bitfield: *sz bytes at *off. */
static void bf_unit(uint32_t bits, uint32_t bsz, uint32_t tsz, uint32_t *off,
		    uint32_t *sz)
{
	uint32_t s = tsz ? tsz : 1;

	*off = bits / 8 / s * s;
	while (bits + bsz - *off * 8 > s * 8 && s < 8) {
		s *= 2;
		*off = bits / 8 / s * s;
	}
	*sz = s;
}

vreg_t cg_core_bitfield_load(struct cg *g, struct cg_lv *lv)
{
	struct dcc *cc = g->cc;
	const struct ir_core *bc = lv->bf_core;
	uint32_t boff, bsz, tmp = cg_tmp_alloc(g, 8);
	vreg_t p = cg_vreg(g), n = cg_vreg(g), r, v = cg_vreg(g);
	bool sign = cg_is_signed(lv->type);

	bf_unit(lv->bf_bits, lv->bit_size, (uint32_t)type_size(lv->type), &boff,
		&bsz);
	ir_comment(cc, g->f, "CO-RE bitfield: %u bits at bit %u (%u bytes at %u)",
		   lv->bit_size, lv->bf_bits, bsz, boff);
	ir_mov(cc, g->f, p, lv->base);
	reloc_add(g, p, boff, bc->btf_id, bc->access);
	ir_movi(cc, g->f, n, bsz)->core =
		new_core(g, bc->btf_id, bc->access, BPF_CORE_FIELD_BYTE_SIZE);
	ir_storei(cc, g->f, 8, cg_tmp_ptr(g, tmp), 0, 0);
	r = cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp), n, p);
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, p);
	ir_load(cc, g->f, 8, v, cg_tmp_ptr(g, tmp), 0);
	ir_alui(cc, g->f, BPF_LSH, v, 64 - (lv->bf_bits + lv->bit_size - boff * 8))
		->core = new_core(g, bc->btf_id, bc->access, BPF_CORE_FIELD_LSHIFT_U64);
	ir_alui(cc, g->f, sign ? BPF_ARSH : BPF_RSH, v, 64 - lv->bit_size)
		->core = new_core(g, bc->btf_id, bc->access, BPF_CORE_FIELD_RSHIFT_U64);
	return v;
}

vreg_t cg_core_field_ptr(struct cg *g, vreg_t base, const char *sname,
			 const char *member, struct type **mt)
{
	struct type *st = type_lookup(g->cc, sname);
	char acc[ACC_MAX] = "0";
	size_t len = 1;
	uint64_t off = 0;
	struct member *m = st ? core_path(st, member, acc, &len, &off) : NULL;
	uint32_t root = cg_core_root(st);
	vreg_t p;

	if (!m || m->bit_size)
		return IR_NOREG;
	if (mt)
		*mt = m->type;
	p = cg_vreg(g);
	ir_mov(g->cc, g->f, p, base);
	if (root)
		reloc_add(g, p, off, root, acc);
	else
		ir_alui(g->cc, g->f, BPF_ADD, p, (int64_t)off);
	return p;
}
