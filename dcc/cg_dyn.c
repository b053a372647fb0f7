/* SPDX-License-Identifier: MIT */
/*
 * cg_dyn.c -- dynamic variables: thread-local self->x and global
 * associative arrays a[k...].
 *
 * Each variable is a BPF hash map: "dt_tls_<id>" keyed by the 8-byte
 * thread key (self->a[k...]: thread key, then the tuple) and
 * "dt_assoc_<id>" keyed by the key tuple (laid out as aggregation keys:
 * zeroed first, strings NUL-padded to strsize, so equal tuples give equal
 * bytes).  The map value is the key again (ks bytes, padded to 8: koff),
 * then the variable (vs bytes):
 *
 *   load:   v = map_lookup_elem(&map, key); if (!v) value = 0 (or "")
 *           else { copy the value out of v + koff; if v's key copy != key
 *                  then value = 0 (the element was recycled) }
 *   store:  x == 0 (NULL) ? delete(key) : set(key, x)
 *   delete: if (map_delete_elem(&map, key) == 0) lock g->dynvars -= 1
 *   set:    if (map_update_elem(&map, key, {key, x}, BPF_EXIST) == 0) done
 *           (replaced an existing element); else a new element:
 *           if (g->dynvars >= budget) goto drop; lock g->dynvars += 1
 *           if (map_update_elem(..., BPF_NOEXIST) == 0) done
 *           lock g->dynvars -= 1
 *           if (map_update_elem(..., BPF_EXIST) == 0) done  (another CPU
 *                 created it meanwhile; not for self->: a thread's key is
 *                 only ever created by that thread)
 *   drop:   globals->dyndrops++, the clause ends without output (as
 *           dtrace-utils does).
 *
 * As in DTrace, assigning zero to a dynamic variable deallocates it.
 *
 * The budget.  DTrace has one dynamic-variable space of dynvarsize bytes
 * that all dynamic variables share: dynvarsize / (largest key tuple +
 * largest value) elements (dtrace-utils' "dvars" map).  Here every
 * variable keeps its own map, and g->dynvars (struct dtm_globals_hdr)
 * counts the live elements of them all, changed only with atomic adds,
 * so the count is exact.  The budget test before the add is not atomic
 * with it: CPUs creating elements at the same moment may each pass it and
 * overshoot the budget by at most one element per CPU.  Each map's
 * max_entries (dynvarsize / its own element size) stays a hard cap: the
 * NOEXIST update fails when the map is full, also a drop.
 *
 * Why the key copy (the hash-map race).  map_lookup_elem returns a pointer
 * into the element; the program reads through it later.  If another CPU
 * deletes (or replaces: an update of an existing key links a new element
 * and frees the old one) that element meanwhile, the kernel recycles its
 * memory at once: preallocated maps push it on the per-CPU freelist, and
 * BPF_F_NO_PREALLOC maps (bpf_mem_alloc since 6.1) put it on the per-CPU
 * free_llist that the next allocation on that CPU takes from.  RCU only
 * keeps the memory type-stable (like SLAB_TYPESAFE_BY_RCU), it does not
 * delay reuse: the reader may see a different key's value (Hou Tao's
 * BPF_MA_NO_REUSE RFC, Dec 2022, describes exactly this and was not
 * merged).  So NO_PREALLOC alone does not help; we validate instead: the
 * reader copies the value first and then compares the key copy stored in
 * the element with the key it looked up, treating a mismatch as a missing
 * entry.  The kernel fills a recycled element's value (key copy first,
 * then the variable) before linking it, so a reader that saw a new value
 * sees the new key copy afterwards (x86 stores are ordered; the residual
 * window is a memcpy that reorders its own stores, e.g. `rep movsb`,
 * racing a reader between its value and key reads).
 * The maps are BPF_F_NO_PREALLOC so max_entries is a cap, not memory
 * reserved up front for every variable.
 *
 * Sizing: entries = dynvarsize (default 1m) / (key + value bytes), but at
 * least the shared budget (below), at least 1, at most DYN_MAX_ENTRIES;
 * `#pragma D option NAME_entries=N` sets the entry count of variable
 * NAME's map(s) (self->NAME and/or the array NAME).
 *
 * The thread key (DTrace's TLS key, see the seed notes):
 *   bits 0..59:  tid + DYN_TID_BASE, or the CPU id for the idle threads
 *                (tid 0 on every CPU)
 *   bits 60..63: interrupt level: 0 in task context, 1 in interrupt
 *                context, so a probe firing in a hard interrupt does not
 *                see the interrupted task's self-> variables.
 * How a BPF program knows it runs in a hard interrupt: preempt_count's
 * HARDIRQ bits are the exact nesting level, but on x86-64 preempt_count is
 * the per-CPU variable __preempt_count (pcpu_hot.preempt_count in 6.2 ..
 * 6.14), which a program can only reach as a typed ksym through
 * bpf_this_cpu_ptr(), and the verifier resolves a ksym's address with
 * kallsyms_lookup_name(): without CONFIG_KALLSYMS_ALL (as here) the load
 * fails with "ldimm64 failed to find the address for kernel symbol".
 * (dtrace-utils' dt_tlskey() has no IRQ bits at all.)  So the level is
 * decided per program, from what its probe is:
 *   - BEGIN/END/ERROR (dload's test_run), syscall (raw_tp sys_enter/exit),
 *     pid and usdt (uprobes): task context, level 0, no run-time cost;
 *   - profile-N and tick-N (cpu-clock perf events, run from the hrtimer
 *     interrupt) and the irq_vectors:* and irq:irq_handler_* tracepoints:
 *     hard-IRQ context, level 1;
 *   - other tracepoints (sdt, proc, sched, io, raw tracepoints): checked at
 *     run time: level 1 when the program's frame pointer lies outside
 *     [current->stack, + DYN_STACK_SPAN), i.e. on an interrupt stack
 *     (x86-64: the hardirq stack and the NMI/#DB/#MC IST stacks; arm64:
 *     irq_stack).  current->stack is read through bpf_get_current_task_btf()
 *     with a CO-RE offset; the frame pointer becomes a number through a
 *     store to and load from scratch (allowed for root: allow_ptr_leaks).
 * Not covered: x86-64 runs an interrupt that arrives in user mode on the
 * task stack (call_on_irqstack_cond), so a tracepoint firing in such an
 * interrupt gets level 0 (measured: a profile program's frame is on the
 * task stack when the interrupted task was in user mode); softirqs count
 * as interrupt context only when run on the interrupt stack; nested
 * interrupts share level 1.
 */
