/* SPDX-License-Identifier: MIT */
/*
 * regalloc.c -- register allocation: virtual registers to r0..r9.
 *
 * For every function:
 *   0. promote: a private stack slot (ir.h: priv_top, the context slots
 *      of ctx, g and s) that is stored once, before every load of it on
 *      every path, becomes a vreg (the loads become moves), so that the
 *      scratch and globals pointers can stay in r6..r9 across helper calls
 *      instead of being reloaded after each;
 *   1. lower: argument vregs are moved to r1..r5 before IR_CALL /
 *      IR_CALL_SUB and the result is moved out of r0 after it; immediates
 *      beyond s32 and memory offsets beyond s16 go through a register;
 *      store-immediate (IR_STOREI) becomes `mov t, imm; stx`, because
 *      llvm-objdump 14 cannot disassemble BPF_ST (it prints <unknown>);
 *   2. compute liveness per instruction over the CFG (labels and jumps);
 *   3. build the interference graph: vreg x vreg as a bit matrix, vreg x
 *      physical register as a mask (calls clobber r0..r5, so a vreg live
 *      across a call can only get r6..r9), and spill weights (references,
 *      eight times inside a loop, over the length of the live range);
 *   4. colour greedily in program order, spill temporaries first, preferring
 *      the register of a move partner (so most moves become `mov rX, rX`,
 *      which peep.c drops), then caller-saved r1..r5, r0, then r6..r9;
 *      a vreg that finds no colour takes the register of the neighbour of
 *      lowest spill weight when that weighs less than itself;
 *   5. spill the vregs left without a colour: an 8-byte stack slot below
 *      the codegen's stack area, each use becomes `ldxdw t, [fp-off]` and
 *      each def `stxdw [fp-off], t` on fresh short-lived temporaries (a
 *      move to or from the vreg becomes the load or store itself), and
 *      start again.
 * Finally every operand is rewritten to its physical register.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/bpf.h>

#include "dcc.h"
#include "ir.h"
#include "backend.h"

#define NPHYS		10	/* r0..r9 allocatable, r10 is fp */
#define MAX_ROUNDS	32
#define BPF_STACK	512

struct ra {
	struct dcc *cc;
	struct ir_func *f;
	int n;				/* registers: 0..n-1 (vregs from IR_VREG0) */
	int w;				/* 64-bit words per register set */
	int ninsn;
	struct ir_insn **insn;
	int *label_pos;			/* label -> index in insn[] */
	uint64_t *live;			/* live-out set per instruction */
	uint64_t *inter;		/* n x n interference bits */
	uint16_t *pmask;		/* physical registers a vreg may not get */
	int *color;			/* -1: none, -2: spilled */
	int *first;			/* first instruction mentioning the reg */
	int *last;			/* last instruction mentioning the reg */
	uint32_t *refs;			/* uses + defs (x8 inside a loop) */
	uint32_t *span;			/* instructions the reg is live after */
	uint8_t *is_temp;		/* vreg class (grown as needed): */
#define RA_TEMP		1		/*   spill temporary, coloured first */
#define RA_SLOT		2		/*   promoted slot, evicted first */
	int ntemp_cap;
	int32_t *slot;			/* spill slot id + 1 of a vreg, 0 = none */
	int nslot_cap;
	int nslots;			/* spill slots handed out */
	int slot_mode;			/* liveness over spill slots, not regs */
};

static const char spill_text[] = "spill", reload_text[] = "reload";

static void ra_free(struct ra *ra);
static void grow(void **p, int *cap, int need, size_t elt);

/* ---- operands --------------------------------------------------------------- */

static int is_alloc_reg(vreg_t r)
{
	return r >= 0 && r != IR_FP;
}

/* Registers an instruction reads. */
int ir_insn_uses(const struct ir_insn *in, vreg_t *u)
{
	int n = 0, i;

	switch (in->op) {
	case IR_MOV: case IR_LOAD:
		u[n++] = in->src; break;
	case IR_ALU: case IR_STORE: case IR_JCC:
		u[n++] = in->dst; u[n++] = in->src; break;
	case IR_ALUI: case IR_NEG: case IR_STOREI: case IR_JCCI:
		u[n++] = in->dst; break;
	case IR_CALL: case IR_CALL_SUB:
		for (i = 0; i < in->nargs; i++)
			u[n++] = in->args[i];
		break;
	case IR_EXIT:
		u[n++] = IR_R0; break;
	default:
		break;
	}
	return n;
}

