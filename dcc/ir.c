/* SPDX-License-Identifier: MIT */
/*
 * ir.c -- construction of the IR (see ir.h) and its text form.
 *
 * Functions hold their instructions in a doubly-linked list allocated from
 * the compilation arena.  ir_func_new() starts every function with
 * `mov ctx, r1` so that codegen can use f->ctx as an ordinary vreg.  String
 * constants go to one .rodata image, deduplicated byte-wise.  ir_dump_func()
 * prints a function before or after register allocation.
 */
#include <stdarg.h>
#include <string.h>

#include <linux/bpf.h>

#include "dcc.h"
#include "ir.h"
#include "backend.h"

struct ir_prog *ir_prog_new(struct dcc *cc)
{
	struct ir_prog *p = dcc_alloc(cc, sizeof(*p));

	p->source = cc->source;
	p->filename = cc->filename;
	return p;
}

struct ir_func *ir_func_new(struct dcc *cc, struct ir_prog *p, const char *name,
			    const char *section, enum ir_func_kind kind)
{
	struct ir_func *f = dcc_alloc(cc, sizeof(*f)), **pp;

	f->name = dcc_intern(cc, name);
	f->section = dcc_intern(cc, section ? section : ".text");
	f->kind = kind;
	f->nvregs = IR_VREG0;
	for (pp = &p->funcs; *pp; pp = &(*pp)->next)
		;
	*pp = f;
	f->ctx = ir_vreg(f);
	ir_mov(cc, f, f->ctx, IR_R1)->text = "ctx";
	return f;
}

static unsigned map_hash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The slot of name in p->map_idx: its map's or an empty one. */
static struct ir_map **map_slot(struct ir_prog *p, const char *name)
{
	unsigned k = map_hash(name) & (p->nmap_idx - 1);

	while (p->map_idx[k] && strcmp(p->map_idx[k]->name, name))
		k = (k + 1) & (p->nmap_idx - 1);
	return &p->map_idx[k];
}

/* Keep the map index at most half full (the old one stays in the arena). */
static void map_idx_grow(struct dcc *cc, struct ir_prog *p)
{
	struct ir_map *m;

	if (2 * (p->nmaps + 1) <= p->nmap_idx)
		return;
	p->nmap_idx = p->nmap_idx ? p->nmap_idx * 2 : 64;
	p->map_idx = dcc_alloc(cc, p->nmap_idx * sizeof(*p->map_idx));
	for (m = p->maps; m; m = m->next)
		*map_slot(p, m->name) = m;
}

struct ir_map *ir_map_find(struct ir_prog *p, const char *name)
{
	return p->nmap_idx ? *map_slot(p, name) : NULL;
}

struct ir_map *ir_map_add(struct dcc *cc, struct ir_prog *p, const char *name,
			  uint32_t type, uint32_t ksz, uint32_t vsz, uint32_t max)
{
	struct ir_map *m, **slot;

	map_idx_grow(cc, p);
	slot = map_slot(p, name);
	if (*slot)
		return *slot;
	m = dcc_alloc(cc, sizeof(*m));
	m->name = dcc_intern(cc, name);
	m->type = type;
	m->key_size = ksz;
	m->value_size = vsz;
	m->max_entries = max;
	if (p->map_last)
		p->map_last->next = m;
	else
		p->maps = m;
	p->map_last = m;
	*slot = m;
	p->nmaps++;
	return m;
}

static uint32_t rodata_cap(uint32_t len)
{
	uint32_t cap = 256;

	while (cap < len)
		cap *= 2;
	return cap;
}

uint32_t ir_rodata_add(struct dcc *cc, struct ir_prog *p, const void *data,
		       uint32_t len)
{
	uint32_t off;

	if (len && p->rodata_len >= len) {
		const uint8_t *hit = memmem(p->rodata, p->rodata_len, data, len);

		if (hit)
			return (uint32_t)(hit - p->rodata);
	}
	if (!p->rodata || p->rodata_len + len > rodata_cap(p->rodata_len)) {
		uint8_t *n = dcc_alloc(cc, rodata_cap(p->rodata_len + len));

		if (p->rodata_len)
			memcpy(n, p->rodata, p->rodata_len);
		p->rodata = n;
	}
	off = p->rodata_len;
	memcpy(p->rodata + off, data, len);
	p->rodata_len += len;
	return off;
}

vreg_t ir_vreg(struct ir_func *f)
{
	return f->nvregs++;
}

int ir_label(struct ir_func *f)
{
	return f->nlabels++;
}

