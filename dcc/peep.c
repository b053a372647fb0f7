/* SPDX-License-Identifier: MIT */
/*
 * peep.c -- peephole optimisation of the register-allocated IR.
 *
 * Patterns: drop an instruction no path reaches (the verifier refuses
 * it); drop a register write nothing reads; drop `mov rX, rX`; drop a jump
 * (or conditional jump) to the next instruction; thread a jump to a jump;
 * outside loops, turn `if c goto L1; goto L2; L1:` into `if !c goto L2`;
 * drop identity operations (x += 0, x |= 0, x *= 1, ...); merge two adds
 * of constants; drop `mov rX, imm` when rX already holds imm; fold
 * constant ALU operations on `mov rX, imm`; use the constant a register
 * is known to hold as an immediate in ALU / compare instructions; fold
 * `rY += k` into the offset of the load or store through rY that follows;
 * forward a stack store to the load right after it; reuse the register
 * that still holds a private stack slot (one whose address is never
 * taken) instead of reloading it; drop a store to a private slot that is
 * stored again before anything reads it; drop `mov rY, rX` when rY
 * already holds rX; after `mov rY, rX`, read rX instead of rY until either
 * changes (the mov then often dies).
 * There is no store-immediate pattern: the object
 * never contains BPF_ST (llvm-objdump 14 cannot disassemble it), see
 * regalloc.c.  Instructions with a CO-RE relocation keep their place and
 * offset (libbpf patches them); line info and relocation offsets are
 * computed by emit_bpf.c from what is left, so removing instructions here
 * never leaves them pointing at the wrong one.
 *
 * Each pattern is one small function in the table below; it looks at one
 * instruction (and the one that follows it) and rewrites them in place.
 * Patterns that remove a register write need to know the register is dead
 * afterwards, so every round first computes liveness of r0..r9 as one
 * 16-bit mask per instruction.  Patterns read the live-out sets of the
 * visited instruction and later ones; a rewrite only ever lengthens a live
 * range behind the visited instruction (a dropped duplicate mov) or into
 * the live-in of the next one (a forwarded register), never a live-out set
 * a later pattern reads, so one round applies every pattern it can; rounds
 * repeat until nothing changes.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/bpf.h>

#include "dcc.h"
#include "ir.h"
#include "backend.h"

struct peep {
	struct dcc *cc;
	struct ir_func *f;
	int n;
	struct ir_insn **insn;
	int *pos_label;		/* label -> index */
	uint16_t *live_out;
	int cur;		/* index of the instruction being visited */
	uint8_t *gone;		/* index -> removed in this round */
	uint8_t *in_loop;	/* index -> between a backward jump and its target */
	uint8_t *reached;	/* index -> reachable from the entry */
};


static int mentions(const struct ir_insn *in, vreg_t r)
{
	vreg_t u[16];
	int n = ir_insn_uses(in, u), i;

	n += ir_insn_defs(in, u + n);
	for (i = 0; i < n; i++)
		if (u[i] == r)
			return 1;
	return 0;
}

/* The next instruction of the same basic block that reads or writes the
 * register `in` defines (skipping comments, source lines and instructions
 * that leave it alone), or NULL at a label, jump, call or exit, or after
 * NEXT_USER_MAX instructions (a huge straight-line clause must not make
 * the peephole pass quadratic). */
enum { NEXT_USER_MAX = 256 };

static struct ir_insn *next_user(struct ir_insn *in)
{
	vreg_t r = in->dst;
	int steps = 0;

	for (in = in->next; in; in = in->next) {
		if (in->op == IR_COMMENT || in->op == IR_LOC)
			continue;
		if (in->op == IR_LABEL || in->op == IR_EXIT ||
		    ++steps > NEXT_USER_MAX)
			return NULL;
		if (mentions(in, r))
			return in;
		if (in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI)
			return NULL;
	}
	return NULL;
}

static int fits_s32(int64_t v)
{
	return v >= INT32_MIN && v <= INT32_MAX;
}

/* ---- liveness of physical registers ------------------------------------------- */

static uint16_t mask_of(vreg_t *r, int n)
{
	uint16_t m = 0;
	int i;

	for (i = 0; i < n; i++)
		if (r[i] >= 0 && r[i] < IR_FP)
			m |= 1u << r[i];
	return m;
}

