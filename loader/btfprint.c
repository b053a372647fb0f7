/* SPDX-License-Identifier: MIT */
/*
 * btfprint.c -- print()'s typed output, as DTrace prints it.
 *
 * print(p) of a pointer to a struct or union records the pointer and the
 * pointee's first bytes; the type is a BTF type (the object's BTF holds
 * the script's types, the kernel's BTF the others).  The output is
 *
 *   0xADDR = *
 *   <44 spaces>(struct foo) {
 *   <44 + depth spaces>.member = (type)value,
 *   ...
 *   <44 spaces>}
 *
 * Members whose bytes are all zero are left out; char arrays stop at their
 * first NUL; enums print their enumerator; nested structs, unions and
 * arrays open a block.  With the printsize option smaller than the type,
 * only that many bytes are shown: after the member that reaches the limit
 * comes a "..." line (at the union's own indent inside a union), and
 * nothing more is printed but the closing braces.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "output.h"

#define PR_INDENT	44

struct pr {
	const struct btf *btf;
	FILE *out;
	const uint8_t *base;	/* the recorded bytes */
	size_t limit;		/* bytes that may be shown */
	bool truncated;		/* limit < size of the type */
	bool stop;		/* the limit was reached: "..." printed */
};

static void pr_value(struct pr *p, int depth, const char *name, int32_t id,
		     size_t off, uint32_t bit_off, uint32_t bit_sz,
		     bool elem);

static const struct btf_type *skip_mods(const struct btf *b, int32_t *id)
{
	const struct btf_type *t = btf__type_by_id(b, *id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		*id = t->type;
		t = btf__type_by_id(b, *id);
	}
	return t;
}

/* The name DTrace shows in "(type)": "int", "char [5]", "struct", ... */
static void type_text(const struct btf *b, int32_t id, char *buf, size_t len)
{
	const struct btf_type *t = btf__type_by_id(b, id);
	const char *n = t ? btf__name_by_offset(b, t->name_off) : NULL;

	if (!id || !t) {
		snprintf(buf, len, "void");
		return;
	}
	if (btf_is_mod(t)) {
		type_text(b, t->type, buf, len);
		return;
	}
	if (btf_is_ptr(t) || btf_is_array(t)) {
		size_t n;

		type_text(b, btf_is_ptr(t) ? t->type : btf_array(t)->type,
			  buf, len);
		n = strlen(buf);
		if (btf_is_ptr(t))
			snprintf(buf + n, len - n, "%s*",
				 n && buf[n - 1] == '*' ? "" : " ");
		else
			snprintf(buf + n, len - n, " [%u]",
				 btf_array(t)->nelems);
		return;
	}
	n = n && *n ? n : NULL;
	if (btf_is_struct(t) || btf_is_union(t) || btf_is_any_enum(t) ||
	    btf_is_fwd(t)) {
		const char *kw = btf_is_union(t) ||
				 (btf_is_fwd(t) && btf_kflag(t)) ? "union" :
				 btf_is_any_enum(t) ? "enum" : "struct";

		snprintf(buf, len, "%s%s%s", kw, n ? " " : "", n ? n : "");
		return;
	}
	snprintf(buf, len, "%s", n ? n : "?");
}

static void indent(struct pr *p, int depth)
{
	fprintf(p->out, "%*s", PR_INDENT + depth, "");
}

static void head(struct pr *p, int depth, const char *name, int32_t id)
{
	char tn[256];

	type_text(p->btf, id, tn, sizeof(tn));
	indent(p, depth);
	if (name && *name)
		fprintf(p->out, ".%s = ", name);
	fprintf(p->out, "(%s)", tn);
}

static bool all_zero(const uint8_t *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (d[i])
			return false;
	return true;
}

/* The integer at off (a bitfield if bit_sz), zero- or sign-extended. */
static uint64_t int_at(struct pr *p, size_t off, uint32_t size,
		       uint32_t bit_off, uint32_t bit_sz, bool sign)
{
	uint64_t v = 0;

	memcpy(&v, p->base + off, size > 8 ? 8 : size);
	if (bit_sz) {
		v >>= bit_off;
		if (bit_sz < 64)
			v &= (1ull << bit_sz) - 1;
		if (sign && bit_sz < 64 && (v >> (bit_sz - 1)) & 1)
			v |= ~0ull << bit_sz;
	} else if (sign && size < 8 && (v >> (size * 8 - 1)) & 1) {
		v |= ~0ull << (size * 8);
	}
	return v;
}

static void pr_enum(struct pr *p, const struct btf_type *t, uint64_t v)
{
	const struct btf_enum *e = btf_enum(t);

	if (btf_is_enum(t))
		for (int i = 0; i < btf_vlen(t); i++, e++)
			if ((uint32_t)e->val == (uint32_t)v) {
				fprintf(p->out, "%s",
					btf__name_by_offset(p->btf, e->name_off));
				return;
			}
	fprintf(p->out, "%lld", (long long)v);
}

