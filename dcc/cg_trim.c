/* SPDX-License-Identifier: MIT */
/*
 * cg_trim.c -- drop the prologue work a program turns out not to need.
 *
 * cg.c generates every program with the full prologue and records its
 * pieces as segments:
 *   G  g = &dt_globals (one ld_imm64 of the global-data section; the
 *      master switch reads it)
 *   S  s = map_lookup_elem(&dt_scratch, &zero); provider prologue (mstate
 *      arg0..9, errno); mstate.ts = 0; alloca and TLS-key set-up
 *   H  record header {epid, prid, cpu} at s + rec_off
 * Once the whole program is there, cg_trim() removes:
 *   H  unless the program writes a record, can fault (the fault record
 *      reuses the header's prid and cpu) or reads the header (a load from,
 *      or an address into, the header through a pointer derived from s:
 *      id, probeprov, ...);
 *   S  unless something after it loads s or a value it computed;
 *   G  likewise (only BEGIN/END/ERROR programs have no master-switch check).
 * A segment goes only when removing it cannot be observed: it writes
 * memory only through s (or into the g/s stack slots), calls only
 * side-effect-free helpers, jumps only inside itself or to `out` on the
 * null result of the scratch array lookup (which
 * cannot fail), and defines no register that is read elsewhere.
 * When S stays, its stores into mstate words (arg0..9, errno, ts, ...)
 * that no load of the program can read are dropped (trim_mstate()).
 *
 * A predicate that needs neither (no use of s, no fault exit, which writes
 * its record through s, no stack slot S or H stores) then runs before S
 * and H: an event the predicate rejects costs no argument fetch.
 *
 * Then the context slots: the store of ctx, g or s to its stack slot is
 * dropped when no load reads the slot, and a slot loaded exactly once
 * becomes a register copy:
 *
 *   *(u64 *)(fp + slot_g) = v		becomes		(nothing)
 *   ...						...
 *   x = *(u64 *)(fp + slot_g)				x = v
 *
 * (a slot loaded more than once becomes a register in regalloc.c, which
 * knows whether one of r6..r9 is free for it).
 */
#include <linux/bpf.h>
#include <string.h>

#include "cg.h"

#define MAX_REGS	16
#define TRIM_FP_MAX	8

struct trim {
	struct cg *g;
	struct cg_seg *seg;
	vreg_t *defs, *ptrs;	/* registers the segment defines; s-derived */
	int ndefs, nptrs;
	int32_t fp_offs[TRIM_FP_MAX];	/* slots the segment stores */
	int nfp;
	bool any_fp;		/* any slot, not just g's and s's */
	vreg_t lookup;		/* result of the scratch lookup */
	vreg_t map;		/* last ld_map of the scratch map */
};

void cg_seg_begin(struct cg *g, struct cg_seg *s)
{
	s->after = g->f->tail;
	s->first = s->last = NULL;
}

void cg_seg_end(struct cg *g, struct cg_seg *s)
{
	if (g->f->tail == s->after)
		return;		/* empty */
	s->first = s->after ? s->after->next : g->f->head;
	s->last = g->f->tail;
}

/* Registers in reads or writes, the call result included (before regalloc
 * a call's dst is a virtual register). */
static int regs_of(const struct ir_insn *in, vreg_t *r)
{
	int n = 0, i;

	switch (in->op) {
	case IR_MOV: case IR_LOAD:
		r[n++] = in->src;
		r[n++] = in->dst;
		break;
	case IR_ALU: case IR_STORE: case IR_JCC:
		r[n++] = in->dst;
		r[n++] = in->src;
		break;
	case IR_CALL: case IR_CALL_SUB:
		for (i = 0; i < in->nargs; i++)
			r[n++] = in->args[i];
		r[n++] = in->dst;
		break;
	case IR_MOVI: case IR_ALUI: case IR_NEG: case IR_STOREI: case IR_JCCI:
	case IR_LD_MAP: case IR_LD_DATA:
		r[n++] = in->dst;
		break;
	default:
		break;
	}
	return n;
}