int32_t ir_stack_alloc(struct ir_func *f, uint32_t size, uint32_t align)
{
	uint32_t s = (uint32_t)f->stack_size + size;

	if (align > 1)
		s = (s + align - 1) / align * align;
	f->stack_size = (int32_t)s;
	return -(int32_t)s;
}

/* ---- builders ------------------------------------------------------------ */

struct ir_insn *ir_emit(struct dcc *cc, struct ir_func *f, enum ir_op op)
{
	struct ir_insn *in;

	if (op < IR_LABEL && ++f->nemitted > IR_MAX_INSNS)
		dcc_error(cc, (struct loc){ cc->filename, f->line }, "D_UNKNOWN",
			  "clause too large: more than %d instructions in %s",
			  IR_MAX_INSNS, f->name);
	in = dcc_alloc(cc, sizeof(*in));

	in->op = op;
	in->dst = in->src = IR_NOREG;
	in->label = -1;
	in->prev = f->tail;
	if (f->tail)
		f->tail->next = in;
	else
		f->head = in;
	f->tail = in;
	return in;
}

struct ir_insn *ir_movi(struct dcc *cc, struct ir_func *f, vreg_t d, int64_t imm)
{
	struct ir_insn *in = ir_emit(cc, f, IR_MOVI);

	in->dst = d;
	in->imm = imm;
	return in;
}

struct ir_insn *ir_mov(struct dcc *cc, struct ir_func *f, vreg_t d, vreg_t s)
{
	struct ir_insn *in = ir_emit(cc, f, IR_MOV);

	in->dst = d;
	in->src = s;
	return in;
}

/*
 * d %= x without BPF_MOD, which LLVM before 18 cannot disassemble (so
 * llvm-objdump -d of the object would show <unknown>):
 *	t = d; t /= x; t *= x; d -= t
 * Same result for x == 0 (BPF: d / 0 == 0, so d stays d, as d % 0 does).
 */
static struct ir_insn *mod_lowered(struct dcc *cc, struct ir_func *f,
				   vreg_t d, vreg_t s, int64_t imm, bool is_imm)
{
	vreg_t t = ir_vreg(f);

	ir_mov(cc, f, t, d);
	if (is_imm) {
		ir_alui(cc, f, BPF_DIV, t, imm);
		ir_alui(cc, f, BPF_MUL, t, imm);
	} else {
		ir_alu(cc, f, BPF_DIV, t, s);
		ir_alu(cc, f, BPF_MUL, t, s);
	}
	return ir_alu(cc, f, BPF_SUB, d, t);
}

struct ir_insn *ir_alu(struct dcc *cc, struct ir_func *f, int alu, vreg_t d, vreg_t s)
{
	struct ir_insn *in;

	if (alu == BPF_MOD)
		return mod_lowered(cc, f, d, s, 0, false);
	in = ir_emit(cc, f, IR_ALU);

	in->alu = (uint8_t)alu;
	in->dst = d;
	in->src = s;
	return in;
}

struct ir_insn *ir_alui(struct dcc *cc, struct ir_func *f, int alu, vreg_t d, int64_t imm)
{
	struct ir_insn *in;

	if (alu == BPF_MOD)
		return mod_lowered(cc, f, d, 0, imm, true);
	in = ir_emit(cc, f, IR_ALUI);

	in->alu = (uint8_t)alu;
	in->dst = d;
	in->imm = imm;
	return in;
}

struct ir_insn *ir_load(struct dcc *cc, struct ir_func *f, int size, vreg_t d,
			vreg_t base, int32_t off)
{
	struct ir_insn *in = ir_emit(cc, f, IR_LOAD);

	in->size = (uint8_t)size;
	in->dst = d;
	in->src = base;
	in->off = off;
	return in;
}

struct ir_insn *ir_store(struct dcc *cc, struct ir_func *f, int size, vreg_t base,
			 int32_t off, vreg_t s)
{
	struct ir_insn *in = ir_emit(cc, f, IR_STORE);

	in->size = (uint8_t)size;
	in->dst = base;
	in->src = s;
	in->off = off;
	return in;
}

struct ir_insn *ir_storei(struct dcc *cc, struct ir_func *f, int size, vreg_t base,
			  int32_t off, int32_t imm)
{
	struct ir_insn *in = ir_emit(cc, f, IR_STOREI);

	in->size = (uint8_t)size;
	in->dst = base;
	in->off = off;
	in->imm = imm;
	return in;
}

