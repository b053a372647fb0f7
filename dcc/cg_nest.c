/* SPDX-License-Identifier: MIT */
/*
 * cg_nest.c -- nesting levels of the per-CPU scratch memory.
 *
 * A perf-event program (profile, tick) can interrupt a tracepoint program
 * on the same CPU in the middle of its clause: if both used dt_scratch[0]
 * the interrupted program's record and temporaries would be overwritten.
 * So dt_scratch has CG_NEST_MAX entries and the per-CPU u32 dt_nest[0]
 * counts the programs running on the CPU.  Once cg_trim() has decided
 * that a program keeps its scratch lookup, cg_nest() adds (nothing is
 * added to a program without scratch, so the pair is never split):
 *
 *   entry:    *(u64 *)(fp + slot_n) = 0
 *   before S: n = map_lookup_elem(&dt_nest, &zero); if (!n) goto out
 *             d = *(u32 *)n; if (d >= CG_NEST_MAX) goto deep
 *             *(u32 *)n = d + 1; *(u64 *)(fp + slot_n) = n
 *             *(u64 *)(fp + slot_d) = d
 *   S:        s = map_lookup_elem(&dt_scratch, fp + slot_d)
 *   each exit (out and fault):
 *             p = *(u64 *)(fp + slot_n); if (p == 0) goto skip
 *             *(u32 *)p = *(u32 *)p - 1        (programs nest: LIFO)
 *   skip:     r0 = 0; exit
 *   deep:     gl = &dt_globals (ld_imm64)		(the event is lost:
 *             lock gl->nestdrops += 1; goto out	 dload reports it
 *						 as a principal drop)
 *
 * slot_n stays 0 on the paths that leave before the increment (master
 * switch, a predicate run before S, a failed lookup, too deep).
 */
#include <linux/bpf.h>
#include <stddef.h>

#include "cg.h"

/* Move the instructions emitted after `mark` to just before `anchor`. */
static void splice_before(struct ir_func *f, struct ir_insn *mark,
			  struct ir_insn *anchor)
{
	struct ir_insn *first = mark ? mark->next : f->head, *last = f->tail;

	if (!first)
		return;
	f->tail = mark;
	if (mark)
		mark->next = NULL;
	else
		f->head = NULL;
	first->prev = anchor->prev;
	if (anchor->prev)
		anchor->prev->next = first;
	else
		f->head = first;
	last->next = anchor;
	anchor->prev = last;
}

/* deep: the event finds every nesting level in use: count it, drop it */
static void gen_deep(struct cg *g, int deep)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	vreg_t p = cg_vreg(g), one = cg_vreg(g);
	struct ir_insn *add;

	ir_place_label(cc, f, deep);
	ir_comment(cc, f, "too deep: gl = &%s; gl->nestdrops++", DTM_VAR_GLOBALS);
	ir_ld_sec(cc, f, p, DTM_MAP_GLOBALS, 0);
	ir_movi(cc, f, one, 1);
	add = ir_store(cc, f, 8, p, offsetof(struct dtm_globals_hdr, nestdrops), one);
	add->atomic = true;
	ir_ja(cc, f, g->lbl_out);
}

/* n = dt_nest[0]; depth check and increment; slot_d = depth */
static void gen_enter(struct cg *g, int32_t slot_n, int32_t slot_d, int deep)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	vreg_t m = cg_vreg(g), k = cg_vreg(g), n, d = cg_vreg(g), d1 = cg_vreg(g);

	ir_comment(cc, f, "n = map_lookup_elem(&%s, &zero); nesting level",
		   CG_MAP_NEST);
	ir_ld_map(cc, f, m, CG_MAP_NEST);
	ir_mov(cc, f, k, IR_FP);
	ir_alui(cc, f, BPF_ADD, k, g->slot_zero);
	n = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, k);
	ir_jcci(cc, f, BPF_JEQ, n, 0, g->lbl_out);
	ir_comment(cc, f, "d = *n; if (d >= %d) goto deep; *n = d + 1",
		   CG_NEST_MAX);
	ir_load(cc, f, 4, d, n, 0);
	ir_jcci(cc, f, BPF_JGE, d, CG_NEST_MAX, deep);
	ir_mov(cc, f, d1, d);
	ir_alui(cc, f, BPF_ADD, d1, 1);
	ir_store(cc, f, 4, n, 0, d1);
	ir_store(cc, f, 8, IR_FP, slot_n, n);
	ir_store(cc, f, 8, IR_FP, slot_d, d);
}

/* if (*(fp + slot_n)) --**(fp + slot_n) */
static void gen_leave(struct cg *g, int32_t slot_n)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	vreg_t p = cg_vreg(g), c = cg_vreg(g);
	int skip = ir_label(f);

	ir_comment(cc, f, "p = nest pointer; if (p) *p -= 1");
	ir_load(cc, f, 8, p, IR_FP, slot_n);
	ir_jcci(cc, f, BPF_JEQ, p, 0, skip);
	ir_load(cc, f, 4, c, p, 0);
	ir_alui(cc, f, BPF_SUB, c, 1);
	ir_store(cc, f, 4, p, 0, c);
	ir_place_label(cc, f, skip);
}

void cg_nest(struct cg *g)
{
	struct ir_func *f = g->f;
	struct ir_insn *mark;
	int32_t slot_n, slot_d;
	int deep;

	if (!g->seg_s.first || !g->s_key || !g->ret_out)
		return;		/* no scratch memory: nothing to nest */
	g->nest_used = true;
	slot_n = ir_stack_alloc(f, 8, 8);
	slot_d = ir_stack_alloc(f, 8, 8);
	g->s_key->imm = slot_d;
	if (g->seg_s.first->op == IR_COMMENT)
		g->seg_s.first->text = "s = map_lookup_elem(&" DTM_MAP_SCRATCH
				       ", &depth)";
	mark = f->tail;
	ir_storei(g->cc, f, 8, IR_FP, slot_n, 0);
	splice_before(f, mark, f->head);
	deep = ir_label(f);
	mark = f->tail;
	gen_enter(g, slot_n, slot_d, deep);
	splice_before(f, mark, g->seg_s.first);
	gen_deep(g, deep);		/* at the end: reached by its jump only */
	mark = f->tail;
	gen_leave(g, slot_n);
	splice_before(f, mark, g->ret_out);
	if (g->ret_fault) {
		mark = f->tail;
		gen_leave(g, slot_n);
		splice_before(f, mark, g->ret_fault);
	}
}