/* The register in writes (IR_NOREG if none). */
static vreg_t def_of(const struct ir_insn *in)
{
	switch (in->op) {
	case IR_MOVI: case IR_MOV: case IR_ALU: case IR_ALUI: case IR_NEG:
	case IR_LOAD: case IR_LD_MAP: case IR_LD_DATA: case IR_CALL:
	case IR_CALL_SUB:
		return in->dst;
	default:
		return IR_NOREG;
	}
}

static bool has(const vreg_t *set, int n, vreg_t r)
{
	for (int i = 0; i < n; i++)
		if (set[i] == r)
			return true;
	return false;
}

static void set_ptr(struct trim *t, vreg_t r, bool is_ptr)
{
	int i;

	for (i = 0; i < t->nptrs; i++)
		if (t->ptrs[i] == r)
			break;
	if (is_ptr && i == t->nptrs)
		t->ptrs[t->nptrs++] = r;
	else if (!is_ptr && i < t->nptrs)
		t->ptrs[i] = t->ptrs[--t->nptrs];
}

static bool is_ptr(const struct trim *t, vreg_t r)
{
	return has(t->ptrs, t->nptrs, r);
}

/* Helpers without side effects; *writes_arg0: they write through arg 1. */
static bool pure_helper(int64_t id, bool *writes_arg0)
{
	static const int pure[] = {
		BPF_FUNC_map_lookup_elem, BPF_FUNC_get_current_pid_tgid,
		BPF_FUNC_get_current_uid_gid, BPF_FUNC_get_smp_processor_id,
		BPF_FUNC_get_attach_cookie, BPF_FUNC_ktime_get_ns,
		BPF_FUNC_get_current_task, BPF_FUNC_get_current_task_btf,
		BPF_FUNC_get_numa_node_id,
	};
	static const int writing[] = {
		BPF_FUNC_probe_read, BPF_FUNC_probe_read_str,
		BPF_FUNC_probe_read_kernel, BPF_FUNC_probe_read_kernel_str,
		BPF_FUNC_probe_read_user, BPF_FUNC_probe_read_user_str,
		BPF_FUNC_get_current_comm,
	};
	size_t i;

	*writes_arg0 = false;
	for (i = 0; i < sizeof(pure) / sizeof(pure[0]); i++)
		if (id == pure[i])
			return true;
	for (i = 0; i < sizeof(writing) / sizeof(writing[0]); i++)
		if (id == writing[i])
			return *writes_arg0 = true;
	return false;
}

static bool label_in_seg(const struct cg_seg *s, int label)
{
	const struct ir_insn *p;

	for (p = s->first; p; p = p->next) {
		if (p->op == IR_LABEL && p->label == label)
			return true;
		if (p == s->last)
			break;
	}
	return false;
}

static bool call_ok(struct trim *t, const struct ir_insn *in)
{
	bool writes;

	if (!pure_helper(in->imm, &writes))
		return false;
	if (writes && (in->nargs < 1 || !is_ptr(t, in->args[0])))
		return false;
	if (in->imm == BPF_FUNC_map_lookup_elem && in->nargs >= 1 &&
	    in->args[0] == t->map) {
		t->lookup = in->dst;
		set_ptr(t, in->dst, true);
		return true;
	}
	set_ptr(t, in->dst, false);
	return true;
}

static bool store_ok(struct trim *t, const struct ir_insn *in)
{
	struct cg *g = t->g;

	if (in->dst != IR_FP)
		return !in->atomic && is_ptr(t, in->dst);
	if (in->atomic || t->nfp == (t->any_fp ? TRIM_FP_MAX : 2))
		return false;
	if (!t->any_fp && in->off != g->slot_g && in->off != g->slot_s)
		return false;
	t->fp_offs[t->nfp++] = in->off;
	return true;
}

static bool jump_ok(struct trim *t, const struct ir_insn *in, bool allow_out)
{
	if (label_in_seg(t->seg, in->label))
		return true;
	/* if (v == 0) goto out after a lookup of a one-entry array */
	return allow_out && in->op == IR_JCCI && in->alu == BPF_JEQ &&
	       in->imm == 0 && in->dst == t->lookup &&
	       in->label == t->g->lbl_out;
}