#include <linux/bpf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

#define DYN_DEFAULT_SIZE	(1024 * 1024)	/* DTrace's dynvarsize default */
#define DYN_MAX_ENTRIES		(1u << 22)
#define DYN_TID_BASE		(1u << 16)	/* > any NR_CPUS */
#define DYN_IRQ_SHIFT		60
#define DYN_STACK_SPAN		65536		/* >= THREAD_SIZE (16k, 32k KASAN) */

/* A dynamic-variable reference: its map, key and value layout. */
struct dyn_ref {
	struct sym *s;
	uint32_t key;		/* tmp offset of the key */
	bool stack;		/* key (and value) at fp + slot_dyn instead */
	uint32_t ks;		/* key bytes */
	uint32_t koff;		/* value offset in the map value */
};

static bool by_ref(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && (r->kind == TY_STRING || r->kind == TY_ARRAY ||
		     r->kind == TY_STRUCT || r->kind == TY_UNION);
}

static bool is_str(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && r->kind == TY_STRING;
}

static uint32_t val_size(struct cg *g, struct type *t)
{
	uint32_t n = cg_type_size(g, t);

	return n < 8 ? 8 : (n + 7) & ~7u;
}

static uint32_t round8(uint32_t n)
{
	return (n + 7) & ~7u;
}

static const char *dyn_map(struct cg *g, struct sym *s)
{
	char name[64];

	snprintf(name, sizeof(name), "dt_%s_%d",
		 s->kind == SYM_TLS ? "tls" : "assoc", s->id);
	return dcc_intern(g->cc, name);
}