static uint16_t live_in(struct peep *p, int i)
{
	vreg_t r[8];
	uint16_t m = p->live_out[i];

	m &= ~mask_of(r, ir_insn_defs(p->insn[i], r));
	return m | mask_of(r, ir_insn_uses(p->insn[i], r));
}

/* in_loop[i]: some backward jump at j >= i goes to a label at t <= i
 * (a running count of the ranges [t, j] open at i) */
static void mark_loops(struct peep *p)
{
	int *open = calloc(p->n + 2, sizeof(int)), i, t, depth = 0;

	p->in_loop = calloc(p->n + 1, 1);
	for (i = 0; i < p->n; i++) {
		const struct ir_insn *in = p->insn[i];

		if ((in->op != IR_JA && in->op != IR_JCC && in->op != IR_JCCI) ||
		    in->label < 0 || in->label >= p->f->nlabels)
			continue;
		t = p->pos_label[in->label];
		if (t <= i)
			open[t]++, open[i + 1]--;
	}
	for (i = 0; i < p->n; i++) {
		depth += open[i];
		p->in_loop[i] = depth > 0;
	}
	free(open);
}

/* reached[i]: some path from the entry gets to instruction i */
static void mark_reached(struct peep *p)
{
	int *stack = malloc((p->n + 1) * sizeof(int)), sp = 0, i;

	p->reached = calloc(p->n + 1, 1);
	if (p->n)
		stack[sp++] = 0, p->reached[0] = 1;
	while (sp) {
		const struct ir_insn *in = p->insn[i = stack[--sp]];
		int succ[2], ns = 0;

		if (in->op != IR_JA && in->op != IR_EXIT && i + 1 < p->n)
			succ[ns++] = i + 1;
		if ((in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI) &&
		    in->label >= 0 && in->label < p->f->nlabels)
			succ[ns++] = p->pos_label[in->label];
		while (ns-- > 0)
			if (!p->reached[succ[ns]])
				p->reached[succ[ns]] = 1, stack[sp++] = succ[ns];
	}
	free(stack);
}

static void index_func(struct peep *p)
{
	struct ir_insn *in;
	int i = 0;

	for (in = p->f->head; in; in = in->next)
		i++;
	p->n = i;
	p->insn = calloc(i + 1, sizeof(*p->insn));
	p->live_out = calloc(i + 1, sizeof(uint16_t));
	p->gone = calloc(i + 1, 1);
	p->pos_label = calloc(p->f->nlabels + 1, sizeof(int));
	for (in = p->f->head, i = 0; in; in = in->next, i++) {
		p->insn[i] = in;
		if (in->op == IR_LABEL && in->label >= 0 && in->label < p->f->nlabels)
			p->pos_label[in->label] = i;
	}
	mark_loops(p);
	mark_reached(p);
}

static void liveness(struct peep *p)
{
	int i, changed;

	do {
		changed = 0;
		for (i = p->n - 1; i >= 0; i--) {
			const struct ir_insn *in = p->insn[i];
			uint16_t m = 0;

			if (in->op != IR_JA && in->op != IR_EXIT && i + 1 < p->n)
				m |= live_in(p, i + 1);
			if ((in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI) &&
			    in->label >= 0 && in->label < p->f->nlabels)
				m |= live_in(p, p->pos_label[in->label]);
			changed |= m != p->live_out[i];
			p->live_out[i] = m;
		}
	} while (changed);
}

/* patterns only ask about the visited instruction and later ones, so the
 * search starts at the cursor */
static int index_of(struct peep *p, const struct ir_insn *in)
{
	int i;

	for (i = p->cur; i < p->n; i++)
		if (p->insn[i] == in)
			return i;
	for (i = 0; i < p->cur && i < p->n; i++)
		if (p->insn[i] == in)
			return i;
	return -1;
}

/* remove an instruction; the round skips it from now on */
static void drop(struct peep *p, struct ir_insn *in)
{
	int i = index_of(p, in);

	ir_unlink(p->f, in);
	if (i >= 0)
		p->gone[i] = 1;
}

/* register r is not read after instruction `in` */
static int dead_after(struct peep *p, const struct ir_insn *in, vreg_t r)
{
	int i = index_of(p, in);

	return i >= 0 && !(p->live_out[i] & (1u << r));
}

static void take_comment(struct ir_insn *to, const struct ir_insn *from)
{
	if (!to->text)
		to->text = from->text;
	if (!to->line)
		to->line = from->line;
}