/* A scalar: int, bool, char (in a char array), enum, pointer, float. */
static void pr_scalar(struct pr *p, const struct btf_type *t, size_t off,
		      uint32_t bit_off, uint32_t bit_sz, bool elem)
{
	uint32_t size = t->size;
	bool sign = btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_SIGNED);
	uint64_t v;

	if (btf_is_ptr(t))
		size = 8;
	v = int_at(p, off, size, bit_off, bit_sz, sign);
	if (btf_is_ptr(t))
		fprintf(p->out, "0x%llx", (unsigned long long)v);
	else if (btf_is_any_enum(t))
		pr_enum(p, t, v);
	else if (elem && size == 1 && isprint((int)(v & 0xff)))
		fprintf(p->out, "'%c'", (int)(v & 0xff));
	else if (sign)
		fprintf(p->out, "%lld", (long long)v);
	else
		fprintf(p->out, "%llu", (unsigned long long)v);
}

/* After a member ending at end: the "..." line if it reaches the limit. */
static void check_limit(struct pr *p, size_t end, int depth)
{
	if (p->stop || !p->truncated || end < p->limit)
		return;
	indent(p, depth);
	fprintf(p->out, "...\n");
	p->stop = true;
}

static void pr_members(struct pr *p, const struct btf_type *t, int depth,
		       size_t off)
{
	const struct btf_member *m = btf_members(t);

	for (int i = 0; i < btf_vlen(t) && !p->stop; i++, m++) {
		uint32_t bo = btf_member_bit_offset(t, i);
		uint32_t bs = btf_member_bitfield_size(t, i);
		int32_t mid = m->type;
		int64_t sz = btf__resolve_size(p->btf, mid);
		size_t moff = off + bo / 8, end;

		if (sz < 0)
			continue;
		end = bs ? off + (bo + bs + 7) / 8 : moff + (size_t)sz;
		if (moff >= p->limit) {
			check_limit(p, moff, depth + 1);
			break;
		}
		pr_value(p, depth + 1, btf__name_by_offset(p->btf, m->name_off),
			 mid, moff, bs ? bo % 8 : 0, bs, false);
		check_limit(p, end, btf_is_union(t) ? depth : depth + 1);
	}
}

static void pr_array(struct pr *p, const struct btf_type *t, int depth,
		     size_t off)
{
	const struct btf_array *a = btf_array(t);
	int32_t eid = a->type;
	const struct btf_type *et = skip_mods(p->btf, &eid);
	int64_t esz = btf__resolve_size(p->btf, a->type);
	bool chars = et && btf_is_int(et) && esz == 1;

	for (uint32_t i = 0; esz > 0 && i < a->nelems; i++) {
		size_t eoff = off + i * (size_t)esz;

		if (eoff + (size_t)esz > p->limit ||
		    (chars && !p->base[eoff]))
			break;
		pr_value(p, depth + 1, NULL, a->type, eoff, 0, 0, true);
	}
}

/* One value: "(type)value," or a block for structs, unions and arrays. */
static void pr_value(struct pr *p, int depth, const char *name, int32_t id,
		     size_t off, uint32_t bit_off, uint32_t bit_sz, bool elem)
{
	int32_t rid = id;
	const struct btf_type *t = skip_mods(p->btf, &rid);
	int64_t sz = btf__resolve_size(p->btf, id);
	const char *comma = depth ? "," : "";

	if (!t || sz < 0)
		return;
	if (depth && !elem && !bit_sz &&
	    all_zero(p->base + off, off + (size_t)sz <= p->limit ?
		     (size_t)sz : off < p->limit ? p->limit - off : 0))
		return;
	if (bit_sz && !int_at(p, off, 8 < p->limit - off ? 8 : p->limit - off,
			      bit_off, bit_sz, false))
		return;
	head(p, depth, name, id);
	if (btf_is_struct(t) || btf_is_union(t)) {
		fprintf(p->out, " {\n");
		pr_members(p, t, depth, off);
		indent(p, depth);
		fprintf(p->out, "}%s\n", comma);
	} else if (btf_is_array(t)) {
		fprintf(p->out, " [\n");
		pr_array(p, t, depth, off);
		indent(p, depth);
		fprintf(p->out, "]%s\n", comma);
	} else {
		pr_scalar(p, t, off, bit_off, bit_sz, elem);
		fprintf(p->out, "%s\n", comma);
	}
}

int dlo_print_typed(struct dlo_ctx *c, FILE *out, const struct btf *btf,
		    int32_t id, uint64_t addr, const void *data, size_t len)
{
	int64_t size = btf__resolve_size(btf, id);
	struct pr p = { .btf = btf, .out = out, .base = data, .limit = len };

	if (size < 0)
		return -EINVAL;
	if (c->printsize && c->printsize < p.limit)
		p.limit = c->printsize;
	if ((uint64_t)size < p.limit)
		p.limit = (size_t)size;
	p.truncated = p.limit < (uint64_t)size;
	fprintf(out, "0x%llx = *\n", (unsigned long long)addr);
	pr_value(&p, 0, NULL, id, 0, 0, 0, false);
	return 0;
}