/* ---- the thread key ------------------------------------------------------------- */

/* Where a program runs: known statically, or to be checked at run time. */
enum dyn_ctx { CTX_TASK, CTX_IRQ, CTX_CHECK };

static bool prefixed(const char *s, const char *p)
{
	return s && !strncmp(s, p, strlen(p));
}

static enum dyn_ctx probe_ctx(struct cg *g)
{
	const struct cg_probe *pr = g->probe;

	if (!pr)
		return CTX_CHECK;
	switch (pr->kind) {
	case DTM_PROV_DTRACE: case DTM_PROV_SYSCALL: case DTM_PROV_PID:
	case DTM_PROV_USDT:
		return CTX_TASK;	/* dload's test_run, syscalls, uprobes */
	case DTM_PROV_PROFILE: case DTM_PROV_TICK:
		return CTX_IRQ;		/* cpu-clock: the hrtimer interrupt */
	default:
		break;
	}
	if (prefixed(pr->section, "tracepoint/irq_vectors/") ||
	    prefixed(pr->section, "tracepoint/irq/irq_handler_"))
		return CTX_IRQ;
	return CTX_CHECK;
}

/* h = 1 if the program runs in interrupt context (see the file comment) */
static vreg_t irq_level(struct cg *g)
{
	struct dcc *cc = g->cc;
	enum dyn_ctx ctx = probe_ctx(g);
	vreg_t task, p, st, fp = cg_vreg(g), h = cg_vreg(g);
	uint32_t tmp;
	int l_end = ir_label(g->f);

	ir_movi(cc, g->f, h, ctx == CTX_IRQ);
	if (ctx != CTX_CHECK)
		return h;
	task = cg_call(g, BPF_FUNC_get_current_task_btf, 0);
	p = cg_core_field_ptr(g, task, "struct task_struct", "stack", NULL);
	if (p == IR_NOREG)
		return h;		/* no kernel BTF: task context assumed */
	ir_comment(cc, g->f, "h = fp - current->stack >= %u (not the task stack)",
		   DYN_STACK_SPAN);
	st = cg_vreg(g);
	ir_load(cc, g->f, 8, st, p, 0);
	tmp = cg_tmp_alloc(g, 8);
	ir_store(cc, g->f, 8, cg_tmp_ptr(g, tmp), 0, IR_FP);	/* fp as a number */
	ir_load(cc, g->f, 8, fp, cg_tmp_ptr(g, tmp), 0);
	ir_alu(cc, g->f, BPF_SUB, fp, st);
	ir_jcci(cc, g->f, BPF_JLT, fp, DYN_STACK_SPAN, l_end);
	ir_movi(cc, g->f, h, 1);
	ir_place_label(cc, g->f, l_end);
	return h;
}

/* t = h << 60 | (tid ? tid + DYN_TID_BASE : cpu): the thread's key */
static vreg_t tls_key_value(struct cg *g)
{
	struct dcc *cc = g->cc;
	vreg_t t, c, h;
	int l_idle = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "tls key = irq << %d | (tid ? tid + %u : cpu)",
		   DYN_IRQ_SHIFT, DYN_TID_BASE);
	t = cg_call(g, BPF_FUNC_get_current_pid_tgid, 0);
	ir_alui(cc, g->f, BPF_LSH, t, 32);
	ir_alui(cc, g->f, BPF_RSH, t, 32);
	ir_jcci(cc, g->f, BPF_JEQ, t, 0, l_idle);
	ir_alui(cc, g->f, BPF_ADD, t, DYN_TID_BASE);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_idle);
	c = cg_call(g, BPF_FUNC_get_smp_processor_id, 0);
	ir_mov(cc, g->f, t, c);
	ir_place_label(cc, g->f, l_end);
	h = irq_level(g);
	ir_alui(cc, g->f, BPF_LSH, h, DYN_IRQ_SHIFT);
	ir_alu(cc, g->f, BPF_OR, t, h);
	return t;
}