/* ---- patterns ---------------------------------------------------------------------- */

/* rX = <anything without side effects>; rX not read afterwards  ->  (nothing) */
static int p_dead_def(struct peep *p, struct ir_insn *in)
{
	switch (in->op) {
	case IR_MOVI: case IR_MOV: case IR_ALU: case IR_ALUI: case IR_NEG:
	case IR_LOAD: case IR_LD_MAP: case IR_LD_DATA:
		break;
	default:
		return 0;
	}
	if (in->core || in->dst < 0 || in->dst >= IR_FP || !dead_after(p, in, in->dst))
		return 0;
	drop(p, in);
	return 1;
}

/* mov rX, rX  ->  (nothing) */
static int p_self_mov(struct peep *p, struct ir_insn *in)
{
	if (in->op != IR_MOV || in->dst != in->src || in->w32)
		return 0;
	drop(p, in);
	return 1;
}

/* ja L; L:  ->  L: */
static int p_jump_next(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *x;

	if (in->op != IR_JA)
		return 0;
	for (x = in->next; x && x->op >= IR_LABEL; x = x->next) {
		if (x->op == IR_LABEL && x->label == in->label) {
			drop(p, in);
			return 1;
		}
	}
	return 0;
}

/* the value of `mov rY, imm` when it fits a sign-extended s32 */
static int movi_imm(const struct ir_insn *in, int64_t *v)
{
	if (in->op != IR_MOVI || in->core || !fits_s32(in->imm))
		return 0;
	if (in->w32 && in->imm < 0)
		return 0;
	*v = in->imm;
	return 1;
}

/* mov rY, imm; <op> rX, rY  ->  <op_imm> rX, imm   (rY dead), for the
 * register form `op` whose immediate form is `op_imm` */
static int movi_into(struct peep *p, struct ir_insn *in, enum ir_op op,
		     enum ir_op op_imm)
{
	struct ir_insn *nx;
	int64_t v;

	if (!movi_imm(in, &v))
		return 0;
	nx = next_user(in);
	if (!nx || nx->op != op || nx->src != in->dst ||
	    nx->dst == in->dst || !dead_after(p, nx, in->dst))
		return 0;
	nx->op = op_imm;
	nx->imm = v;
	nx->src = IR_NOREG;
	take_comment(nx, in);
	drop(p, in);
	return 1;
}

/* mov rY, imm; <alu> rX, rY  ->  <alu> rX, imm   (rY dead) */
static int p_movi_alu(struct peep *p, struct ir_insn *in)
{
	return movi_into(p, in, IR_ALU, IR_ALUI);
}

/* the 64-bit value `mov rX, imm` leaves in rX (a 32-bit mov zero-extends) */
static uint64_t movi_value(const struct ir_insn *in)
{
	return in->w32 ? (uint32_t)in->imm : (uint64_t)in->imm;
}

/* mov rY, imm; ...; mov rY, imm  ->  mov rY, imm; ...   (rY unchanged in
 * between, same basic block).  Stores of constants are lowered to
 * `mov t, imm; stx` (no BPF_ST), so runs of zero stores share one mov. */
static int p_movi_dup(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *x;
	vreg_t d[8];
	int n, steps = 0;

	if (in->op != IR_MOVI || in->core)
		return 0;
	for (x = in->prev; x && steps < 64; x = x->prev, steps++) {
		if (x->op == IR_LABEL)
			return 0;
		n = ir_insn_defs(x, d);
		while (n-- > 0 && d[n] != in->dst)
			;
		if (n < 0)
			continue;
		if (x->op != IR_MOVI || x->core || movi_value(x) != movi_value(in))
			return 0;
		drop(p, in);
		return 1;
	}
	return 0;
}

/* mov rY, imm; if rX <cc> rY goto L  ->  if rX <cc> imm goto L   (rY dead) */
static int p_movi_jcc(struct peep *p, struct ir_insn *in)
{
	return movi_into(p, in, IR_JCC, IR_JCCI);
}

/* stx [fp+off], rX; ldx rY, [fp+off]  ->  stx [fp+off], rX; mov rY, rX
 * (same 8-byte slot, nothing in between but comments) */
