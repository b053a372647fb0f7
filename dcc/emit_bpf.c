/* SPDX-License-Identifier: MIT */
/*
 * emit_bpf.c -- encode the allocated IR as struct bpf_insn.
 *
 * Two walks per function: the first gives every label its instruction
 * index (ld_imm64 takes two slots), the second encodes each instruction
 * through a table indexed by IR opcode and records relocations:
 *   IR_LD_MAP   ld_imm64 r, 0      R_BPF_64_64 against the map symbol
 *   IR_LD_DATA  ld_imm64 r, off    R_BPF_64_64 against the section symbol of
 *                                  .rodata (or of the global-data section sym)
 *   IR_CALL_SUB call -1 (src=1)    R_BPF_64_32 against the subprogram
 *   ir_core     CO-RE record in .BTF.ext (btf_out.c)
 * It also fills the per-instruction source line and comment arrays.
 *
 * Long branches: BPF jumps reach +-32767 instructions (gotol, the 32-bit
 * form, is too recent for the llvm-objdump users have), so before encoding
 * a function whose jumps reach farther, relax() inserts "islands" of
 * trampolines every RELAX_GAP instructions, where control never falls
 * in (after a ja/exit, or behind a "ja over"):
 *     if r1 == 0 goto far    ->    if r1 == 0 goto T1
 *     ...                          ...  T1: ja T2  ...  T2: ja far
 * Only the trampolines some jump uses exist (the verifier refuses
 * unreachable instructions).
 */
#include <stdlib.h>
#include <string.h>

#include <linux/bpf.h>

#include "dcc.h"
#include "ir.h"
#include "backend.h"

struct emit {
	struct dcc *cc;
	struct ir_func *f;
	int *label_idx;
	int idx;		/* index of the instruction being encoded */
	int line;		/* current source line */
};

static int fits_s32(int64_t v)
{
	return v >= INT32_MIN && v <= INT32_MAX;
}

int emit_is_ldimm64(const struct ir_insn *in)
{
	switch (in->op) {
	case IR_LD_MAP: case IR_LD_DATA:
		return 1;
	case IR_MOVI:
		return !fits_s32(in->imm) &&
		       !(in->w32 && in->imm >= 0 && in->imm <= UINT32_MAX);
	default:
		return 0;
	}
}

int emit_insn_slots(const struct ir_insn *in)
{
	if (in->op >= IR_LABEL)
		return 0;
	return emit_is_ldimm64(in) ? 2 : 1;
}

static __attribute__((noreturn)) void bad(struct emit *e, const char *what)
{
	dcc_error(e->cc, (struct loc){ e->cc->filename, e->line }, "D_UNKNOWN",
		  "internal error: %s in %s", what, e->f->name);
}

static uint8_t reg(struct emit *e, vreg_t r)
{
	if (r < 0 || r > IR_FP)
		bad(e, "unallocated register");
	return (uint8_t)r;
}

static uint8_t size_code(struct emit *e, int size)
{
	switch (size) {
	case 1: return BPF_B;
	case 2: return BPF_H;
	case 4: return BPF_W;
	case 8: return BPF_DW;
	}
	bad(e, "bad memory access size");
}

static int32_t imm32(struct emit *e, int64_t v)
{
	if (!fits_s32(v))
		bad(e, "immediate does not fit in 32 bits");
	return (int32_t)v;
}

static struct bpf_insn *slot(struct emit *e)
{
	return &e->f->insns[e->idx];
}

static void add_reloc(struct emit *e, enum ir_reloc_kind kind, const char *sym,
		      const struct ir_core *core)
{
	struct ir_reloc *r = &e->f->relocs[e->f->nrelocs++];

	r->kind = kind;
	r->insn = e->idx;
	r->sym = sym;
	if (core)
		r->core = *core;
}

static void ldimm64(struct emit *e, const struct ir_insn *in, uint64_t v)
{
	struct bpf_insn *x = slot(e);

	x[0].code = BPF_LD | BPF_DW | BPF_IMM;
	x[0].dst_reg = reg(e, in->dst);
	x[0].imm = (int32_t)(uint32_t)v;
	x[1].imm = (int32_t)(uint32_t)(v >> 32);
}

/* ---- one function per opcode ------------------------------------------------ */

static void enc_movi(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	if (emit_is_ldimm64(in)) {
		ldimm64(e, in, (uint64_t)in->imm);
		return;
	}
	x->code = (in->w32 ? BPF_ALU : BPF_ALU64) | BPF_MOV | BPF_K;
	x->dst_reg = reg(e, in->dst);
	x->imm = (int32_t)in->imm;
}

static void enc_mov(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = (in->w32 ? BPF_ALU : BPF_ALU64) | BPF_MOV | BPF_X;
	x->dst_reg = reg(e, in->dst);
	x->src_reg = reg(e, in->src);
}