/* Programs that use self-> compute the key once, in the prologue. */
static bool uses_tls(struct node *n)
{
	int i;

	for (; n; n = n->next) {
		if (n->kind == N_SELF)
			return true;
		for (i = 0; i < 4; i++)
			if (n->kid[i] && uses_tls(n->kid[i]))
				return true;
	}
	return false;
}

void cg_dyn_prologue(struct cg *g, struct node *clause)
{
	g->tls_cached = uses_tls(clause->kid[1]) || uses_tls(clause->kid[2]);
	if (!g->tls_cached)
		return;
	/* on the stack, not in the mstate: a profile program interrupting
	 * this one on the same CPU shares the scratch map */
	g->slot_tls = ir_stack_alloc(g->f, 8, 8);
	g->slot_dyn = ir_stack_alloc(g->f, 16, 8);	/* {key, value} */
	ir_store(g->cc, g->f, 8, IR_FP, g->slot_tls, tls_key_value(g));
}

static void tls_key_to(struct cg *g, vreg_t base, int32_t off)
{
	vreg_t t;

	if (g->tls_cached) {
		t = cg_vreg(g);
		ir_load(g->cc, g->f, 8, t, IR_FP, g->slot_tls);
	} else {
		t = tls_key_value(g);
	}
	ir_store(g->cc, g->f, 8, base, off, t);
}

static void tls_key_at(struct cg *g, uint32_t tmp)
{
	tls_key_to(g, cg_tmp_ptr(g, tmp), 0);
}

/* ---- keys ------------------------------------------------------------------------ */

static uint32_t assoc_key(struct cg *g, struct sym *s, struct node *keys,
			  uint32_t *ksize, uint32_t prefix)
{
	int n = s->nkeys ? s->nkeys : node_list_len(keys);
	struct cg_aggkey *k = dcc_alloc(g->cc, (n + 1) * sizeof(*k));
	struct type **kt = s->keys;
	struct node *a;
	int i;

	if (!kt) {
		kt = dcc_alloc(g->cc, (node_list_len(keys) + 1) * sizeof(*kt));
		for (i = 0, a = keys; a; a = a->next, i++)
			kt[i] = a->type;
	}
	*ksize = cg_key_layout(g, kt, n, k);
	return cg_key_build_at(g, keys, k, n, *ksize, prefix);
}

/* The map key of a dynamic-variable reference n (N_SELF or N_INDEX). */
static void dyn_key(struct cg *g, struct node *n, struct dyn_ref *r)
{
	uint32_t ks;

	memset(r, 0, sizeof(*r));
	if (n->kind == N_SELF && !by_ref(n->type) && g->tls_cached) {
		r->s = n->sym;	/* {key, value} in the program's stack slot */
		r->stack = true;
		r->ks = 8;
		tls_key_to(g, IR_FP, g->slot_dyn);
	} else if (n->kind == N_SELF) {
		r->s = n->sym;
		r->key = cg_tmp_alloc(g, 8);
		r->ks = 8;
		tls_key_at(g, r->key);
	} else if (n->kid[0]->kind != N_SELF) {
		r->s = n->kid[0]->sym;
		r->key = assoc_key(g, r->s, n->kid[1], &ks, 0);
		r->ks = ks;
	} else {		/* self->a[k]: thread key, then k */
		r->s = n->kid[0]->sym;
		r->key = assoc_key(g, r->s, n->kid[1], &ks, 8);
		r->ks = ks + 8;
		tls_key_at(g, r->key);
	}
	if (!r->s)
		dcc_error(g->cc, n->loc, "D_UNSUPPORTED",
			  "unresolved dynamic variable");
	r->koff = round8(r->ks);
}

/* pointer to the key */
static vreg_t key_ptr(struct cg *g, struct dyn_ref *r)
{
	vreg_t p;

	if (!r->stack)
		return cg_tmp_ptr(g, r->key);
	p = cg_vreg(g);
	ir_mov(g->cc, g->f, p, IR_FP);
	ir_alui(g->cc, g->f, BPF_ADD, p, g->slot_dyn);
	return p;
}