/* Registers an instruction writes (a call clobbers r0..r5). */
int ir_insn_defs(const struct ir_insn *in, vreg_t *d)
{
	int n = 0, i;

	switch (in->op) {
	case IR_MOVI: case IR_MOV: case IR_ALU: case IR_ALUI: case IR_NEG:
	case IR_LOAD: case IR_LD_MAP: case IR_LD_DATA:
		d[n++] = in->dst; break;
	case IR_CALL: case IR_CALL_SUB:
		for (i = 0; i <= IR_R5; i++)
			d[n++] = i;
		break;
	default:
		break;
	}
	return n;
}

static int mentions(vreg_t *set, int n, vreg_t r)
{
	int i;

	for (i = 0; i < n; i++)
		if (set[i] == r)
			return 1;
	return 0;
}

/* ---- instruction list editing ---------------------------------------------- */

static struct ir_insn *new_insn(struct dcc *cc, enum ir_op op)
{
	struct ir_insn *in = dcc_alloc(cc, sizeof(*in));

	in->op = op;
	in->dst = in->src = IR_NOREG;
	in->label = -1;
	return in;
}



static struct ir_insn *mk_mov(struct dcc *cc, vreg_t d, vreg_t s, int line)
{
	struct ir_insn *in = new_insn(cc, IR_MOV);

	in->dst = d;
	in->src = s;
	in->line = line;
	return in;
}

/* mov r1..r5 <- args before the call, mov dst <- r0 after it */
static void lower_call(struct dcc *cc, struct ir_func *f, struct ir_insn *in)
{
	int i;

	for (i = 0; i < in->nargs; i++) {
		if (in->args[i] != IR_R1 + i)
			ir_insert_before(f, in, mk_mov(cc, IR_R1 + i, in->args[i], in->line));
		in->args[i] = IR_R1 + i;
	}
	if (in->dst != IR_NOREG && in->dst != IR_R0)
		ir_insert_after(f, in, mk_mov(cc, in->dst, IR_R0, in->line));
	in->dst = IR_R0;
}

/* codegen bugs show up here rather than as a bad encoding later */
static void check_operands(struct dcc *cc, struct ir_func *f, const struct ir_insn *in)
{
	vreg_t r[16];
	int n = ir_insn_uses(in, r), i;

	if (in->op != IR_CALL && in->op != IR_CALL_SUB)
		n += ir_insn_defs(in, r + n);
	for (i = 0; i < n; i++)
		if (r[i] < 0 || r[i] >= f->nvregs || (r[i] > IR_FP && r[i] < IR_VREG0))
			dcc_error(cc, (struct loc){ cc->filename, in->line ? in->line : f->line },
				  "D_UNKNOWN", "internal error: IR instruction %d in %s has "
				  "register operand %d", (int)in->op, f->name, (int)r[i]);
}

static int fits(int64_t v, int64_t lo, int64_t hi)
{
	return v >= lo && v <= hi;
}

/* an immediate that does not fit s32 goes through a register first:
 *   rX <op>= imm  ->  t = imm (ld_imm64); rX <op>= t   (same for if rX <cc> imm) */
static void legalize_imm(struct dcc *cc, struct ir_func *f, struct ir_insn *in)
{
	struct ir_insn *mv;
	vreg_t t;

	if ((in->op != IR_ALUI && in->op != IR_JCCI) || in->core ||
	    fits(in->imm, INT32_MIN, INT32_MAX))
		return;
	t = ir_vreg(f);
	mv = new_insn(cc, IR_MOVI);
	mv->dst = t, mv->imm = in->imm, mv->line = in->line;
	ir_insert_before(f, in, mv);
	in->op = in->op == IR_ALUI ? IR_ALU : IR_JCC;
	in->src = t;
	in->imm = 0;
}

/* a memory offset that does not fit s16 is added to a copy of the base:
 *   *(rB + off)  ->  t = rB; t += off; *(t + 0) */
static void legalize_off(struct dcc *cc, struct ir_func *f, struct ir_insn *in)
{
	vreg_t *base, t;
	struct ir_insn *x;

	if (in->op == IR_LOAD)
		base = &in->src;
	else if (in->op == IR_STORE)
		base = &in->dst;
	else
		return;
	if (in->core || fits(in->off, INT16_MIN, INT16_MAX))
		return;
	t = ir_vreg(f);
	ir_insert_before(f, in, mk_mov(cc, t, *base, in->line));
	x = new_insn(cc, IR_ALUI);
	x->alu = BPF_ADD, x->dst = t, x->imm = in->off, x->line = in->line;
	ir_insert_before(f, in, x);
	*base = t;
	in->off = 0;
}