struct ir_insn *ir_ja(struct dcc *cc, struct ir_func *f, int label)
{
	struct ir_insn *in = ir_emit(cc, f, IR_JA);

	in->label = label;
	return in;
}

struct ir_insn *ir_jcc(struct dcc *cc, struct ir_func *f, int cc_, vreg_t a,
		       vreg_t b, int label)
{
	struct ir_insn *in = ir_emit(cc, f, IR_JCC);

	in->alu = (uint8_t)cc_;
	in->dst = a;
	in->src = b;
	in->label = label;
	return in;
}

struct ir_insn *ir_jcci(struct dcc *cc, struct ir_func *f, int cc_, vreg_t a,
			int64_t imm, int label)
{
	struct ir_insn *in = ir_emit(cc, f, IR_JCCI);

	in->alu = (uint8_t)cc_;
	in->dst = a;
	in->imm = imm;
	in->label = label;
	return in;
}

struct ir_insn *ir_call(struct dcc *cc, struct ir_func *f, vreg_t d, int helper,
			int nargs, const vreg_t *args)
{
	struct ir_insn *in = ir_emit(cc, f, IR_CALL);
	int i;

	in->dst = d;
	in->imm = helper;
	in->nargs = nargs > 5 ? 5 : nargs;
	for (i = 0; i < in->nargs; i++)
		in->args[i] = args[i];
	return in;
}

struct ir_insn *ir_ld_map(struct dcc *cc, struct ir_func *f, vreg_t d, const char *map)
{
	struct ir_insn *in = ir_emit(cc, f, IR_LD_MAP);

	in->dst = d;
	in->sym = dcc_intern(cc, map);
	return in;
}

struct ir_insn *ir_ld_data(struct dcc *cc, struct ir_func *f, vreg_t d, uint32_t off)
{
	struct ir_insn *in = ir_emit(cc, f, IR_LD_DATA);

	in->dst = d;
	in->imm = off;
	return in;
}

struct ir_insn *ir_ld_sec(struct dcc *cc, struct ir_func *f, vreg_t d,
			  const char *sec, uint32_t off)
{
	struct ir_insn *in = ir_ld_data(cc, f, d, off);

	in->sym = dcc_intern(cc, sec);
	return in;
}

struct ir_insn *ir_exit(struct dcc *cc, struct ir_func *f)
{
	struct ir_insn *in = ir_emit(cc, f, IR_EXIT);

	in->src = IR_R0;
	return in;
}

struct ir_insn *ir_place_label(struct dcc *cc, struct ir_func *f, int label)
{
	struct ir_insn *in = ir_emit(cc, f, IR_LABEL);

	in->label = label;
	return in;
}

struct ir_insn *ir_comment(struct dcc *cc, struct ir_func *f, const char *fmt, ...)
{
	struct ir_insn *in = ir_emit(cc, f, IR_COMMENT);
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	in->text = dcc_strdup(cc, buf);
	return in;
}

struct ir_insn *ir_loc(struct dcc *cc, struct ir_func *f, int line)
{
	struct ir_insn *in = ir_emit(cc, f, IR_LOC);

	in->imm = line;
	in->line = line;
	return in;
}

/* ---- text form ------------------------------------------------------------- */

static const char *alu_names[16] = {
	"+", "-", "*", "/", "|", "&", "<<", ">>",
	"neg", "%", "^", "mov", "s>>", "end", "?", "?",
};
static const char *jcc_names[16] = {
	"ja", "==", ">", ">=", "&", "!=", "s>", "s>=",
	"call", "exit", "<", "<=", "s<", "s<=", "?", "?",
};

const char *ir_alu_name(int alu)
{
	return alu_names[(alu >> 4) & 15];
}

const char *ir_jcc_name(int jcc)
{
	return jcc_names[(jcc >> 4) & 15];
}

static const char *reg(vreg_t r, char *buf)
{
	if (r == IR_NOREG)
		return "-";
	if (r < IR_VREG0)
		sprintf(buf, "r%d", r);
	else
		sprintf(buf, "v%d", r);
	return buf;
}

static const char *size_name(int size)
{
	switch (size) {
	case 1: return "u8";
	case 2: return "u16";
	case 4: return "u32";
	default: return "u64";
	}
}

static void dump_call(const struct ir_insn *in, FILE *out)
{
	char a[16], b[16];
	int i;

	if (in->op == IR_CALL)
		fprintf(out, "%s = call helper#%lld(", reg(in->dst, a), (long long)in->imm);
	else
		fprintf(out, "%s = call %s(", reg(in->dst, a), in->sym);
	for (i = 0; i < in->nargs; i++)
		fprintf(out, "%s%s", i ? ", " : "", reg(in->args[i], b));
	fprintf(out, ")");
}