/* if (bytes [a, a + n) != bytes [b, b + n)) goto label */
static void jump_if_differ(struct cg *g, vreg_t a, vreg_t b, uint32_t n,
			   int label)
{
	static const uint32_t sizes[] = { 8, 4, 2, 1 };
	uint32_t off = 0, i;

	for (i = 0; i < 4; i++) {
		for (; n - off >= sizes[i]; off += sizes[i]) {
			vreg_t x = cg_vreg(g), y = cg_vreg(g);

			ir_load(g->cc, g->f, sizes[i], x, a, off);
			ir_load(g->cc, g->f, sizes[i], y, b, off);
			ir_jcc(g->cc, g->f, BPF_JNE, x, y, label);
		}
	}
}

/* copy n bytes (n rounded up to 8: both areas are 8-byte granular) */
static void copy_words(struct cg *g, vreg_t dst, vreg_t src, uint32_t n)
{
	uint32_t off;

	for (off = 0; off < n; off += 8) {
		vreg_t x = cg_vreg(g);

		ir_load(g->cc, g->f, 8, x, src, off);
		ir_store(g->cc, g->f, 8, dst, off, x);
	}
}

/* ---- delete, load, store --------------------------------------------------------- */

/* lock g->dynvars += d: the live elements of all dynamic variables */
static void count_add(struct cg *g, int d)
{
	vreg_t v = cg_vreg(g);
	struct ir_insn *in;

	ir_movi(g->cc, g->f, v, d);
	in = ir_store(g->cc, g->f, 8, cg_gptr(g),
		      offsetof(struct dtm_globals_hdr, dynvars), v);
	in->atomic = true;
}

/* delete(&map, key): what storing 0 (NULL) into a dynamic variable does;
 * one element less if there was one */
static void delete_at(struct cg *g, struct dyn_ref *r)
{
	vreg_t m = cg_vreg(g), rc;
	int l_none = ir_label(g->f);

	ir_comment(g->cc, g->f, "x = 0: if (delete(&%s, key) == 0) g->dynvars--",
		   dyn_map(g, r->s));
	ir_ld_map(g->cc, g->f, m, dyn_map(g, r->s));
	rc = cg_call(g, BPF_FUNC_map_delete_elem, 2, m, key_ptr(g, r));
	ir_jcci(g->cc, g->f, BPF_JNE, rc, 0, l_none);
	count_add(g, -1);
	ir_place_label(g->cc, g->f, l_none);
}

void cg_dyn_delete(struct cg *g, struct node *n)
{
	struct dyn_ref r;

	dyn_key(g, n, &r);
	delete_at(g, &r);
}

static vreg_t zero_value(struct cg *g, struct type *t)
{
	uint32_t n = cg_type_size(g, t);
	char *z = dcc_alloc(g->cc, n < g->strsize ? g->strsize : n);
	vreg_t d = cg_vreg(g);

	ir_ld_data(g->cc, g->f, d, ir_rodata_add(g->cc, g->p, z,
						 n < g->strsize ? g->strsize : n));
	return d;
}

/* d = the value of a missing element */
static void load_missing(struct cg *g, struct node *n, vreg_t d)
{
	if (!by_ref(n->type)) {
		ir_movi(g->cc, g->f, d, 0);
	} else if (is_str(n->type) && g->null_str_zero) {
		ir_movi(g->cc, g->f, d, 0);	/* NULL, for == NULL */
	} else if (is_str(n->type) && !g->null_str_ok) {
		/* a missing string is NULL: using it faults */
		ir_comment(g->cc, g->f, "missing string element: NULL");
		cg_fault_jcci(g, BPF_JA, IR_NOREG, 0, DTM_FLT_BADADDR, IR_NOREG);
	} else {
		ir_mov(g->cc, g->f, d, zero_value(g, n->type));
	}
}