/* Track s-derived pointers through loads of slot_s, copies and adds. */
static void track(struct trim *t, const struct ir_insn *in)
{
	struct cg *g = t->g;

	switch (in->op) {
	case IR_LOAD:
		set_ptr(t, in->dst, in->src == IR_FP && in->off == g->slot_s);
		break;
	case IR_MOV:
		set_ptr(t, in->dst, is_ptr(t, in->src));
		break;
	case IR_ALUI:
		if (in->alu != BPF_ADD)
			set_ptr(t, in->dst, false);
		break;
	case IR_LD_MAP:
		t->map = strcmp(in->sym, DTM_MAP_SCRATCH) ? IR_NOREG : in->dst;
		set_ptr(t, in->dst, false);
		break;
	default:
		if (def_of(in) != IR_NOREG)
			set_ptr(t, def_of(in), false);
		break;
	}
}

static bool insn_ok(struct trim *t, const struct ir_insn *in, bool allow_out)
{
	switch (in->op) {
	case IR_EXIT: case IR_CALL_SUB:
		return false;
	case IR_CALL:
		return call_ok(t, in);
	case IR_STORE: case IR_STOREI:
		return store_ok(t, in);
	case IR_JA: case IR_JCC: case IR_JCCI:
		return jump_ok(t, in, allow_out);
	default:
		track(t, in);
		return true;
	}
}

/* Does anything outside the segment depend on it? */
static bool used_outside(struct trim *t)
{
	struct ir_insn *in;
	vreg_t r[MAX_REGS];
	int n, i;

	for (in = t->g->f->head; in; in = in->next) {
		if (in == t->seg->first) {
			in = t->seg->last;
			continue;
		}
		n = regs_of(in, r);
		for (i = 0; i < n; i++)
			if (r[i] >= IR_VREG0 && has(t->defs, t->ndefs, r[i]))
				return true;
		for (i = 0; in->op == IR_LOAD && in->src == IR_FP && i < t->nfp; i++)
			if (in->off == t->fp_offs[i])
				return true;
		if ((in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI) &&
		    label_in_seg(t->seg, in->label))
			return true;
	}
	return false;
}

static bool seg_dead(struct cg *g, struct cg_seg *s, bool allow_out)
{
	struct trim t = { .g = g, .seg = s, .lookup = IR_NOREG,
			  .map = IR_NOREG };
	struct ir_insn *in;
	int n = 0;

	if (!s->first)
		return false;
	for (in = s->first; in; in = in->next, n++)
		if (in == s->last)
			break;
	t.defs = dcc_alloc(g->cc, (n + 1) * sizeof(vreg_t));
	t.ptrs = dcc_alloc(g->cc, (n + 1) * sizeof(vreg_t));
	for (in = s->first; in; in = in->next) {
		vreg_t d = def_of(in);

		if (!insn_ok(&t, in, allow_out))
			return false;
		if (d >= IR_VREG0 && !has(t.defs, t.ndefs, d))
			t.defs[t.ndefs++] = d;
		if (in == s->last)
			break;
	}
	return !used_outside(&t);
}

static void seg_drop(struct cg *g, struct cg_seg *s)
{
	struct ir_func *f = g->f;
	struct ir_insn *before = s->first->prev, *after = s->last->next;

	if (before)
		before->next = after;
	else
		f->head = after;
	if (after)
		after->prev = before;
	else
		f->tail = before;
	s->first = s->last = NULL;
}

static bool label_used(struct ir_func *f, int label)
{
	struct ir_insn *in;

	for (in = f->head; in; in = in->next)
		if ((in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI) &&
		    in->label == label)
			return true;
	return false;
}

/* ---- what is derived from s ------------------------------------------------ */

/* Per vreg: S_PTR may hold s or an address computed from it (loaded from
 * slot_s, copied, offset); S_EXACT every definition is a load of slot_s or
 * a copy of an S_EXACT register (so it holds s itself); S_LOW some
 * definition adds less than CG_MST_SIZE to it (it may point into mstate).
 * Flow-insensitive, so a register counts as s-derived wherever it is used. */
enum { S_PTR = 1, S_EXACT = 2, S_LOW = 4 };

static bool sdef_exact(const struct cg *g, const uint8_t *k, const struct ir_insn *in)
{
	if (in->op == IR_LOAD)
		return in->src == IR_FP && in->off == g->slot_s && in->size == 8;
	return in->op == IR_MOV && !in->w32 && in->src >= IR_VREG0 &&
	       (k[in->src] & S_EXACT);
}