static int p_store_load(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *nx;

	if (in->op != IR_STORE || in->dst != IR_FP || in->size != 8 || in->atomic)
		return 0;
	for (nx = in->next; nx && (nx->op == IR_COMMENT || nx->op == IR_LOC); nx = nx->next)
		;
	if (!nx || nx->op != IR_LOAD || nx->src != IR_FP || nx->size != 8 ||
	    nx->off != in->off || nx->core)
		return 0;
	nx->op = IR_MOV;
	nx->src = in->src;
	nx->off = 0;
	return 1;
}

/* Is [fp+off, fp+off+8) a slot whose address is never taken? */
static int private_slot(const struct ir_func *f, int32_t off)
{
	if (off >= -f->priv_top && off + 8 <= 0)
		return 1;
	return f->spill_hi > f->spill_lo && off >= -f->spill_hi &&
	       off + 8 <= -f->spill_lo;
}

/* stx [fp+off], rX (or ldx rX, [fp+off]); ...; ldx rY, [fp+off]
 *   ->  ...; mov rY, rX
 * for a private 8-byte slot, in the same basic block (no label between),
 * with neither rX nor the slot written in between.  Only direct accesses
 * reach a private slot, so a store through another register or a helper
 * cannot change it. */
static int p_slot_reload(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *x;
	uint16_t clob = 0;
	vreg_t d[8];
	int steps = 0;

	if (in->op != IR_LOAD || in->src != IR_FP || in->size != 8 || in->core ||
	    !private_slot(p->f, in->off))
		return 0;
	for (x = in->prev; x && steps < 128; x = x->prev, steps++) {
		if (x->op == IR_LABEL)
			return 0;
		if ((x->op == IR_STORE || x->op == IR_STOREI) && x->dst == IR_FP &&
		    x->off < in->off + 8 && x->off + x->size > in->off) {
			if (x->op != IR_STORE || x->off != in->off || x->size != 8 ||
			    x->atomic)
				return 0;
			break;
		}
		if (x->op == IR_LOAD && x->src == IR_FP && x->off == in->off &&
		    x->size == 8 && !x->core)
			break;
		clob |= mask_of(d, ir_insn_defs(x, d));
	}
	if (!x || steps >= 128)
		return 0;
	if (x->op == IR_STORE && (x->src < 0 || x->src >= IR_FP))
		return 0;
	if (x->op == IR_STORE ? clob & (1u << x->src) : clob & (1u << x->dst))
		return 0;
	in->op = IR_MOV;
	in->src = x->op == IR_STORE ? x->src : x->dst;
	in->off = 0;
	return 1;
}

/* stx [fp+off], rX; ... stx [fp+off], rY  ->  ...; stx [fp+off], rY
 * for a private 8-byte slot not read in between (same basic block; the
 * function's exit ends the slot's life too) */
static int p_dead_slot_store(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *x;
	int steps = 0;

	if (in->op != IR_STORE || in->dst != IR_FP || in->size != 8 || in->atomic ||
	    in->core || !private_slot(p->f, in->off))
		return 0;
	for (x = in->next; x && steps < 256; x = x->next, steps++) {
		if (x->op == IR_EXIT)
			break;
		if (x->op == IR_LABEL || x->op == IR_JA || x->op == IR_JCC ||
		    x->op == IR_JCCI)
			return 0;
		if (x->op == IR_LOAD && x->src == IR_FP && x->off < in->off + 8 &&
		    x->off + x->size > in->off)
			return 0;
		if ((x->op == IR_STORE || x->op == IR_STOREI) && x->dst == IR_FP &&
		    x->off < in->off + 8 && x->off + x->size > in->off) {
			if (x->off != in->off || x->size != 8 || x->atomic)
				return 0;
			break;
		}
	}
	if (!x || steps >= 256)
		return 0;
	drop(p, in);
	return 1;
}

/* mov rY, rX; ...; mov rY, rX  ->  mov rY, rX; ...   (neither written in
 * between, same basic block) */
static int p_mov_dup(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *x;
	vreg_t d[8];
	uint16_t m;
	int steps = 0;

	if (in->op != IR_MOV || in->w32 || in->dst == in->src || in->src < 0 ||
	    in->src > IR_FP || in->dst >= IR_FP)
		return 0;
	for (x = in->prev; x && steps < 64; x = x->prev, steps++) {
		if (x->op == IR_LABEL)
			return 0;
		if (x->op == IR_MOV && !x->w32 && x->dst == in->dst &&
		    x->src == in->src) {
			drop(p, in);
			return 1;
		}
		m = mask_of(d, ir_insn_defs(x, d));
		if (m & ((1u << in->dst) | (in->src < IR_FP ? 1u << in->src : 0)))
			return 0;
	}
	return 0;
}