/* d = the value at v + koff: scalars loaded, objects copied to a temp */
static void load_present(struct cg *g, struct node *n, struct dyn_ref *r,
			 vreg_t v, vreg_t d)
{
	uint32_t size = cg_type_size(g, n->type), tmp;
	vreg_t src, len;

	if (!by_ref(n->type)) {
		if (size != 1 && size != 2 && size != 4)
			size = 8;
		ir_load(g->cc, g->f, size, d, v, r->koff);
		return;
	}
	tmp = cg_tmp_alloc(g, size);
	src = cg_vreg(g);
	ir_mov(g->cc, g->f, src, v);
	ir_alui(g->cc, g->f, BPF_ADD, src, r->koff);
	len = cg_vreg(g);
	ir_movi(g->cc, g->f, len, size);
	cg_call(g, is_str(n->type) ? BPF_FUNC_probe_read_kernel_str :
		BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp), len, src);
	ir_mov(g->cc, g->f, d, cg_tmp_ptr(g, tmp));
}

static vreg_t dyn_load(struct cg *g, struct node *n)
{
	struct dcc *cc = g->cc;
	bool zero = g->null_str_zero, ok = g->null_str_ok;
	struct dyn_ref r;
	vreg_t m = cg_vreg(g), v, d = cg_vreg(g);
	int l_end = ir_label(g->f), l_none = ir_label(g->f);

	g->null_str_zero = g->null_str_ok = false;	/* not for the keys */
	dyn_key(g, n, &r);
	g->null_str_zero = zero;
	g->null_str_ok = ok;

	ir_comment(cc, g->f, "v = lookup(&%s, key); value = v ? *(v + %u) : 0",
		   dyn_map(g, r.s), r.koff);
	ir_ld_map(cc, g->f, m, dyn_map(g, r.s));
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, key_ptr(g, &r));
	ir_jcci(cc, g->f, BPF_JEQ, v, 0, l_none);
	load_present(g, n, &r, v, d);
	ir_comment(cc, g->f, "recycled element (key copy != key): missing");
	jump_if_differ(g, v, key_ptr(g, &r), r.ks, l_none);
	if (!by_ref(n->type))
		cg_norm(g, d, n->type);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_none);
	load_missing(g, n, d);
	ir_place_label(cc, g->f, l_end);
	return d;
}

/* A dynamic struct/array read: pointer to a copy of the value (or zeros). */
void cg_dyn_lvalue(struct cg *g, struct node *n, struct cg_lv *lv)
{
	lv->kind = LV_MAP;
	lv->base = dyn_load(g, n);
	lv->off = 0;
	lv->type = n->type;
}

vreg_t cg_tls_load(struct cg *g, struct node *n)
{
	return dyn_load(g, n);
}

vreg_t cg_assoc_load(struct cg *g, struct node *n)
{
	return dyn_load(g, n);
}

bool cg_is_dyn(struct node *n)
{
	if (n->kind == N_SELF)
		return true;
	if (n->kind == N_INDEX && n->kid[0]->kind == N_SELF)
		return n->kid[0]->sym && n->kid[0]->sym->nkeys > 0;
	return n->kind == N_INDEX && n->kid[0]->kind == N_IDENT &&
	       n->kid[0]->sym && n->kid[0]->sym->kind == SYM_ASSOC;
}

/* buf + koff = x (scalar in a register, or object at address x) */
static void store_value(struct cg *g, struct node *n, struct dyn_ref *r,
			vreg_t buf, vreg_t v)
{
	uint32_t size = cg_type_size(g, n->type);
	vreg_t d, len;

	if (!by_ref(n->type)) {
		ir_store(g->cc, g->f, 8, buf, r->koff, v);
		return;
	}
	d = cg_vreg(g);
	ir_mov(g->cc, g->f, d, buf);
	ir_alui(g->cc, g->f, BPF_ADD, d, r->koff);
	len = cg_vreg(g);
	ir_movi(g->cc, g->f, len, is_str(n->type) ? g->strsize : size);
	cg_call(g, is_str(n->type) ? BPF_FUNC_probe_read_kernel_str :
		BPF_FUNC_probe_read_kernel, 3, d, len, v);
}

