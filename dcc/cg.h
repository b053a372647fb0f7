/* SPDX-License-Identifier: MIT */
/*
 * cg.h -- per-program code generation state shared by the codegen files.
 *
 * cg.c walks the clauses and emits one BPF program per (clause, probe
 * description) pair; cg_expr.c generates expressions, cg_funcs.c actions
 * and subroutines, cg_builtins.c built-in variables, cg_agg.c aggregation
 * updates, prov_*.c the provider-specific prologues, and meta_out.c turns
 * the tables collected here (probes, clauses, record items, aggregations)
 * into the DTM_SECTION blob.
 *
 * Memory layout at run time:
 *   dt_globals[0]  struct dtm_globals_hdr, then the D globals (sema offsets)
 *   dt_scratch[d]  (per CPU; d = nesting depth, dt_nest[0], cg_nest.c)
 *     CG_MST_OFF    mstate: arg0..arg9, errno, ...
 *     CG_THIS_OFF   this-> variables (sema offsets)
 *     rec_off       the record being built: dtm_rec_hdr + items
 *     tmp base      temporaries (strings, keys) of the current program;
 *                   their offsets are patched once the program's record
 *                   size is known (struct cg_fixup).
 * The pointers to both map values live in two stack slots (the "DTrace
 * context"), so a variable access is: load pointer from the stack, load
 * the variable at its offset.
 */
#ifndef DCC_CG_H
#define DCC_CG_H

#include <stdbool.h>
#include <stdint.h>

#include "dcc.h"
#include "dload/meta.h"
#include "ir.h"
#include "types.h"

struct provider;

/* mstate area at the start of the scratch value */
#define CG_MST_OFF	0
#define CG_MST_ARG(i)	(CG_MST_OFF + 8 * (i))	/* arg0..arg9 */
#define CG_MST_ERRNO	(CG_MST_OFF + 80)
#define CG_MST_ATOP	(CG_MST_OFF + 88)	/* alloca: bytes allocated */
#define CG_MST_ABASE	(CG_MST_OFF + 96)	/* alloca: region address */
#define CG_MST_TS	(CG_MST_OFF + 104)	/* cached timestamp, 0: none */
#define CG_MST_SCRATCH	(CG_MST_OFF + 112)	/* scratch for helpers */
#define CG_MST_TLSKEY	(CG_MST_OFF + 120)	/* self-> key of this thread */
#define CG_MST_SIZE	128
#define CG_THIS_OFF	CG_MST_SIZE

#define CG_NARGS	10
#define CG_REC_HDR	((uint32_t)sizeof(struct dtm_rec_hdr))

/* One record item being laid out (becomes a struct dtm_rec). */
struct cg_rec {
	struct dtm_rec r;
	const char *fmt;	/* strings, interned into the strtab later */
	const char *type;
	struct cg_rec *next;
};

/* One clause: its record layout (identical for all its programs). */
struct cg_clause {
	struct node *node;
	struct cg_rec *recs;
	int nrecs;
	uint32_t size;		/* record size, header included */
	uint32_t flags;		/* DTM_CF_* */
	int line;
	bool laid_out;		/* recs filled by the first program */
};

/* One program: (clause, probe description). */
struct cg_probe {
	struct node *pdesc;
	const struct provider *prov;
	const char *prog;	/* ELF symbol */
	const char *section;
	int clause;
	uint32_t kind, flags;
	uint64_t param;
	uint32_t stmt;		/* (clause, probe description) number */
};

/* One aggregation (indexed by sym->id). */
struct cg_aggkey {
	struct dtm_aggkey k;
	const char *type;
};
struct cg_agg {
	struct sym *sym;
	const char *map;
	uint32_t func;		/* enum dtm_aggfn */
	uint32_t key_size, val_size;
	struct cg_aggkey *keys;
	int nkeys;
	int64_t params[4];
	int line;
	bool used;
};

/* An instruction whose offset/immediate is relative to the temp area. */
struct cg_fixup {
	struct ir_insn *insn;
	bool is_off;		/* patch insn->off (else insn->imm) */
	struct cg_fixup *next;
};

/* A fault site: label, fault kind and the vreg of the bad address. */
struct cg_fsite {
	int label, kind, pc;
	vreg_t addr;
	struct cg_fsite *next;
};

/* A stretch of a program's IR, [first, last] once complete: prologue
 * pieces that cg_trim.c drops when the program does not need them. */
struct cg_seg {
	struct ir_insn *after;	/* the instruction before the stretch */
	struct ir_insn *first, *last;
};