/* Replace a read of rY by rX in x (not in calls, whose arguments are fixed
 * registers, nor in the destination of an ALU operation). */
static int subst_use(struct ir_insn *x, vreg_t ry, vreg_t rx)
{
	int n = 0;

	switch (x->op) {
	case IR_MOV: case IR_LOAD: case IR_ALU:
		if (x->src == ry)
			x->src = rx, n++;
		break;
	case IR_STORE: case IR_JCC:
		if (x->src == ry)
			x->src = rx, n++;
		/* fall through */
	case IR_STOREI: case IR_JCCI:
		if (x->dst == ry)
			x->dst = rx, n++;
		break;
	default:
		break;
	}
	return n;
}

/* mov rY, rX; ... rY ...  ->  mov rY, rX; ... rX ...   while neither rX nor
 * rY is written, in the same basic block (fall-through only) */
static int p_copy_fwd(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *x;
	vreg_t d[8];
	uint16_t m, both;
	int n = 0;

	if (in->op != IR_MOV || in->w32 || in->dst == in->src || in->src < 0 ||
	    in->src >= IR_FP || in->dst < 0 || in->dst >= IR_FP || in->core)
		return 0;
	both = (1u << in->dst) | (1u << in->src);
	for (x = in->next; x; x = x->next) {
		if (x->op == IR_LABEL || x->op == IR_EXIT || x->op == IR_JA)
			break;
		if (x->op != IR_CALL && x->op != IR_CALL_SUB)
			n += subst_use(x, in->dst, in->src);
		m = mask_of(d, ir_insn_defs(x, d));
		if (m & both)
			break;
	}
	return n > 0;
}

/* mov rY, rX; ldx rZ, [rY+off]  ->  ldx rZ, [rX+off]   (rY dead or rZ == rY) */
static int p_mov_load(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *nx;

	if (in->op != IR_MOV || in->w32 || in->dst == in->src)
		return 0;
	for (nx = in->next; nx && (nx->op == IR_COMMENT || nx->op == IR_LOC); nx = nx->next)
		;
	if (!nx || nx->op != IR_LOAD || nx->src != in->dst)
		return 0;
	if (nx->dst != in->dst && !dead_after(p, nx, in->dst))
		return 0;
	nx->src = in->src;
	take_comment(nx, in);
	drop(p, in);
	return 1;
}

/* a constant ALU operation, as BPF computes it; 0 if not foldable */
static int fold(int alu, int w32, uint64_t a, int64_t k, uint64_t *out)
{
	unsigned bits = w32 ? 32 : 64;
	uint64_t b = (uint64_t)k, r;

	if (w32)
		a = (uint32_t)a, b = (uint32_t)b;
	if ((alu == BPF_LSH || alu == BPF_RSH || alu == BPF_ARSH) && b >= bits)
		return 0;
	switch (alu) {
	case BPF_ADD: r = a + b; break;
	case BPF_SUB: r = a - b; break;
	case BPF_MUL: r = a * b; break;
	case BPF_OR: r = a | b; break;
	case BPF_AND: r = a & b; break;
	case BPF_XOR: r = a ^ b; break;
	case BPF_LSH: r = a << b; break;
	case BPF_RSH: r = a >> b; break;
	case BPF_ARSH:
		r = w32 ? (uint64_t)(uint32_t)((int32_t)a >> b) : (uint64_t)((int64_t)a >> b);
		break;
	default: return 0;
	}
	*out = w32 ? (uint32_t)r : r;
	return 1;
}

/* mov rX, imm; ...; rX <op>= k  ->  mov rX, imm <op> k */
static int p_movi_fold(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *nx;
	uint64_t v;

	if (in->op != IR_MOVI || in->core)
		return 0;
	nx = next_user(in);
	if (!nx || nx->op != IR_ALUI || nx->dst != in->dst || nx->core)
		return 0;
	if (!fold(nx->alu, nx->w32, in->w32 ? (uint32_t)in->imm : (uint64_t)in->imm,
		  nx->imm, &v))
		return 0;
	in->imm = (int64_t)v;
	in->w32 = false;
	take_comment(in, nx);
	drop(p, nx);
	return 1;
}