/* globals->dyndrops++; the clause ends without output */
static void dyn_drop(struct cg *g)
{
	vreg_t gp = cg_gptr(g), c = cg_vreg(g);

	ir_comment(g->cc, g->f, "map full: g->dyndrops++; goto out");
	ir_load(g->cc, g->f, 8, c, gp, offsetof(struct dtm_globals_hdr, dyndrops));
	ir_alui(g->cc, g->f, BPF_ADD, c, 1);
	ir_store(g->cc, g->f, 8, gp, offsetof(struct dtm_globals_hdr, dyndrops), c);
	ir_ja(g->cc, g->f, g->lbl_out);
}

static uint32_t dyn_budget(struct cg *g);

/* rc = update(&map, key, value, flags) */
static vreg_t update(struct cg *g, struct dyn_ref *r, uint32_t buf, int flags)
{
	vreg_t m = cg_vreg(g), fl = cg_vreg(g);

	ir_ld_map(g->cc, g->f, m, dyn_map(g, r->s));
	ir_movi(g->cc, g->f, fl, flags);
	return cg_call(g, BPF_FUNC_map_update_elem, 4, m, key_ptr(g, r),
		       r->stack ? key_ptr(g, r) : cg_tmp_ptr(g, buf), fl);
}

/* A new element (the BPF_EXIST update failed): within the budget? */
static void create(struct cg *g, struct dyn_ref *r, uint32_t buf, int l_end)
{
	struct dcc *cc = g->cc;
	vreg_t n = cg_vreg(g), rc;
	int l_drop = ir_label(g->f);

	ir_comment(cc, g->f, "new element: if (g->dynvars >= %u) drop; "
		   "g->dynvars++; update(NOEXIST)", dyn_budget(g));
	ir_load(cc, g->f, 8, n, cg_gptr(g),
		offsetof(struct dtm_globals_hdr, dynvars));
	ir_jcci(cc, g->f, BPF_JGE, n, dyn_budget(g), l_drop);
	count_add(g, 1);
	rc = update(g, r, buf, BPF_NOEXIST);
	ir_jcci(cc, g->f, BPF_JEQ, rc, 0, l_end);
	ir_comment(cc, g->f, "not created: g->dynvars--");
	count_add(g, -1);
	if (r->s->kind != SYM_TLS) {	/* a thread's own key: no race */
		ir_comment(cc, g->f, "another CPU created it meanwhile?");
		rc = update(g, r, buf, BPF_EXIST);
		ir_jcci(cc, g->f, BPF_JEQ, rc, 0, l_end);
	}
	ir_place_label(cc, g->f, l_drop);
	dyn_drop(g);
}

void cg_dyn_store(struct cg *g, struct node *n, vreg_t v)
{
	struct dcc *cc = g->cc;
	struct dyn_ref r;
	uint32_t buf = 0;
	vreg_t rc, b;
	int l_end = ir_label(g->f), l_set = ir_label(g->f);

	dyn_key(g, n, &r);
	if (!by_ref(n->type) || is_str(n->type)) {
		ir_comment(cc, g->f, "x == 0 ? delete(&%s, key) : update(...)",
			   dyn_map(g, r.s));
		ir_jcci(cc, g->f, BPF_JNE, v, 0, l_set);
		delete_at(g, &r);
		ir_ja(cc, g->f, l_end);
		ir_place_label(cc, g->f, l_set);
	}
	ir_comment(cc, g->f, "update(&%s, key, {key, x}, BPF_EXIST)", dyn_map(g, r.s));
	if (r.stack) {		/* the key is already at the start */
		b = key_ptr(g, &r);
	} else {
		buf = cg_tmp_alloc(g, r.koff + val_size(g, n->type));
		b = cg_tmp_ptr(g, buf);
		copy_words(g, b, cg_tmp_ptr(g, r.key), r.koff);
	}
	store_value(g, n, &r, b, v);
	rc = update(g, &r, buf, BPF_EXIST);
	ir_jcci(cc, g->f, BPF_JEQ, rc, 0, l_end);
	create(g, &r, buf, l_end);
	ir_place_label(cc, g->f, l_end);
}