/* no BPF_ST in the object (llvm-objdump 14 prints it as <unknown>):
 *   *(size *)(rB + off) = imm  ->  t = imm; *(size *)(rB + off) = t
 * peep.c drops the mov when t already holds imm from an earlier store */
static void lower_storei(struct dcc *cc, struct ir_func *f, struct ir_insn *in)
{
	struct ir_insn *mv;
	vreg_t t;

	if (in->op != IR_STOREI)
		return;
	t = ir_vreg(f);
	mv = new_insn(cc, IR_MOVI);
	mv->dst = t, mv->imm = (int32_t)in->imm, mv->line = in->line;
	ir_insert_before(f, in, mv);
	in->op = IR_STORE;
	in->src = t;
	in->imm = 0;
}

static void lower_func(struct dcc *cc, struct ir_func *f)
{
	struct ir_insn *in;

	for (in = f->head; in; in = in->next) {
		check_operands(cc, f, in);
		lower_storei(cc, f, in);
		legalize_imm(cc, f, in);
		legalize_off(cc, f, in);
		if (in->op == IR_CALL || in->op == IR_CALL_SUB)
			lower_call(cc, f, in);
	}
}

/* ---- liveness ------------------------------------------------------------------ */

static void index_insns(struct ra *ra)
{
	struct ir_insn *in;
	int n = 0, i;

	for (in = ra->f->head; in; in = in->next)
		n++;
	ra->ninsn = n;
	ra->insn = calloc(n + 1, sizeof(*ra->insn));
	ra->label_pos = calloc(ra->f->nlabels + 1, sizeof(int));
	for (i = 0; i <= ra->f->nlabels; i++)
		ra->label_pos[i] = -1;
	for (in = ra->f->head, i = 0; in; in = in->next, i++) {
		ra->insn[i] = in;
		if (in->op == IR_LABEL && in->label >= 0 && in->label < ra->f->nlabels)
			ra->label_pos[in->label] = i;
	}
}

static int jump_target(struct ra *ra, const struct ir_insn *in)
{
	if (in->label < 0 || in->label >= ra->f->nlabels ||
	    ra->label_pos[in->label] < 0)
		dcc_error(ra->cc, (struct loc){ ra->cc->filename, ra->f->line }, "D_UNKNOWN",
			  "internal error: jump to undefined label L%d in %s",
			  in->label, ra->f->name);
	return ra->label_pos[in->label];
}

#define SET(s, r)	((s)[(r) >> 6] |= 1ull << ((r) & 63))
#define CLR(s, r)	((s)[(r) >> 6] &= ~(1ull << ((r) & 63)))
#define HAS(s, r)	(((s)[(r) >> 6] >> ((r) & 63)) & 1)

static int tracked(struct ra *ra, vreg_t r)
{
	return ra->slot_mode ? r >= 0 : is_alloc_reg(r);
}

/* What liveness tracks: registers, or (slot_mode) spill slots, where a
 * spill store defines its slot and a reload uses it. */
static int ref_uses(struct ra *ra, const struct ir_insn *in, vreg_t *r)
{
	if (!ra->slot_mode)
		return ir_insn_uses(in, r);
	if (in->op == IR_LOAD && in->text == reload_text) {
		r[0] = (vreg_t)in->imm;
		return 1;
	}
	return 0;
}

static int ref_defs(struct ra *ra, const struct ir_insn *in, vreg_t *r)
{
	if (!ra->slot_mode)
		return ir_insn_defs(in, r);
	if (in->op == IR_STORE && in->text == spill_text) {
		r[0] = (vreg_t)in->imm;
		return 1;
	}
	return 0;
}

/* live-in of instruction i into tmp; its live-out is ra->live[i] */
static void live_in(struct ra *ra, int i, uint64_t *tmp)
{
	vreg_t r[16];
	int k, n;

	memcpy(tmp, ra->live + (size_t)i * ra->w, ra->w * sizeof(uint64_t));
	n = ref_defs(ra, ra->insn[i], r);
	for (k = 0; k < n; k++)
		if (tracked(ra, r[k]))
			CLR(tmp, r[k]);
	n = ref_uses(ra, ra->insn[i], r);
	for (k = 0; k < n; k++)
		if (tracked(ra, r[k]))
			SET(tmp, r[k]);
}

static int merge(uint64_t *dst, const uint64_t *src, int w)
{
	int k, changed = 0;

	for (k = 0; k < w; k++) {
		uint64_t v = dst[k] | src[k];

		changed |= v != dst[k];
		dst[k] = v;
	}
	return changed;
}