/* rX += 0, rX |= 0, rX *= 1, rX &= -1 ...  ->  (nothing)   (64-bit only:
 * a 32-bit operation also clears the upper half) */
static int p_alu_identity(struct peep *p, struct ir_insn *in)
{
	int64_t k = in->imm;
	bool id;

	if (in->op != IR_ALUI || in->w32 || in->core)
		return 0;
	switch (in->alu) {
	case BPF_ADD: case BPF_SUB: case BPF_OR: case BPF_XOR:
	case BPF_LSH: case BPF_RSH: case BPF_ARSH:
		id = k == 0;
		break;
	case BPF_MUL: case BPF_DIV:
		id = k == 1;
		break;
	case BPF_AND:
		id = k == -1;
		break;
	default:
		id = false;
	}
	if (!id)
		return 0;
	drop(p, in);
	return 1;
}

/* rX += a; rX += b  ->  rX += a + b   (nothing reads rX in between) */
static int p_add_add(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *nx;

	if (in->op != IR_ALUI || in->alu != BPF_ADD || in->w32 || in->core)
		return 0;
	nx = next_user(in);
	if (!nx || nx->op != IR_ALUI || nx->alu != BPF_ADD || nx->w32 || nx->core ||
	    nx->dst != in->dst || !fits_s32(in->imm + nx->imm))
		return 0;
	in->imm += nx->imm;
	take_comment(in, nx);
	drop(p, nx);
	return 1;
}

/* The constant rY holds at `in` when the last write to it in the same basic
 * block (at most 64 instructions back) is `mov rY, imm` fitting s32. */
static int known_imm(const struct ir_insn *in, vreg_t r, int64_t *v)
{
	const struct ir_insn *x;
	vreg_t d[8];
	int n, steps = 0;

	if (r < 0 || r >= IR_FP)
		return 0;
	for (x = in->prev; x && steps < 64; x = x->prev, steps++) {
		if (x->op == IR_LABEL)
			return 0;
		n = ir_insn_defs(x, d);
		while (n-- > 0 && d[n] != r)
			;
		if (n >= 0)
			return movi_imm(x, v);
	}
	return 0;
}

/* rY = imm; ...; rX <op>= rY  ->  rX <op>= imm   (and if rX <cc> rY goto:
 * if rX <cc> imm goto); the mov stays while something else reads rY */
static int p_known_src(struct peep *p, struct ir_insn *in)
{
	int64_t v;

	if ((in->op != IR_ALU && in->op != IR_JCC) || in->src == in->dst ||
	    !known_imm(in, in->src, &v))
		return 0;
	in->op = in->op == IR_ALU ? IR_ALUI : IR_JCCI;
	in->imm = v;
	in->src = IR_NOREG;
	return 1;
}

/* rY += k; ...; ldx rZ, [rY + off]  ->  ldx rZ, [rY + k + off]
 * (and the same for stx) when rY is dead after the access, or the load
 * overwrites it: the offset goes into the instruction */
static int p_addr_fold(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *nx;
	int64_t off;

	if (in->op != IR_ALUI || in->alu != BPF_ADD || in->w32 || in->core ||
	    in->dst < 0 || in->dst >= IR_FP)
		return 0;
	nx = next_user(in);
	if (!nx || nx->core)
		return 0;
	if (nx->op == IR_LOAD && nx->src == in->dst) {
		if (nx->dst != in->dst && !dead_after(p, nx, in->dst))
			return 0;
	} else if (nx->op == IR_STORE && nx->dst == in->dst && nx->src != in->dst) {
		if (!dead_after(p, nx, in->dst))
			return 0;
	} else {
		return 0;
	}
	off = nx->off + in->imm;
	if (off < INT16_MIN || off > INT16_MAX)
		return 0;
	nx->off = (int32_t)off;
	take_comment(nx, in);
	drop(p, in);
	return 1;
}

/* if rX <cc> ... goto L; L:  ->  L:   (nothing happens either way) */
static int p_jcc_next(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *x;

	if (in->op != IR_JCC && in->op != IR_JCCI)
		return 0;
	for (x = in->next; x && x->op >= IR_LABEL; x = x->next) {
		if (x->op == IR_LABEL && x->label == in->label) {
			drop(p, in);
			return 1;
		}
	}
	return 0;
}