/* ---- the maps ------------------------------------------------------------------------ */

static uint64_t parse_size(const char *v)
{
	char *end;
	unsigned long long n = strtoull(v, &end, 0);

	switch (*end) {
	case 't': case 'T': n <<= 10;	/* fall through */
	case 'g': case 'G': n <<= 10;	/* fall through */
	case 'm': case 'M': n <<= 10;	/* fall through */
	case 'k': case 'K': n <<= 10;
	}
	return n;
}

static uint32_t dyn_budget(struct cg *g);
static uint64_t dynvarsize(struct cg *g);

/* entries: NAME_entries, else what dynvarsize holds of this map's
 * elements, at least the shared budget (one variable may use it all) */
static uint32_t dyn_entries(struct cg *g, struct sym *s, uint32_t bytes)
{
	char name[256];
	const char *v;
	uint64_t n;

	snprintf(name, sizeof(name), "%s_entries", s->name);
	v = dcc_option(g->cc, name);
	if (v && *v) {
		n = strtoull(v, NULL, 0);
	} else {
		n = dynvarsize(g) / bytes;
		if (n < dyn_budget(g))
			n = dyn_budget(g);
	}
	return n < 1 ? 1 : n > DYN_MAX_ENTRIES ? DYN_MAX_ENTRIES : (uint32_t)n;
}

static uint64_t dynvarsize(struct cg *g)
{
	const char *v = dcc_option(g->cc, "dynvarsize");

	return v && *v ? parse_size(v) : DYN_DEFAULT_SIZE;
}

/* The largest key tuple (keys + 8, as dtrace-utils counts it; none for a
 * plain self->x) plus the largest value, over all dynamic variables. */
static uint32_t max_element(struct cg *g)
{
	struct cg_aggkey k[16];
	uint32_t kmax = 0, vmax = 1, ks, vs;
	struct sym *s;
	int tls;

	for (tls = 0; tls < 2 && g->syms; tls++) {
		for (s = tls ? g->syms->tls : g->syms->assocs; s; s = s->list_next) {
			ks = s->nkeys && s->nkeys <= 16 ?
			     cg_key_layout(g, s->keys, s->nkeys, k) + 8 : 0;
			vs = cg_type_size(g, s->type);	/* int: 4 */
			kmax = ks > kmax ? ks : kmax;
			vmax = vs > vmax ? vs : vmax;
		}
	}
	return kmax + vmax;
}

/* Elements the dynamic-variable space holds: dynvarsize / max_element,
 * at least 1 (computed once per program). */
static uint32_t dyn_budget(struct cg *g)
{
	uint64_t n;

	if (!g->dyn_budget) {
		n = dynvarsize(g) / max_element(g);
		g->dyn_budget = n < 1 ? 1 : n > INT32_MAX ? INT32_MAX : (uint32_t)n;
	}
	return g->dyn_budget;
}

static void dyn_map_add(struct cg *g, struct sym *s, uint32_t ks)
{
	uint32_t vs = round8(ks) + val_size(g, s->type);
	struct ir_map *m;

	m = ir_map_add(g->cc, g->p, dyn_map(g, s), BPF_MAP_TYPE_HASH, ks, vs,
		       dyn_entries(g, s, ks + vs));
	m->flags |= BPF_F_NO_PREALLOC;
}

void cg_dyn_maps(struct cg *g)
{
	struct sym *s;
	struct cg_aggkey k[16];

	if (!g->syms)
		return;
	for (s = g->syms->tls; s; s = s->list_next)
		dyn_map_add(g, s, 8 + (s->nkeys && s->nkeys <= 16 ?
				       cg_key_layout(g, s->keys, s->nkeys, k) : 0));
	for (s = g->syms->assocs; s; s = s->list_next)
		dyn_map_add(g, s, s->nkeys <= 16 ?
			    cg_key_layout(g, s->keys, s->nkeys, k) : 8);
}