static int live_step(struct ra *ra, int i, uint64_t *tmp)
{
	const struct ir_insn *in = ra->insn[i];
	uint64_t *out = ra->live + (size_t)i * ra->w;
	int changed = 0;

	if (in->op != IR_JA && in->op != IR_EXIT && i + 1 < ra->ninsn) {
		live_in(ra, i + 1, tmp);
		changed |= merge(out, tmp, ra->w);
	}
	if (in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI) {
		live_in(ra, jump_target(ra, in), tmp);
		changed |= merge(out, tmp, ra->w);
	}
	return changed;
}

static void liveness(struct ra *ra)
{
	uint64_t *tmp = calloc(ra->w, sizeof(uint64_t));
	int i, changed;

	ra->live = calloc((size_t)ra->ninsn * ra->w + 1, sizeof(uint64_t));
	do {
		changed = 0;
		for (i = ra->ninsn - 1; i >= 0; i--)
			changed |= live_step(ra, i, tmp);
	} while (changed);
	free(tmp);
}

/* ---- private stack slots to registers ------------------------------------------
 * A private slot (ir.h: [fp - priv_top, fp), only direct loads and stores
 * reach it) that is stored once, by a store every load of it comes after
 * on every path, is a value in a register:
 *   *(u64 *)(fp + k) = v   ->  p = v	(a fresh vreg, defined once)
 *   x = *(u64 *)(fp + k)   ->  x = p
 * Colouring then keeps p in r6..r9 across helper calls when one is free
 * (no reload after every call), and spills it as before when none is. */

struct slot_use {
	struct ir_insn *store;
	int nstores;
	bool bad;		/* an access that is not a whole 8-byte word */
};

static int slot_index(const struct ir_func *f, const struct ir_insn *in)
{
	int32_t off;

	if (in->op == IR_LOAD && in->src == IR_FP)
		off = in->off;
	else if ((in->op == IR_STORE || in->op == IR_STOREI) && in->dst == IR_FP)
		off = in->off;
	else
		return -1;
	if (off < -f->priv_top || off >= 0)
		return -1;
	return (int)((off + f->priv_top) / 8);
}

/* Can a load of slot k be reached from the entry without passing `store`? */
static bool load_before_store(struct ra *ra, int k, const struct ir_insn *store)
{
	uint8_t *seen = calloc(ra->ninsn + 1, 1);
	int *stack = malloc((ra->ninsn + 1) * sizeof(int)), sp = 0, i;
	bool hit = false;

	if (ra->ninsn)
		stack[sp++] = 0, seen[0] = 1;
	while (sp && !hit) {
		const struct ir_insn *in = ra->insn[i = stack[--sp]];
		int succ[2], ns = 0, j;

		if (in == store)
			continue;
		if (in->op == IR_LOAD && slot_index(ra->f, in) == k)
			hit = true;
		if (in->op != IR_JA && in->op != IR_EXIT && i + 1 < ra->ninsn)
			succ[ns++] = i + 1;
		if (in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI)
			succ[ns++] = jump_target(ra, in);
		for (j = 0; j < ns; j++)
			if (!seen[succ[j]])
				seen[succ[j]] = 1, stack[sp++] = succ[j];
	}
	free(seen);
	free(stack);
	return hit;
}

static void promote_slot(struct ra *ra, int k, struct ir_insn *store)
{
	vreg_t p = ir_vreg(ra->f);
	struct ir_insn *in;

	grow((void **)&ra->is_temp, &ra->ntemp_cap, p + 1, 1);
	ra->is_temp[p] = RA_SLOT;
	for (in = ra->f->head; in; in = in->next) {
		if (in->op != IR_LOAD || slot_index(ra->f, in) != k)
			continue;
		in->op = IR_MOV;
		in->src = p;
		in->off = 0;
	}
	store->op = store->op == IR_STORE ? IR_MOV : IR_MOVI;
	store->dst = p;
	store->off = 0;
	store->size = 0;
}

static void promote_slots(struct ra *ra)
{
	int n = ra->f->priv_top / 8, k;
	struct slot_use *u;
	struct ir_insn *in;

	if (n <= 0)
		return;
	u = calloc(n, sizeof(*u));
	for (in = ra->f->head; in; in = in->next) {
		if ((k = slot_index(ra->f, in)) < 0)
			continue;
		if (in->size != 8 || (in->off + ra->f->priv_top) % 8 || in->core ||
		    in->atomic)
			u[k].bad = true;
		if (in->op != IR_LOAD)
			u[k].nstores++, u[k].store = in;
	}
	index_insns(ra);
	for (k = 0; k < n; k++)
		if (!u[k].bad && u[k].nstores == 1 &&
		    !load_before_store(ra, k, u[k].store))
			promote_slot(ra, k, u[k].store);
	free(ra->insn);
	free(ra->label_pos);
	ra->insn = NULL, ra->label_pos = NULL;
	free(u);
}