/* An lvalue: where a value lives. */
enum cg_lv_kind {
	LV_MAP,		/* in a map value or the stack: base vreg + off */
	LV_KERNEL,	/* kernel memory at address base + off (probe_read) */
	LV_USER,	/* user memory (copyin) */
};
struct cg_lv {
	enum cg_lv_kind kind;
	vreg_t base;
	int32_t off;
	struct type *type;
	uint32_t bit_off, bit_size;	/* bitfields */
	uint32_t size;			/* storage size if known (sema), else 0 */
	/* CO-RE (kernel types): the relocated add that produced base, while
	 * further constant member/index steps may still extend it */
	struct ir_insn *core_insn;
	/* a kernel bitfield read with CO-RE: base points at the root */
	const struct ir_core *bf_core;	/* root and access, kind unset */
	uint32_t bf_bits;		/* local bit offset from the root */
};

struct cg {
	struct dcc *cc;
	struct ir_prog *p;
	const struct dcc_syms *syms;

	/* current program */
	struct ir_func *f;
	struct cg_probe *probe;
	struct cg_clause *cl;
	int epid, clause_idx;
	int32_t slot_g, slot_s, slot_ctx;	/* fp offsets */
	int32_t slot_zero;	/* fp slot holding 8 zero bytes (a map key) */
	int32_t slot_prid;	/* fp slot of the prid (provider filter), 0: cookie */
	int lbl_out, lbl_fault;
	/* prologue pieces (cg_trim.c): globals lookup, scratch lookup and
	 * mstate, record header; the stores of ctx, g and s to their slots */
	struct cg_seg seg_g, seg_s, seg_h, seg_p;	/* seg_p: predicate */
	struct ir_insn *st_ctx, *st_g, *st_s;
	/* nesting (cg_nest.c): the key address of the scratch lookup and
	 * the `r0 = 0` of the two exits (out, fault: NULL if none; with a
	 * clause chain, the chain label and the fault's jump to it) */
	struct ir_insn *s_key, *ret_out, *ret_fault;
	bool nest_used;		/* some program uses dt_nest */
	uint32_t prid_data;	/* 1 + .rodata offset of the u32 prid the
				   provider filter found, 0: none */
	struct cg_fsite *fsites;	/* fault sites, emitted at the end */
	uint32_t dyn_budget;		/* cg_dyn.c: dynamic-variable elements
					   (0: not computed yet) */
	int nfsites;
	int line;

	/* record layout of the current program */
	uint32_t rec_off;	/* scratch offset of the record buffer */
	uint32_t rec_size;	/* bytes so far, header included */
	struct cg_rec *rec_head, **rec_tail;
	int nrec;
	bool records;		/* some data-recording action */
	bool speculative;	/* speculate() in this program (cg_spec.c) */

	/* temporaries of the current program */
	uint32_t tmp_top;
	struct cg_fixup *fixups;

	/* aggregation update in progress (cg_agg.c -> gen_count...) */
	vreg_t aggv;		/* pointer to the per-CPU value */
	struct cg_agg *agg;

	/* whole object */
	struct cg_clause *clauses;
	int nclauses;
	struct cg_probe *probes;
	int nprobes, probes_cap;
	uint32_t nstmts;
	struct cg_agg *aggs;
	int naggs;
	uint32_t strsize;
	uint32_t stackframes;	/* default frames of stack()/ustack() */
	uint32_t this_size;
	uint32_t globals_size;	/* dt_globals value: header + variables */
	uint32_t scratch_size;	/* max over programs */
	/* alloca (cg_alloca.c) */
	bool alloca_used;	/* alloca()/copyin() somewhere */
	uint32_t scratch_opt;	/* the scratchsize option */
	uint32_t scratchsize;	/* usable bytes (rounded to 8) */
	uint32_t alloca_off, alloca_size;	/* region in the scratch value */
	struct sym **taint;	/* variables holding alloca pointers */
	int ntaint, taint_cap;
	bool addr_only;		/* computing &lvalue: no alloca access check */
	bool null_str_ok;	/* string comparison: a missing string is "" */
	bool null_str_zero;	/* s == NULL: a missing string is 0 */
	bool tls_cached;	/* the TLS key is in slot_tls */
	int32_t slot_tls;	/* fp slot of the cached TLS key (cg_dyn.c) */
	int32_t slot_dyn;	/* fp slot: {TLS key, value} (cg_dyn.c) */
	uint32_t max_rec;	/* max record size */
};