static bool sdef_ptr(const struct cg *g, const uint8_t *k, const struct ir_insn *in)
{
	switch (in->op) {
	case IR_LOAD:
		return in->src == IR_FP && in->off == g->slot_s;
	case IR_MOV: case IR_ALU:
		return in->src >= IR_VREG0 && (k[in->src] & S_PTR);
	default:
		return false;
	}
}

static uint8_t *s_kinds(struct cg *g)
{
	struct ir_func *f = g->f;
	uint8_t *k = dcc_alloc(g->cc, f->nvregs + 1);
	struct ir_insn *in;
	bool changed = true;

	while (changed) {	/* S_PTR: least fixpoint */
		changed = false;
		for (in = f->head; in; in = in->next) {
			vreg_t d = def_of(in);

			if (d >= IR_VREG0 && !(k[d] & S_PTR) && sdef_ptr(g, k, in))
				k[d] |= S_PTR | S_EXACT, changed = true;
		}
	}
	for (changed = true; changed;) {	/* S_EXACT: greatest fixpoint */
		changed = false;
		for (in = f->head; in; in = in->next) {
			vreg_t d = def_of(in);

			if (d >= IR_VREG0 && (k[d] & S_EXACT) && !sdef_exact(g, k, in))
				k[d] &= ~S_EXACT, changed = true;
		}
	}
	for (in = f->head; in; in = in->next)
		if (in->op == IR_ALUI && in->dst >= IR_VREG0 && (k[in->dst] & S_PTR) &&
		    in->imm < CG_MST_SIZE)
			k[in->dst] |= S_LOW;
	return k;
}

static bool sptr(const uint8_t *k, vreg_t r, int kind)
{
	return r >= IR_VREG0 && (k[r] & kind);
}

/* Does code outside the header segment read (or address) the header? */
static bool header_read(struct cg *g)
{
	int64_t lo = g->rec_off, hi = lo + CG_REC_HDR;
	uint8_t *k = s_kinds(g);
	struct ir_insn *in;

	for (in = g->f->head; in; in = in->next) {
		if (in == g->seg_h.first) {
			in = g->seg_h.last;
			continue;
		}
		if (in->op == IR_LOAD && sptr(k, in->src, S_PTR) &&
		    in->off < hi && in->off + in->size > lo)
			return true;
		if (in->op == IR_STORE && sptr(k, in->src, S_PTR))
			return true;	/* s escapes to memory */
		if (in->op == IR_STORE && in->atomic && sptr(k, in->dst, S_PTR) &&
		    in->off < hi && in->off + in->size > lo)
			return true;
		if (in->op == IR_ALUI && in->alu == BPF_ADD && sptr(k, in->dst, S_PTR) &&
		    in->imm >= lo && in->imm < hi)
			return true;
	}
	return false;
}

/* ---- dead mstate stores -----------------------------------------------------
 * The provider prologue fills mstate (arg0..9, errno, ts) for whatever the
 * clause may read; a word no load can read is not stored.  The words a
 * load may read, as a bit mask (bit i: bytes [8i, 8i + 8)); all of them
 * when s (or an address inside mstate) escapes to memory, a helper that
 * may read it, or an index computed at run time. */
#define MST_ALL		((1u << (CG_MST_SIZE / 8)) - 1)

static uint32_t words(int64_t off, int size)
{
	uint32_t m = 0;
	int64_t o;

	for (o = off < 0 ? 0 : off & ~7; o < off + size && o < CG_MST_SIZE; o += 8)
		m |= 1u << (o / 8);
	return m;
}

static uint32_t mst_call_reads(const uint8_t *k, const struct ir_insn *in)
{
	bool writes;
	int i;

	for (i = 0; i < in->nargs; i++) {
		if (!sptr(k, in->args[i], S_PTR))
			continue;
		if (sptr(k, in->args[i], S_EXACT))
			return MST_ALL;		/* the helper gets s itself */
		if (sptr(k, in->args[i], S_LOW) && (in->op != IR_CALL || i != 0 ||
		    !pure_helper(in->imm, &writes) || !writes))
			return MST_ALL;
	}
	return 0;
}