/* ---- interference ---------------------------------------------------------------- */

static void add_edge(struct ra *ra, vreg_t a, vreg_t b)
{
	if (a == b || !tracked(ra, a) || !tracked(ra, b))
		return;
	if (ra->slot_mode) {
		SET(ra->inter + (size_t)a * ra->w, b);
		SET(ra->inter + (size_t)b * ra->w, a);
		return;
	}
	if (a < IR_VREG0 && b < IR_VREG0)
		return;
	if (a < IR_VREG0) {
		ra->pmask[b] |= 1u << a;
	} else if (b < IR_VREG0) {
		ra->pmask[a] |= 1u << b;
	} else {
		SET(ra->inter + (size_t)a * ra->w, b);
		SET(ra->inter + (size_t)b * ra->w, a);
	}
}

static void interfere_insn(struct ra *ra, int i)
{
	const struct ir_insn *in = ra->insn[i];
	const uint64_t *out = ra->live + (size_t)i * ra->w;
	vreg_t d[8];
	int nd = ref_defs(ra, in, d), k, wi;

	for (k = 0; k < nd; k++) {
		for (wi = 0; wi < ra->w; wi++) {
			uint64_t bits = out[wi];

			while (bits) {
				int l = wi * 64 + __builtin_ctzll(bits);

				bits &= bits - 1;
				if (in->op == IR_MOV && !in->w32 && l == in->src)
					continue;
				add_edge(ra, d[k], l);
			}
		}
	}
}

static void note_first(struct ra *ra, int i)
{
	vreg_t r[16];
	int n, k;

	n = ir_insn_uses(ra->insn[i], r);
	n += ir_insn_defs(ra->insn[i], r + n);
	for (k = 0; k < n; k++)
		if (r[k] >= IR_VREG0 && r[k] < ra->n) {
			if (ra->first[r[k]] < 0)
				ra->first[r[k]] = i;
			ra->last[r[k]] = i;
		}
}

/* Spill weights: references (a loop's count eight times) over the length
 * of the live range; the register with the lowest weight is the cheapest
 * to keep in memory. */
static void spill_weights(struct ra *ra)
{
	int *open = calloc(ra->ninsn + 2, sizeof(int)), i, k, t, depth = 0, wi;
	vreg_t r[16];

	ra->refs = calloc(ra->n + 1, sizeof(uint32_t));
	ra->span = calloc(ra->n + 1, sizeof(uint32_t));
	for (i = 0; i < ra->ninsn; i++) {
		const struct ir_insn *in = ra->insn[i];

		if ((in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI) &&
		    (t = jump_target(ra, in)) <= i)
			open[t]++, open[i + 1]--;
	}
	for (i = 0; i < ra->ninsn; i++) {
		const uint64_t *out = ra->live + (size_t)i * ra->w;
		int n = ir_insn_uses(ra->insn[i], r);

		depth += open[i];
		n += ir_insn_defs(ra->insn[i], r + n);
		for (k = 0; k < n; k++)
			if (r[k] >= IR_VREG0 && r[k] < ra->n)
				ra->refs[r[k]] += depth > 0 ? 8 : 1;
		for (wi = 0; wi < ra->w; wi++)
			for (uint64_t b = out[wi]; b; b &= b - 1)
				ra->span[wi * 64 + __builtin_ctzll(b)]++;
	}
	free(open);
}

static uint64_t weight(const struct ra *ra, vreg_t v)
{
	return ((uint64_t)ra->refs[v] << 16) / (ra->span[v] + 1);
}

static void interference(struct ra *ra)
{
	int i;

	ra->inter = calloc((size_t)ra->n * ra->w + 1, sizeof(uint64_t));
	ra->pmask = calloc(ra->n, sizeof(uint16_t));
	ra->first = malloc(ra->n * sizeof(int));
	ra->last = malloc(ra->n * sizeof(int));
	for (i = 0; i < ra->n; i++)
		ra->first[i] = ra->last[i] = -1;
	for (i = 0; i < ra->ninsn; i++) {
		interfere_insn(ra, i);
		note_first(ra, i);
	}
	spill_weights(ra);
}

/* ---- colouring ---------------------------------------------------------------------- */

static const int pref_order[NPHYS] = { 1, 2, 3, 4, 5, 0, 6, 7, 8, 9 };