static void dump_insn(const struct ir_insn *in, FILE *out)
{
	char a[16], b[16];
	const char *w = in->w32 ? " (w32)" : "";

	switch (in->op) {
	case IR_MOVI: fprintf(out, "%s = %lld", reg(in->dst, a), (long long)in->imm); break;
	case IR_MOV: fprintf(out, "%s = %s%s", reg(in->dst, a), reg(in->src, b), w); break;
	case IR_ALU: fprintf(out, "%s %s= %s%s", reg(in->dst, a), ir_alu_name(in->alu),
			     reg(in->src, b), w); break;
	case IR_ALUI: fprintf(out, "%s %s= %lld%s", reg(in->dst, a), ir_alu_name(in->alu),
			      (long long)in->imm, w); break;
	case IR_NEG: fprintf(out, "%s = -%s", reg(in->dst, a), reg(in->dst, b)); break;
	case IR_LOAD: fprintf(out, "%s = *(%s *)(%s %+d)", reg(in->dst, a), size_name(in->size),
			      reg(in->src, b), in->off); break;
	case IR_STORE: fprintf(out, "%s*(%s *)(%s %+d) %s= %s", in->atomic ? "lock " : "",
			       size_name(in->size), reg(in->dst, a), in->off,
			       in->atomic ? "+" : "", reg(in->src, b)); break;
	case IR_STOREI: fprintf(out, "*(%s *)(%s %+d) = %lld", size_name(in->size),
				reg(in->dst, a), in->off, (long long)in->imm); break;
	case IR_JA: fprintf(out, "goto L%d", in->label); break;
	case IR_JCC: fprintf(out, "if %s %s %s goto L%d", reg(in->dst, a), ir_jcc_name(in->alu),
			     reg(in->src, b), in->label); break;
	case IR_JCCI: fprintf(out, "if %s %s %lld goto L%d", reg(in->dst, a),
			      ir_jcc_name(in->alu), (long long)in->imm, in->label); break;
	case IR_CALL: case IR_CALL_SUB: dump_call(in, out); break;
	case IR_LD_MAP: fprintf(out, "%s = map %s", reg(in->dst, a), in->sym); break;
	case IR_LD_DATA: fprintf(out, "%s = %s + %lld", reg(in->dst, a),
				 in->sym ? in->sym : ".rodata", (long long)in->imm); break;
	case IR_EXIT: fprintf(out, "exit"); break;
	default: break;
	}
}

void ir_dump_func(const struct ir_func *f, FILE *out)
{
	const struct ir_insn *in;

	fprintf(out, "%s %s [%s] stack %d\n", f->kind == IR_FN_PROG ? "prog" : "subprog",
		f->name, f->section, f->stack_size);
	for (in = f->head; in; in = in->next) {
		if (in->op == IR_LABEL) {
			fprintf(out, "L%d:\n", in->label);
			continue;
		}
		if (in->op == IR_COMMENT) {
			fprintf(out, "\t; %s\n", in->text);
			continue;
		}
		if (in->op == IR_LOC) {
			fprintf(out, "\t; line %lld\n", (long long)in->imm);
			continue;
		}
		fputc('\t', out);
		dump_insn(in, out);
		if (in->text)
			fprintf(out, "\t; %s", in->text);
		if (in->core)
			fprintf(out, "\t; CO-RE %u:%s", in->core->btf_id, in->core->access);
		fputc('\n', out);
	}
}

/* ---- list surgery, shared by the passes that rewrite the IR ---------------- */

void ir_unlink(struct ir_func *f, struct ir_insn *in)
{
	if (in->prev)
		in->prev->next = in->next;
	else
		f->head = in->next;
	if (in->next)
		in->next->prev = in->prev;
	else
		f->tail = in->prev;
}

void ir_insert_before(struct ir_func *f, struct ir_insn *at, struct ir_insn *in)
{
	in->next = at;
	in->prev = at->prev;
	if (at->prev)
		at->prev->next = in;
	else
		f->head = in;
	at->prev = in;
}

void ir_insert_after(struct ir_func *f, struct ir_insn *at, struct ir_insn *in)
{
	in->prev = at;
	in->next = at->next;
	if (at->next)
		at->next->prev = in;
	else
		f->tail = in;
	at->next = in;
}