static uint32_t mst_reads(const uint8_t *k, const struct ir_insn *in)
{
	switch (in->op) {
	case IR_LOAD:
		if (!sptr(k, in->src, S_PTR))
			return 0;
		if (sptr(k, in->src, S_EXACT))
			return words(in->off, in->size);
		return sptr(k, in->src, S_LOW) || in->off < 0 ? MST_ALL : 0;
	case IR_STORE:
		if (sptr(k, in->src, S_PTR))
			return MST_ALL;
		if (!in->atomic || !sptr(k, in->dst, S_PTR))
			return 0;	/* an atomic add reads the word too */
		return sptr(k, in->dst, S_EXACT) ? words(in->off, in->size) : MST_ALL;
	case IR_ALU: case IR_NEG:
		return sptr(k, in->dst, S_PTR) || sptr(k, in->src, S_PTR) ? MST_ALL : 0;
	case IR_ALUI:
		return sptr(k, in->dst, S_PTR) && in->alu != BPF_ADD ? MST_ALL : 0;
	case IR_CALL: case IR_CALL_SUB:
		return mst_call_reads(k, in);
	default:
		return 0;
	}
}

/* Drop the stores of S into mstate words nothing reads. */
static void trim_mstate(struct cg *g)
{
	uint8_t *k = s_kinds(g);
	struct ir_insn *in, *next;
	uint32_t read = 0;
	bool in_s = false;

	for (in = g->f->head; in && read != MST_ALL; in = in->next)
		read |= mst_reads(k, in);
	for (in = g->f->head; in && read != MST_ALL; in = next) {
		next = in->next;
		in_s |= in == g->seg_s.first;
		if (in_s && (in->op == IR_STORE || in->op == IR_STOREI) &&
		    !in->atomic && !in->core && sptr(k, in->dst, S_EXACT) && in->off >= 0 &&
		    in->off + in->size <= CG_MST_SIZE &&
		    !(read & words(in->off, in->size))) {
			if (in == g->seg_s.first)
				g->seg_s.first = in->next;
			if (in == g->seg_s.last) {
				g->seg_s.last = in->prev;
				ir_unlink(g->f, in);
				break;
			}
			ir_unlink(g->f, in);
		}
		if (in == g->seg_s.last)
			break;
	}
}

static bool linked(struct ir_func *f, const struct ir_insn *x)
{
	const struct ir_insn *in;

	for (in = f->head; in; in = in->next)
		if (in == x)
			return true;
	return false;
}


/* *(fp + slot) = v: drop it if never loaded; forward a single load. */
static void forward_slot(struct cg *g, struct ir_insn *st)
{
	struct ir_func *f = g->f;
	struct ir_insn *in, *load = NULL;
	int nloads = 0;

	if (!st || st->op != IR_STORE || !linked(f, st))
		return;
	for (in = f->head; in; in = in->next) {
		if (in->op == IR_LOAD && in->src == IR_FP &&
		    in->off > st->off - 8 && in->off < st->off + 8) {
			nloads++;
			load = in;
		}
		if (in->op == IR_MOV && in->src == IR_FP && in->next &&
		    in->next->op == IR_ALUI && in->next->imm == st->off)
			return;		/* its address is taken */
	}
	if (nloads > 1)
		return;
	if (load) {
		for (in = st->next; in; in = in->next)
			if (def_of(in) == st->src)
				return;	/* v changes after the store */
		if (load->off != st->off || load->size != 8)
			return;
		load->op = IR_MOV;
		load->src = st->src;
		load->off = 0;
	}
	ir_unlink(f, st);
}

/* Registers defined in [first, last]. */
static int seg_defs(struct cg *g, struct ir_insn *first, struct ir_insn *last,
		    vreg_t **out)
{
	struct ir_insn *in;
	int n = 0, k = 0;

	for (in = first; in; in = in->next, n++)
		if (in == last)
			break;
	*out = dcc_alloc(g->cc, (n + 1) * sizeof(vreg_t));
	for (in = first; in; in = in->next) {
		vreg_t d = def_of(in);

		if (d >= IR_VREG0 && !has(*out, k, d))
			(*out)[k++] = d;
		if (in == last)
			break;
	}
	return k;
}