static unsigned forbidden(struct ra *ra, vreg_t v)
{
	const uint64_t *row = ra->inter + (size_t)v * ra->w;
	unsigned mask = ra->pmask[v] | (1u << IR_FP);
	int wi;

	for (wi = 0; wi < ra->w; wi++) {
		uint64_t bits = row[wi];

		while (bits) {
			int u = wi * 64 + __builtin_ctzll(bits);

			bits &= bits - 1;
			if (ra->color[u] >= 0)
				mask |= 1u << ra->color[u];
		}
	}
	return mask;
}

/* the register of a move partner, if allowed */
static int hinted(struct ra *ra, vreg_t v, unsigned bad)
{
	int i;

	/* a move mentioning v lies in [first, last]: scanning on to the end
	 * made colouring quadratic in the size of the function */
	for (i = ra->first[v]; i >= 0 && i <= ra->last[v]; i++) {
		const struct ir_insn *in = ra->insn[i];
		vreg_t p;
		int c;

		if (in->op != IR_MOV || (in->dst != v && in->src != v))
			continue;
		p = in->dst == v ? in->src : in->dst;
		c = p < IR_VREG0 ? p : ra->color[p];
		if (c >= 0 && c < NPHYS && !(bad & (1u << c)))
			return c;
	}
	return -1;
}

static int pick(struct ra *ra, vreg_t v)
{
	unsigned bad = forbidden(ra, v);
	int c = hinted(ra, v, bad), k;

	if (c >= 0)
		return c;
	for (k = 0; k < NPHYS; k++)
		if (!(bad & (1u << pref_order[k])))
			return pref_order[k];
	return -1;
}

static int rclass(struct ra *ra, vreg_t v)
{
	return v < ra->ntemp_cap ? ra->is_temp[v] : 0;
}

static int temp(struct ra *ra, vreg_t v)
{
	return rclass(ra, v) == RA_TEMP;
}

/* a temporary found no register: evict a long-lived neighbour instead */
/* v found no register: spill a neighbour instead, the one of lowest spill
 * weight whose register v may take.  A spill temporary (which must get a
 * register) evicts any non-temporary; any other register only one that
 * weighs less than itself (a promoted slot counts half: spilled, it costs
 * just what its loads cost before promotion). */
static uint64_t victim_weight(struct ra *ra, vreg_t u)
{
	uint64_t w = weight(ra, u);

	return rclass(ra, u) == RA_SLOT ? w / 2 : w;
}

static int evict_for(struct ra *ra, vreg_t v)
{
	const uint64_t *row = ra->inter + (size_t)v * ra->w;
	uint64_t limit = temp(ra, v) ? UINT64_MAX : weight(ra, v), best_w = 0;
	int u, best = -1, c;

	for (u = IR_VREG0; u < ra->n; u++) {
		c = ra->color[u];
		if (!HAS(row, u) || c < 0 || (ra->pmask[v] & (1u << c)) || temp(ra, u) ||
		    victim_weight(ra, u) >= limit ||
		    (best >= 0 && victim_weight(ra, u) >= best_w))
			continue;
		ra->color[u] = -2;
		if (pick(ra, v) >= 0)
			best = u, best_w = victim_weight(ra, u);
		ra->color[u] = c;
	}
	if (best < 0)
		return 0;
	ra->color[best] = -2;
	ra->color[v] = pick(ra, v);
	return 1;
}

static void colour_one(struct ra *ra, vreg_t v, int *spills)
{
	int c = pick(ra, v);

	if (c >= 0) {
		ra->color[v] = c;
		return;
	}
	(*spills)++;
	if (evict_for(ra, v))
		return;
	if (temp(ra, v))
		dcc_error(ra->cc, (struct loc){ ra->cc->filename, ra->f->line }, "D_UNKNOWN",
			  "internal error: out of registers in %s", ra->f->name);
	ra->color[v] = -2;
}

static int colour(struct ra *ra)
{
	int v, spills = 0, pass;

	ra->color = malloc(ra->n * sizeof(int));
	for (v = 0; v < ra->n; v++)
		ra->color[v] = v < IR_VREG0 ? v : -1;
	for (pass = 0; pass < 2; pass++) {
		int i;
		static const int order[2] = { RA_TEMP, 0 };

		/* spill temporaries, then the rest in program order */
		for (i = 0; i < ra->ninsn; i++) {
			vreg_t r[16];
			int n, k;

			n = ir_insn_defs(ra->insn[i], r);
			n += ir_insn_uses(ra->insn[i], r + n);
			for (k = 0; k < n; k++) {
				v = r[k];
				if (v < IR_VREG0 || v >= ra->n || ra->color[v] != -1 ||
				    (rclass(ra, v) == RA_TEMP) != (order[pass] == RA_TEMP))
					continue;
				colour_one(ra, v, &spills);
			}
		}
	}
	return spills;
}