static void enc_alu(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = (in->w32 ? BPF_ALU : BPF_ALU64) | BPF_OP(in->alu) | BPF_X;
	x->dst_reg = reg(e, in->dst);
	x->src_reg = reg(e, in->src);
}

static void enc_alui(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = (in->w32 ? BPF_ALU : BPF_ALU64) | BPF_OP(in->alu) | BPF_K;
	x->dst_reg = reg(e, in->dst);
	x->imm = imm32(e, in->imm);
}

static void enc_neg(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = (in->w32 ? BPF_ALU : BPF_ALU64) | BPF_NEG;
	x->dst_reg = reg(e, in->dst);
}

static void enc_load(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = BPF_LDX | BPF_MEM | size_code(e, in->size);
	x->dst_reg = reg(e, in->dst);
	x->src_reg = reg(e, in->src);
	x->off = (int16_t)in->off;
	if (in->off < INT16_MIN || in->off > INT16_MAX)
		bad(e, "memory offset out of range");
}

static void enc_store(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = BPF_STX | (in->atomic ? BPF_ATOMIC : BPF_MEM) |
		  size_code(e, in->size);
	x->imm = in->atomic ? BPF_ADD : 0;	/* lock *(dst + off) += src */
	x->dst_reg = reg(e, in->dst);
	x->src_reg = reg(e, in->src);
	x->off = (int16_t)in->off;
	if (in->off < INT16_MIN || in->off > INT16_MAX)
		bad(e, "memory offset out of range");
}

/* regalloc.c lowers IR_STOREI to mov + stx: the object never holds BPF_ST,
 * which llvm-objdump 14 cannot disassemble */
static void enc_storei(struct emit *e, const struct ir_insn *in)
{
	bad(e, "store-immediate not lowered");
}

static int16_t jump_off(struct emit *e, const struct ir_insn *in)
{
	int target, d;

	if (in->label < 0 || in->label >= e->f->nlabels ||
	    (target = e->label_idx[in->label]) < 0)
		bad(e, "jump to an undefined label");
	d = target - (e->idx + 1);
	if (d < INT16_MIN || d > INT16_MAX)
		dcc_error(e->cc, (struct loc){ e->cc->filename, e->line }, "D_UNKNOWN",
			  "jump offset %d out of range in %s: clause too large", d,
			  e->f->name);
	return (int16_t)d;
}

static void enc_ja(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = BPF_JMP | BPF_JA;
	x->off = jump_off(e, in);
}

static void enc_jcc(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = (in->w32 ? BPF_JMP32 : BPF_JMP) | BPF_OP(in->alu) | BPF_X;
	x->dst_reg = reg(e, in->dst);
	x->src_reg = reg(e, in->src);
	x->off = jump_off(e, in);
}

static void enc_jcci(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = (in->w32 ? BPF_JMP32 : BPF_JMP) | BPF_OP(in->alu) | BPF_K;
	x->dst_reg = reg(e, in->dst);
	x->imm = imm32(e, in->imm);
	x->off = jump_off(e, in);
}

static void enc_call(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = BPF_JMP | BPF_CALL;
	x->imm = imm32(e, in->imm);
}

static void enc_call_sub(struct emit *e, const struct ir_insn *in)
{
	struct bpf_insn *x = slot(e);

	x->code = BPF_JMP | BPF_CALL;
	x->src_reg = BPF_PSEUDO_CALL;
	x->imm = -1;	/* libbpf: target = symbol + imm + 1 */
	add_reloc(e, IR_RELOC_SUB, in->sym, NULL);
}

static void enc_ld_map(struct emit *e, const struct ir_insn *in)
{
	ldimm64(e, in, 0);
	add_reloc(e, IR_RELOC_MAP, in->sym, NULL);
}

static void enc_ld_data(struct emit *e, const struct ir_insn *in)
{
	ldimm64(e, in, (uint64_t)in->imm);
	slot(e)[1].imm = 0;
	add_reloc(e, IR_RELOC_DATA, in->sym ? in->sym : ".rodata", NULL);
}

static void enc_exit(struct emit *e, const struct ir_insn *in)
{
	slot(e)->code = BPF_JMP | BPF_EXIT;
}

typedef void (*enc_fn)(struct emit *e, const struct ir_insn *in);

static const enc_fn encoders[] = {
	[IR_MOVI] = enc_movi,		[IR_MOV] = enc_mov,
	[IR_ALU] = enc_alu,		[IR_ALUI] = enc_alui,
	[IR_NEG] = enc_neg,		[IR_LOAD] = enc_load,
	[IR_STORE] = enc_store,		[IR_STOREI] = enc_storei,
	[IR_JA] = enc_ja,		[IR_JCC] = enc_jcc,
	[IR_JCCI] = enc_jcci,		[IR_CALL] = enc_call,
	[IR_CALL_SUB] = enc_call_sub,	[IR_LD_MAP] = enc_ld_map,
	[IR_LD_DATA] = enc_ld_data,	[IR_EXIT] = enc_exit,
};