/* Does predicate instruction `in` read or write a stack slot S or H
 * stores, or take an address on the stack that may reach one? */
static bool pred_touches(const struct trim *t, const struct ir_insn *in)
{
	int32_t lo = 0, hi = INT32_MIN, o;
	int i;

	for (i = 0; i < t->nfp; i++) {
		o = t->fp_offs[i];
		lo = o < lo ? o : lo;
		hi = o + 8 > hi ? o + 8 : hi;
	}
	if (!t->nfp)
		return false;
	switch (in->op) {
	case IR_LOAD:
		return in->src == IR_FP && in->off < hi && in->off + in->size > lo;
	case IR_STORE: case IR_STOREI:
		return in->dst == IR_FP && in->off < hi && in->off + in->size > lo;
	case IR_MOV:
		if (in->src != IR_FP)
			return false;
		/* x = fp; x += k: an object at fp + k, which may reach up */
		return !in->next || in->next->op != IR_ALUI || in->next->alu != BPF_ADD ||
		       in->next->dst != in->dst || in->next->imm < hi;
	case IR_ALU:
		return in->src == IR_FP;
	default:
		return false;
	}
}

/* Can the predicate run before [first, last] (S and H)?  It must not load
 * s, use their registers, nor jump anywhere but inside itself and out. */
static bool pred_independent(struct cg *g, struct ir_insn *first,
			     struct ir_insn *last)
{
	struct cg_seg *p = &g->seg_p, sh = { .first = first, .last = last };
	struct trim t = { .g = g, .seg = &sh, .lookup = IR_NOREG,
			  .map = IR_NOREG, .any_fp = true };
	struct ir_insn *in;
	vreg_t *defs, r[MAX_REGS];
	int nd = seg_defs(g, first, last, &defs), n, i;

	/* S and H themselves: no effect but on s memory and slot_s */
	t.ptrs = dcc_alloc(g->cc, (nd + 64) * sizeof(vreg_t));
	for (in = first; in; in = in->next) {
		if (t.nptrs >= nd + 63 || !insn_ok(&t, in, true))
			return false;
		if (in == last)
			break;
	}
	for (in = p->first; in; in = in->next) {
		if (in->op == IR_LOAD && in->src == IR_FP && in->off == g->slot_s)
			return false;
		if (pred_touches(&t, in))
			return false;
		if ((in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI) &&
		    in->label != g->lbl_out && !label_in_seg(p, in->label))
			return false;
		if (in->op == IR_EXIT || in->op == IR_CALL_SUB)
			return false;
		n = regs_of(in, r);
		for (i = 0; i < n; i++)
			if (r[i] >= IR_VREG0 && has(defs, nd, r[i]))
				return false;
		if (in == p->last)
			break;
	}
	return true;
}

/* Move [first, last] after the predicate (which directly follows it). */
static void pred_first(struct cg *g)
{
	struct ir_insn *first = g->seg_s.first, *last, *before, *pl;

	last = g->seg_h.first ? g->seg_h.last : g->seg_s.last;
	if (!first || !g->seg_p.first || last->next != g->seg_p.first ||
	    !pred_independent(g, first, last))
		return;
	pl = g->seg_p.last;
	before = first->prev;		/* never NULL: ctx was stored first */
	before->next = g->seg_p.first;
	g->seg_p.first->prev = before;
	last->next = pl->next;
	if (pl->next)
		pl->next->prev = last;
	else
		g->f->tail = last;
	pl->next = first;
	first->prev = pl;
}

void cg_trim(struct cg *g, bool traces)
{
	struct ir_func *f = g->f;

	if (!traces && !label_used(f, g->lbl_fault) && !header_read(g) &&
	    seg_dead(g, &g->seg_h, false))
		seg_drop(g, &g->seg_h);
	if (!g->seg_h.first && seg_dead(g, &g->seg_s, true))
		seg_drop(g, &g->seg_s);
	if (seg_dead(g, &g->seg_g, true))
		seg_drop(g, &g->seg_g);
	if (g->seg_s.first)
		trim_mstate(g);
	pred_first(g);
	forward_slot(g, g->st_s);
	forward_slot(g, g->st_g);
	forward_slot(g, g->st_ctx);
}