/* cg.c */
struct cg *cg_get(struct dcc *cc);		/* after cg_program */
vreg_t cg_vreg(struct cg *g);
vreg_t cg_gptr(struct cg *g);			/* pointer to dt_globals[0] */
vreg_t cg_sptr(struct cg *g);			/* pointer to dt_scratch[0] */
vreg_t cg_ctx(struct cg *g);			/* the program's ctx */
uint32_t cg_tmp_alloc(struct cg *g, uint32_t size);	/* temp offset */
vreg_t cg_tmp_ptr(struct cg *g, uint32_t tmp);		/* s + base + tmp */
void cg_fixup(struct cg *g, struct ir_insn *insn, bool is_off);
void cg_fault(struct cg *g);		/* goto the fault exit */
/* if (v <cc> imm) fault (enum dtm_fault kind, faulting address or IR_NOREG) */
void cg_fault_jcci(struct cg *g, int cc_, vreg_t v, int64_t imm, int kind,
		   vreg_t addr);
void cg_stmts(struct cg *g, struct node *list);
/* Record items: reserve size bytes aligned to align; returns the item. */
struct cg_rec *cg_rec_add(struct cg *g, int action, int kind, uint32_t size,
			  uint32_t align, struct node *where);
struct cg_rec *cg_rec_value(struct cg *g, int action, struct node *e);
void cg_kind_of(struct cg *g, struct type *t, int *kind, uint32_t *size,
		uint32_t *flags, uint32_t *align);

/* cg_funcs.c: values whose call, not type, decides how they are recorded */
int cg_sym_kind(const struct node *e);	/* DTM_K_SYM... of sym()/mod()..., else 0 */
uint32_t cg_stack_frames(struct cg *g, const struct node *call);	/* (u)stack() */
/* cg_kind_of for expression e (type t, or e's if NULL; e may be NULL) */
uint32_t cg_str_bound(struct cg *g, const struct node *e);
void cg_kind_of_expr(struct cg *g, struct type *t, const struct node *e,
		     int *kind, uint32_t *size, uint32_t *flags, uint32_t *align);
bool cg_stmt_action(struct cg *g, struct node *e);	/* sym(x); & co */

/* cg_trim.c: after the whole program is generated, drop the prologue
 * pieces it does not need and forward single-use context slots */
void cg_seg_begin(struct cg *g, struct cg_seg *s);
void cg_seg_end(struct cg *g, struct cg_seg *s);
void cg_trim(struct cg *g, bool traces);

/* cg_expr.c */
vreg_t cg_expr(struct cg *g, struct node *n);
vreg_t cg_expr_str(struct cg *g, struct node *n);	/* string operand */
void cg_cond_jump(struct cg *g, struct node *n, bool jump_if, int label);
void cg_norm(struct cg *g, vreg_t v, struct type *t);
void cg_convert(struct cg *g, vreg_t v, struct type *from, struct type *to);
void cg_lvalue(struct cg *g, struct node *n, struct cg_lv *lv);
vreg_t cg_lv_load(struct cg *g, struct cg_lv *lv);
void cg_lv_store(struct cg *g, struct cg_lv *lv, vreg_t v);
/* Store value v of type t at base + off (map memory): ints by size,
 * strings copied (at most strsize bytes), other objects copied. */
void cg_store_typed(struct cg *g, vreg_t base, int32_t off, struct type *t,
		    vreg_t v);
void cg_store_sized(struct cg *g, vreg_t base, int32_t off, struct type *t,
		    vreg_t v, uint32_t size);
void cg_zero(struct cg *g, vreg_t base, int32_t off, uint32_t size);
void cg_memcpy(struct cg *g, vreg_t dst, vreg_t src, uint32_t size);
void cg_jump_haszero(struct cg *g, vreg_t w, int label);
vreg_t cg_str_const(struct cg *g, const char *s, size_t len);
vreg_t cg_call(struct cg *g, int helper, int nargs, ...);
bool cg_is_signed(struct type *t);
uint32_t cg_type_size(struct cg *g, struct type *t);

/* cg_agg.c */
void cg_agg_assign(struct cg *g, struct node *assign);
void cg_agg_maps(struct cg *g);
struct cg_agg *cg_agg_get(struct cg *g, struct sym *s);

/* cg_agg.c: key tuples (also for associative arrays) */
uint32_t cg_key_layout(struct cg *g, struct type **types, int nkeys,
		       struct cg_aggkey *out);