/* ---- driver ------------------------------------------------------------------ */

/* label positions and sizes; returns the instruction count */
static int layout(struct emit *e, int *nrelocs)
{
	const struct ir_insn *in;
	int n = 0, i;

	for (i = 0; i < e->f->nlabels; i++)
		e->label_idx[i] = -1;
	*nrelocs = 0;
	for (in = e->f->head; in; in = in->next) {
		if (in->op == IR_LABEL && in->label >= 0 && in->label < e->f->nlabels)
			e->label_idx[in->label] = n;
		n += emit_insn_slots(in);
		*nrelocs += in->op == IR_LD_MAP || in->op == IR_LD_DATA ||
			    in->op == IR_CALL_SUB || in->core;
	}
	return n;
}

/* ---- long branches ------------------------------------------------------------ */

#define RELAX_REACH	30000	/* farther jumps go through islands */
#define RELAX_GAP	12288	/* at most this far between island sites */

struct island {
	struct ir_insn *after;	/* the island goes after this instruction */
	int pos;		/* its instruction index (before relaxation) */
	bool skip;		/* `after` falls through: start with "ja over" */
	int *entry;		/* trampoline label per far target, -1: none */
};

struct relax {
	struct emit *e;
	struct island *isl;
	int nisl;
	int *tgt;		/* far target number per label, -1: none */
	int ntgt;
};

static int is_jump(const struct ir_insn *in)
{
	return in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI;
}

static struct ir_insn *new_insn(struct dcc *cc, enum ir_op op, int label)
{
	struct ir_insn *in = dcc_alloc(cc, sizeof(*in));

	in->op = op;
	in->dst = in->src = IR_NOREG;
	in->label = label;
	return in;
}


/* Island sites: after a ja/exit once RELAX_GAP/2 instructions have
 * passed since the last one, or anywhere once RELAX_GAP have. */
static void relax_sites(struct relax *r, int ninsns)
{
	struct ir_insn *in;
	int pos = 0, last = 0;

	r->isl = dcc_alloc(r->e->cc, (ninsns / (RELAX_GAP / 2) + 2) * sizeof(*r->isl));
	for (in = r->e->f->head; in; in = in->next) {
		bool brk = in->op == IR_EXIT || in->op == IR_JA;

		pos += emit_insn_slots(in);
		if (in->op >= IR_LABEL || !in->next ||
		    pos - last < (brk ? RELAX_GAP / 2 : RELAX_GAP))
			continue;
		r->isl[r->nisl++] = (struct island){ .after = in, .pos = pos,
						     .skip = !brk };
		last = pos;
	}
}

/* the trampoline label for far target t in island i (made on demand) */
static int relax_entry(struct relax *r, int i, int t)
{
	struct island *is = &r->isl[i];
	int k;

	if (!is->entry) {
		is->entry = dcc_alloc(r->e->cc, r->ntgt * sizeof(int));
		for (k = 0; k < r->ntgt; k++)
			is->entry[k] = -1;
	}
	if (is->entry[t] < 0)
		is->entry[t] = ir_label(r->e->f);
	return is->entry[t];
}

/* route the jump at pos to label_idx T through the islands toward it */
static void relax_jump(struct relax *r, struct ir_insn *in, int pos, int T)
{
	int t = r->tgt[in->label], i, dir = T > pos ? 1 : -1;

	if (dir > 0)
		for (i = 0; i < r->nisl && r->isl[i].pos <= pos; i++)
			;
	else
		for (i = r->nisl - 1; i >= 0 && r->isl[i].pos > pos; i--)
			;
	if (i < 0 || i >= r->nisl)
		return;		/* no island: jump_off() reports it */
	in->label = relax_entry(r, i, t);
	for (; i >= 0 && i < r->nisl && abs(T - r->isl[i].pos) > RELAX_REACH; i += dir)
		if (i + dir >= 0 && i + dir < r->nisl)
			relax_entry(r, i + dir, t);
}