/* ---- spilling -------------------------------------------------------------------------- */

static void grow(void **p, int *cap, int need, size_t elt)
{
	if (need <= *cap)
		return;
	int ncap = need * 2 + 64;

	*p = realloc(*p, ncap * elt);
	memset((char *)*p + *cap * elt, 0, (ncap - *cap) * elt);
	*cap = ncap;
}

static vreg_t new_temp(struct ra *ra)
{
	vreg_t t = ir_vreg(ra->f);

	grow((void **)&ra->is_temp, &ra->ntemp_cap, t + 1, 1);
	ra->is_temp[t] = RA_TEMP;
	return t;
}

/* a provisional slot id; pack_slots() gives slots their offsets */
static int32_t slot_of(struct ra *ra, vreg_t v)
{
	grow((void **)&ra->slot, &ra->nslot_cap, v + 1, sizeof(int32_t));
	if (!ra->slot[v])
		ra->slot[v] = ++ra->nslots;
	return ra->slot[v] - 1;
}

static void replace(struct ir_insn *in, vreg_t from, vreg_t to)
{
	int i;

	if (in->dst == from)
		in->dst = to;
	if (in->src == from)
		in->src = to;
	for (i = 0; i < in->nargs; i++)
		if (in->args[i] == from)
			in->args[i] = to;
}

/* x = v  ->  x = *(fp + slot v)   and   v = y  ->  *(fp + slot v) = y
 * (no temporary, so nothing to coalesce) */
static int spill_mov(struct ir_insn *in, vreg_t v, int32_t id)
{
	if (in->op != IR_MOV || in->w32 || in->text || in->src == in->dst)
		return 0;
	if (in->src == v) {
		in->op = IR_LOAD;
		in->src = IR_FP;
		in->text = reload_text;
	} else {
		in->op = IR_STORE;
		in->dst = IR_FP;
		in->text = spill_text;
	}
	in->size = 8;
	in->imm = id;
	return 1;
}

static void spill_in(struct ra *ra, struct ir_insn *in, vreg_t v)
{
	vreg_t u[8], d[8];
	int nu = ir_insn_uses(in, u), nd = ir_insn_defs(in, d);
	int used = mentions(u, nu, v), defd = mentions(d, nd, v);
	int32_t id = slot_of(ra, v);
	vreg_t t;
	struct ir_insn *x;

	if (!used && !defd)
		return;
	if (spill_mov(in, v, id))
		return;
	t = new_temp(ra);
	replace(in, v, t);
	if (used) {
		x = new_insn(ra->cc, IR_LOAD);
		x->size = 8, x->dst = t, x->src = IR_FP, x->imm = id, x->line = in->line;
		x->text = reload_text;
		ir_insert_before(ra->f, in, x);
	}
	if (defd) {
		x = new_insn(ra->cc, IR_STORE);
		x->size = 8, x->dst = IR_FP, x->src = t, x->imm = id, x->line = in->line;
		x->text = spill_text;
		ir_insert_after(ra->f, in, x);
	}
}

static void spill_all(struct ra *ra)
{
	vreg_t v;
	int i;

	for (i = 0; i < ra->ninsn; i++)
		for (v = IR_VREG0; v < ra->n; v++)
			if (ra->color[v] == -2)
				spill_in(ra, ra->insn[i], v);
}

/* ---- spill slot packing --------------------------------------------------------------
 * Spill slots whose contents are never live at the same time share an
 * offset: liveness and interference over slot ids, then greedy colouring. */

static int slot_colour(struct ra *ra, int s, int *colour)
{
	const uint64_t *row = ra->inter + (size_t)s * ra->w;
	uint8_t used[BPF_STACK / 8 + 1] = { 0 };
	int u, c;

	for (u = 0; u < s; u++)
		if (HAS(row, u) && colour[u] <= BPF_STACK / 8)
			used[colour[u]] = 1;
	for (c = 0; c < BPF_STACK / 8 && used[c]; c++)
		;
	return c;
}

/* slot liveness and interference; returns the colour of every slot and
 * the number of colours in *ncol */