uint32_t cg_key_layout_exprs(struct cg *g, struct type **types,
			     const struct node *exprs, int nkeys,
			     struct cg_aggkey *out);
uint32_t cg_key_build(struct cg *g, struct node *args, struct cg_aggkey *keys,
		      int nkeys, uint32_t key_size);
uint32_t cg_key_build_at(struct cg *g, struct node *args, struct cg_aggkey *keys,
			 int nkeys, uint32_t key_size, uint32_t prefix);

/* cg_dyn.c: self-> and associative arrays */
vreg_t cg_tls_load(struct cg *g, struct node *n);
vreg_t cg_assoc_load(struct cg *g, struct node *n);
bool cg_is_dyn(struct node *n);
void cg_dyn_lvalue(struct cg *g, struct node *n, struct cg_lv *lv);
void cg_dyn_store(struct cg *g, struct node *n, vreg_t v);
void cg_dyn_delete(struct cg *g, struct node *n);
void cg_dyn_maps(struct cg *g);
void cg_dyn_prologue(struct cg *g, struct node *clause);	/* TLS key */

/* cg_core.c: CO-RE field relocations for kernel (BTF) types */
uint32_t cg_core_root(struct type *t);	/* root BTF id, 0: no relocation */
/* lv.member on kernel memory: relocated offset; true if handled */
bool cg_core_member(struct cg *g, struct cg_lv *lv, struct type *st,
		    const char *name, struct member **mout);
/* lv[k] on an array reached by a CO-RE access: extend it; true if done */
bool cg_core_index(struct cg *g, struct cg_lv *lv, int64_t k, uint32_t es);
vreg_t cg_core_bitfield_load(struct cg *g, struct cg_lv *lv);
/* p = base + offsetof(struct sname, member) (relocated); *mt = its type */
vreg_t cg_core_field_ptr(struct cg *g, vreg_t base, const char *sname,
			 const char *member, struct type **mt);

/* cg_nest.c: per-CPU nesting levels of the scratch memory */
#define CG_MAP_NEST	"dt_nest"	/* PERCPU_ARRAY[1]: u32 depth */
#define CG_NEST_MAX	4		/* dt_scratch entries */
void cg_nest(struct cg *g);

/* cg_chain.c: clause chains (meta.h DTM_MAP_CHAIN): does the program end
 * with a tail call to the next clause of its probe?  Emit that exit
 * (`chain: ...; r0 = 0; exit`): returns its label instruction, *label its
 * label. */
bool cg_chained(struct cg *g);
struct ir_insn *cg_chain_exit(struct cg *g, int *label);

/* cg_alloca.c: scratch memory (alloca, bcopy, copyinto, copyin) */
void cg_alloca_scan(struct cg *g);	/* before codegen */
void cg_alloca_prologue(struct cg *g);
bool cg_tainted(struct cg *g, struct node *n);	/* an alloca pointer? */
/* check n bytes (reg, or constant nc if nreg == IR_NOREG) at alloca
 * address p: the map-value pointer to them (faults if out of bounds) */
vreg_t cg_alloca_check(struct cg *g, vreg_t p, vreg_t nreg, int64_t nc);
/* DTrace's value of an alloca pointer (its scratch offset) where a script
 * sees it: recorded, and cast to or from an integer */
vreg_t cg_alloca_value(struct cg *g, struct node *e, vreg_t v);
vreg_t cg_alloca_cast(struct cg *g, struct node *e, struct type *to, vreg_t v);
/* codegen for the scratch subroutines, or NULL for the others */
int (*cg_scratch_func(struct cg *g, const char *name))(struct cg *, struct node *);

/* meta_out.c */
void meta_out(struct cg *g);

/* cg_spec.c: speculations; the epilogue's output of a program that called
 * speculate() (counts the record as written to its speculation) */
void cg_spec_output(struct cg *g, uint32_t size);


/* Small helpers shared by the subroutine generators. */
static inline struct node *cg_call_arg(struct node *call, int i)
{
	struct node *a = call->kid[0];

	while (a && i-- > 0)
		a = a->next;
	return a;
}

/* d = imm in a new vreg */
static inline vreg_t cg_vconst(struct cg *g, int64_t v)
{
	vreg_t d = cg_vreg(g);

	ir_movi(g->cc, g->f, d, v);
	return d;
}

/* d = s in a new vreg */
static inline vreg_t cg_vcopy(struct cg *g, vreg_t s)
{
	vreg_t d = cg_vreg(g);

	ir_mov(g->cc, g->f, d, s);
	return d;
}

#endif /* DCC_CG_H */