/* Emit island i: [ja over;] T_t: ja (next island's T_t, or the target) */
static void relax_island(struct relax *r, int i, const int *tlabel)
{
	struct island *is = &r->isl[i];
	struct ir_insn *at = is->after, *x;
	int t, over = -1, dir, to;

	if (!is->entry)
		return;
	if (is->skip) {
		over = ir_label(r->e->f);
		ir_insert_after(r->e->f, at, x = new_insn(r->e->cc, IR_JA, over));
		x->text = "long-branch island: jump over it";
		at = x;
	}
	for (t = 0; t < r->ntgt; t++) {
		if (is->entry[t] < 0)
			continue;
		to = tlabel[t];
		dir = r->e->label_idx[to] > is->pos ? 1 : -1;
		if (i + dir >= 0 && i + dir < r->nisl && r->isl[i + dir].entry &&
		    r->isl[i + dir].entry[t] >= 0 &&
		    abs(r->e->label_idx[to] - is->pos) > RELAX_REACH)
			to = r->isl[i + dir].entry[t];
		ir_insert_after(r->e->f, at, x = new_insn(r->e->cc, IR_LABEL, is->entry[t]));
		ir_insert_after(r->e->f, x, at = new_insn(r->e->cc, IR_JA, to));
		at->text = "long-branch trampoline";
	}
	if (over >= 0)
		ir_insert_after(r->e->f, at, new_insn(r->e->cc, IR_LABEL, over));
}

/* Route the jumps that reach farther than RELAX_REACH through islands;
 * returns true if it changed the function (layout again). */
static bool relax(struct emit *e, int ninsns)
{
	struct relax r = { .e = e };
	struct ir_insn *in;
	int pos = 0, i, *tlabel;

	r.tgt = dcc_alloc(e->cc, (e->f->nlabels + 1) * sizeof(int));
	tlabel = dcc_alloc(e->cc, (e->f->nlabels + 1) * sizeof(int));
	for (i = 0; i < e->f->nlabels; i++)
		r.tgt[i] = -1;
	for (in = e->f->head; in; pos += emit_insn_slots(in), in = in->next)
		if (is_jump(in) && in->label >= 0 && in->label < e->f->nlabels &&
		    e->label_idx[in->label] >= 0 &&
		    abs(e->label_idx[in->label] - (pos + 1)) > RELAX_REACH &&
		    r.tgt[in->label] < 0) {
			tlabel[r.ntgt] = in->label;
			r.tgt[in->label] = r.ntgt++;
		}
	if (!r.ntgt)
		return false;
	relax_sites(&r, ninsns);
	pos = 0;
	for (in = e->f->head; in; pos += emit_insn_slots(in), in = in->next)
		if (is_jump(in) && in->label >= 0 && in->label < e->f->nlabels &&
		    r.tgt[in->label] >= 0 &&
		    abs(e->label_idx[in->label] - (pos + 1)) > RELAX_REACH)
			relax_jump(&r, in, pos, e->label_idx[in->label]);
	for (i = 0; i < r.nisl; i++)
		relax_island(&r, i, tlabel);
	return true;
}

static void encode_one(struct emit *e, const struct ir_insn *in)
{
	int k, n = emit_insn_slots(in);

	if (in->line > 0)
		e->line = in->line;
	encoders[in->op](e, in);
	if (in->core)
		add_reloc(e, IR_RELOC_CORE, NULL, in->core);
	for (k = 0; k < n; k++) {
		e->f->insn_line[e->idx + k] = e->line;
		e->f->insn_text[e->idx + k] = k ? NULL : in->text;
	}
	e->idx += n;
}

static void emit_func(struct dcc *cc, struct ir_func *f)
{
	struct emit e = { .cc = cc, .f = f, .line = f->line };
	const struct ir_insn *in;
	int nrel;

	e.label_idx = dcc_alloc(cc, (f->nlabels + 1) * sizeof(int));
	f->ninsns = layout(&e, &nrel);
	if (f->ninsns > RELAX_REACH && relax(&e, f->ninsns)) {
		e.label_idx = dcc_alloc(cc, (f->nlabels + 1) * sizeof(int));
		f->ninsns = layout(&e, &nrel);
	}
	f->insns = dcc_alloc(cc, (f->ninsns + 1) * sizeof(struct bpf_insn));
	f->insn_line = dcc_alloc(cc, (f->ninsns + 1) * sizeof(int));
	f->insn_text = dcc_alloc(cc, (f->ninsns + 1) * sizeof(char *));
	f->relocs = dcc_alloc(cc, (nrel + 1) * sizeof(struct ir_reloc));
	f->nrelocs = 0;
	for (in = f->head; in; in = in->next) {
		if (in->op == IR_LOC)
			e.line = (int)in->imm;
		else if (in->op < IR_LABEL)
			encode_one(&e, in);
	}
	if (f->ninsns == 0 || (f->insns[f->ninsns - 1].code != (BPF_JMP | BPF_EXIT) &&
			       f->insns[f->ninsns - 1].code != (BPF_JMP | BPF_JA)))
		bad(&e, "function does not end with exit");
}

void emit_bpf_prog(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f;

	for (f = p->funcs; f; f = f->next)
		emit_func(cc, f);
}