static int *colour_slots(struct ra *ra, int *ncol)
{
	int *colour, s, i;

	ra->slot_mode = 1;
	ra->n = ra->nslots;
	ra->w = (ra->n + 63) / 64;
	index_insns(ra);
	liveness(ra);
	ra->inter = calloc((size_t)ra->n * ra->w + 1, sizeof(uint64_t));
	ra->pmask = calloc(ra->n, sizeof(uint16_t));
	for (i = 0; i < ra->ninsn; i++)
		interfere_insn(ra, i);
	colour = calloc(ra->n, sizeof(int));
	*ncol = 0;
	for (s = 0; s < ra->n; s++) {
		colour[s] = slot_colour(ra, s, colour);
		*ncol = colour[s] + 1 > *ncol ? colour[s] + 1 : *ncol;
	}
	return colour;
}

static void pack_slots(struct ra *ra)
{
	int32_t base = (ra->f->stack_size + 7) / 8 * 8;
	int *colour, i, ncol;

	if (!ra->nslots)
		return;
	colour = colour_slots(ra, &ncol);
	for (i = 0; i < ra->ninsn; i++) {
		struct ir_insn *in = ra->insn[i];

		if (in->text == spill_text || in->text == reload_text) {
			in->off = -(base + 8 * (colour[in->imm] + 1));
			in->imm = 0;
		}
	}
	free(colour);
	ra_free(ra);
	ra->f->stack_size = base + 8 * ncol;
	ra->f->spill_lo = base;
	ra->f->spill_hi = base + 8 * ncol;
	if (ra->f->stack_size > BPF_STACK)
		dcc_error(ra->cc, (struct loc){ ra->cc->filename, ra->f->line },
			  "D_STACK_OFLOW", "%s needs %d bytes of stack, more than the %d BPF allows",
			  ra->f->name, ra->f->stack_size, BPF_STACK);
}

/* ---- driver ----------------------------------------------------------------------------- */

static void ra_free(struct ra *ra)
{
	free(ra->insn);
	free(ra->label_pos);
	free(ra->live);
	free(ra->inter);
	free(ra->pmask);
	free(ra->color);
	free(ra->first);
	free(ra->last);
	free(ra->refs);
	free(ra->span);
	ra->refs = ra->span = NULL;
	ra->insn = NULL, ra->label_pos = NULL, ra->live = NULL;
	ra->inter = NULL, ra->pmask = NULL, ra->color = NULL, ra->first = NULL;
	ra->last = NULL;
}

static void rewrite(struct ra *ra)
{
	struct ir_insn *in;
	int i;

	for (in = ra->f->head; in; in = in->next) {
		if (in->dst >= IR_VREG0)
			in->dst = ra->color[in->dst];
		if (in->src >= IR_VREG0)
			in->src = ra->color[in->src];
		for (i = 0; i < in->nargs; i++)
			if (in->args[i] >= IR_VREG0)
				in->args[i] = ra->color[in->args[i]];
	}
	if (ra->f->ctx >= IR_VREG0 && ra->f->ctx < ra->n)
		ra->f->ctx = ra->color[ra->f->ctx];
}

/* one round: 0 when every vreg got a register */
static int ra_round(struct ra *ra)
{
	int spills;

	ra->n = ra->f->nvregs;
	ra->w = (ra->n + 63) / 64;
	index_insns(ra);
	liveness(ra);
	interference(ra);
	spills = colour(ra);
	if (spills)
		spill_all(ra);
	else
		rewrite(ra);
	ra_free(ra);
	return spills;
}

/* Allocate one function; errors longjmp out, so state is freed first. */
static void regalloc_func(struct dcc *cc, struct ir_func *f)
{
	struct ra ra = { .cc = cc, .f = f };
	jmp_buf jb, *saved = cc->err_jmp;
	int round;

	if (setjmp(jb)) {
		ra_free(&ra);
		free(ra.is_temp);
		free(ra.slot);
		cc->err_jmp = saved;
		if (saved)
			longjmp(*saved, 1);
		abort();	/* dcc_error outside dcc_compile: a bug */
	}
	cc->err_jmp = &jb;
	promote_slots(&ra);
	lower_func(cc, f);
	for (round = 0; round < MAX_ROUNDS; round++)
		if (!ra_round(&ra))
			break;
	if (round < MAX_ROUNDS)
		pack_slots(&ra);
	cc->err_jmp = saved;
	free(ra.is_temp);
	free(ra.slot);
	if (round == MAX_ROUNDS)
		dcc_error(cc, (struct loc){ cc->filename, f->line }, "D_UNKNOWN",
			  "internal error: register allocation of %s does not converge",
			  f->name);
}

void regalloc_prog(struct dcc *cc, struct ir_prog *p)
{
	struct ir_func *f;

	for (f = p->funcs; f; f = f->next)
		regalloc_func(cc, f);
}