/* the condition that is true exactly when cc is false (0: none) */
static int jcc_invert(int cc)
{
	switch (cc) {
	case BPF_JEQ: return BPF_JNE;
	case BPF_JNE: return BPF_JEQ;
	case BPF_JGT: return BPF_JLE;
	case BPF_JLE: return BPF_JGT;
	case BPF_JGE: return BPF_JLT;
	case BPF_JLT: return BPF_JGE;
	case BPF_JSGT: return BPF_JSLE;
	case BPF_JSLE: return BPF_JSGT;
	case BPF_JSGE: return BPF_JSLT;
	case BPF_JSLT: return BPF_JSGE;
	default: return 0;
	}
}

/* if c goto L1; goto L2; L1:  ->  if !c goto L2; L1:
 * Not inside a loop: the verifier explores the fall-through path first and
 * keeps the other one pending, and a loop whose body falls through to the
 * next iteration piles up one pending exit state per iteration ("The
 * sequence of 8193 jumps is too complex"). */
static int p_jcc_over_ja(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *ja, *x;
	int inv;

	if ((in->op != IR_JCC && in->op != IR_JCCI) || !(inv = jcc_invert(in->alu)) ||
	    p->in_loop[p->cur])
		return 0;
	for (ja = in->next; ja && (ja->op == IR_COMMENT || ja->op == IR_LOC); ja = ja->next)
		;
	if (!ja || ja->op != IR_JA)
		return 0;
	for (x = ja->next; x && x->op >= IR_LABEL; x = x->next) {
		if (x->op == IR_LABEL && x->label == in->label) {
			in->alu = (uint8_t)inv;
			in->label = ja->label;
			take_comment(in, ja);
			drop(p, ja);
			return 1;
		}
	}
	return 0;
}

/* The first real instruction at or after label L. */
static struct ir_insn *at_label(struct peep *p, int label)
{
	struct ir_insn *x;

	if (label < 0 || label >= p->f->nlabels)
		return NULL;
	for (x = p->insn[p->pos_label[label]]; x && x->op >= IR_LABEL; x = x->next)
		;
	return x;
}

/* goto L (or if ... goto L) where L: goto M  ->  goto M */
static int p_jump_thread(struct peep *p, struct ir_insn *in)
{
	struct ir_insn *t;

	if (in->op != IR_JA && in->op != IR_JCC && in->op != IR_JCCI)
		return 0;
	t = at_label(p, in->label);
	if (!t || t->op != IR_JA || t->label == in->label || t == in)
		return 0;
	in->label = t->label;
	return 1;
}

/* an instruction no path reaches  ->  (nothing): the verifier refuses
 * unreachable code (say, `L: goto M` once every jump to L goes to M) */
static int p_unreachable(struct peep *p, struct ir_insn *in)
{
	if (in->op >= IR_LABEL || p->reached[p->cur])
		return 0;
	drop(p, in);
	return 1;
}

typedef int (*peep_fn)(struct peep *p, struct ir_insn *in);

static const peep_fn patterns[] = {
	p_unreachable, p_dead_def, p_self_mov, p_jump_next, p_jcc_next, p_jump_thread, p_jcc_over_ja,
	p_alu_identity, p_add_add, p_movi_dup, p_movi_fold, p_movi_alu, p_movi_jcc,
	p_known_src, p_addr_fold, p_store_load, p_mov_load, p_slot_reload,
	p_dead_slot_store, p_mov_dup, p_copy_fwd,
};

static int peep_round(struct peep *p)
{
	size_t k;
	int changed = 0;

	index_func(p);
	liveness(p);
	for (p->cur = 0; p->cur < p->n; p->cur++) {
		if (p->gone[p->cur])
			continue;
		for (k = 0; k < sizeof(patterns) / sizeof(patterns[0]); k++) {
			if (patterns[k](p, p->insn[p->cur])) {
				changed = 1;
				break;
			}
		}
	}
	free(p->insn);
	free(p->live_out);
	free(p->pos_label);
	free(p->gone);
	free(p->in_loop);
	free(p->reached);
	return changed;
}

void peep_prog(struct dcc *cc, struct ir_prog *prog)
{
	struct ir_func *f;

	for (f = prog->funcs; f; f = f->next) {
		struct peep p = { .cc = cc, .f = f };
		int rounds = 0;

		while (peep_round(&p) && ++rounds < 64)
			;
	}
}
