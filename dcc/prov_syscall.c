/* SPDX-License-Identifier: MIT */
/*
 * prov_syscall.c -- the syscall provider on the sys_enter/sys_exit raw
 * tracepoints.
 *
 *   syscall::NAME:entry   -> "raw_tp/sys_enter"  ctx = {pt_regs *regs, long id}
 *   syscall::NAME:return  -> "raw_tp/sys_exit"   ctx = {pt_regs *regs, long ret}
 *
 * Each program is attached once, to the raw tracepoint; dload resolves
 * NAME against the syscalls of tracefs.  When NAME names one syscall (no
 * glob), the program compares the syscall number with a u32 that dload
 * writes into .rodata before loading (dtm_probe.param = 1 + its offset;
 * the prid follows it): the verifier sees a constant, the other syscalls
 * cost a compare.  For a glob, dload fills the HASH map dt_syscalls
 * (DTM_MAP_SYSCALLS) with {epid, syscall nr} -> prid for every match, and
 * the program looks its {epid, nr} up first thing and returns if absent.
 * A description whose name globs both entry and return (syscall::read:)
 * gives two programs.
 * With host_probes, the pattern must match some syscall of this host.
 * Once the number has matched, a syscall of a 32-bit (compat) task is
 * dropped, as DTrace drops it (see compat_filter).
 *
 * Arguments are read from pt_regs with probe_read_kernel and CO-RE field
 * relocations (x86_64: di si dx r10 r8 r9, the syscall ABI; aarch64:
 * regs[0..5]), only those the clause uses.  On return the syscall number
 * is regs->orig_ax (aarch64: syscallno), arg0 = arg1 = ret and errno = -ret
 * when ret is in [-4095, -1], else 0.
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "prov.h"

#define SYSCALLS_DIR	"/sys/kernel/tracing/events/syscalls"
#define SYSCALLS_DIR2	"/sys/kernel/debug/tracing/events/syscalls"
#define MAX_ERRNO	4095

/* Where the syscall arguments and number live in struct pt_regs: member
 * and index (-1: not an array), with the x86_64 offsets as fallback when
 * the kernel's BTF is not available. */
struct regs_field {
	const char *member;
	int idx;
	int32_t off;
};

#if defined(__aarch64__)
static const struct regs_field arg_regs[6] = {
	{ "regs", 0, 0 }, { "regs", 1, 8 }, { "regs", 2, 16 },
	{ "regs", 3, 24 }, { "regs", 4, 32 }, { "regs", 5, 40 },
};
static const struct regs_field nr_reg = { "syscallno", -1, 280 };
#else
static const struct regs_field arg_regs[6] = {
	{ "di", -1, 112 }, { "si", -1, 104 }, { "dx", -1, 96 },
	{ "r10", -1, 56 }, { "r8", -1, 72 }, { "r9", -1, 64 },
};
static const struct regs_field nr_reg = { "orig_ax", -1, 120 };
#endif

static int host_count(const char *prefix, const char *func)
{
	int n = prov_count_dir(SYSCALLS_DIR, prefix, func);

	if (n < 0)
		n = prov_count_dir(SYSCALLS_DIR2, prefix, func);
	return n;
}

static bool syscall_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *func = pd_str(pd->pd_func), *name = pd_str(pd->pd_name);
	bool entry = prov_glob(name, "entry"), ret = prov_glob(name, "return");
	bool is_ret;
	int n;

	if (!prov_glob(pd->pd_prov, "syscall") || !prov_glob(pd->pd_mod, "vmlinux"))
		return false;
	if (!*pd_str(pd->pd_prov) && !*func)
		return false;	/* :::entry is not ours alone */
	if (!entry && !ret)
		return false;
	is_ret = pp->variant > 0 || !entry;
	pp->more = pp->variant == 0 && entry && ret;
	if (cc->opts.host_probes) {
		n = host_count(is_ret ? "sys_exit_" : "sys_enter_", func);
		if (n == 0)
			return false;
		if (n > 0)
			pp->nprobes = n;
	}
	pp->section = is_ret ? "raw_tp/sys_exit" : "raw_tp/sys_enter";
	pp->flags = is_ret ? DTM_PF_RETURN : 0;
	return true;
}

/* ---- which arguments the clause reads ------------------------------------------ */

static uint32_t args_used(const struct node *n, int depth);

static uint32_t ident_args(const struct node *n, int depth)
{
	const char *s = n->name;

	if (n->sym && n->sym->kind == SYM_INLINE && n->sym->inline_expr)
		return depth > 16 ? ~0u : args_used(n->sym->inline_expr, depth + 1);
	if (!s)
		return 0;
	if (!strcmp(s, "args"))
		return ~0u;
	if (!strncmp(s, "arg", 3) && s[3] >= '0' && s[3] <= '9' && !s[4])
		return 1u << (s[3] - '0');
	return 0;
}

/* Bit i: argi (or args[]) appears in n, its kids or its siblings. */
static uint32_t args_used(const struct node *n, int depth)
{
	uint32_t m = 0;
	int i;

	for (; n; n = n->next) {
		if (n->kind == N_IDENT)
			m |= ident_args(n, depth);
		else if (n->kind == N_XLATE)
			m = ~0u;	/* translators may read anything */
		for (i = 0; i < 4; i++)
			m |= args_used(n->kid[i], depth);
	}
	return m;
}

static uint32_t clause_args(struct cg *g)
{
	const struct node *c = g->cl->node;

	return args_used(c->kid[1], 0) | args_used(c->kid[2], 0);
}

/* ---- code ----------------------------------------------------------------------- */

/* p = &regs->field (CO-RE relocated), or regs + fixed offset */
static vreg_t regs_field_ptr(struct cg *g, vreg_t regs,
			     const struct regs_field *rf)
{
	struct type *st = type_lookup(g->cc, "struct pt_regs");
	struct cg_lv lv = { .kind = LV_KERNEL, .base = regs };
	struct member *m;
	vreg_t p;

	if (st && cg_core_member(g, &lv, st, rf->member, &m) &&
	    (rf->idx < 0 || cg_core_index(g, &lv, rf->idx, 8)) && !lv.off)
		return lv.base;
	p = cg_vreg(g);
	ir_mov(g->cc, g->f, p, regs);
	ir_alui(g->cc, g->f, BPF_ADD, p, rf->off);
	return p;
}

/* r0 = probe_read_kernel(s + off, size, &regs->field) */
static vreg_t read_regs(struct cg *g, vreg_t base, int32_t off, int size,
			vreg_t regs, const struct regs_field *rf)
{
	vreg_t src = regs_field_ptr(g, regs, rf), d = cg_vreg(g), n = cg_vreg(g);

	ir_mov(g->cc, g->f, d, base);
	ir_alui(g->cc, g->f, BPF_ADD, d, off);
	ir_movi(g->cc, g->f, n, size);
	return cg_call(g, BPF_FUNC_probe_read_kernel, 3, d, n, src);
}

/* 1 + the offset of a fresh, 8-aligned {u32 nr = ~0, u32 prid} in .rodata
 * for dload to fill; 0 if none can be had (deduplication hit).  The prid
 * bytes start as a marker without zero bytes, unique per program, so that
 * no later string constant is placed over the slot. */
static uint32_t rodata_slot(struct cg *g)
{
	struct ir_prog *p = g->p;
	uint32_t len = p->rodata_len, pad = (8 - len % 8) % 8, off;
	uint32_t e = (uint32_t)g->epid, nr = ~0u, mark;
	uint8_t buf[16] = { 0 };

	mark = 0x80808080u | (e & 0x7f) | (e << 1 & 0x7f00) |
	       (e << 2 & 0x7f0000) | (e << 3 & 0x7f000000);
	memcpy(buf + pad, &nr, 4);
	memcpy(buf + pad + 4, &mark, 4);
	off = ir_rodata_add(g->cc, p, buf, pad + 8);
	return off == len ? len + pad + 1 : 0;
}

/* nr = the syscall number: (u32)ctx->id on entry; on return
 * probe_read_kernel(fp + slot, 4, &regs->orig_ax) ?: goto out, then the
 * u32 at fp + slot */
static vreg_t syscall_nr(struct cg *g, vreg_t ctx, int32_t slot)
{
	struct dcc *cc = g->cc;
	vreg_t regs, nr = cg_vreg(g);

	if (!(g->probe->flags & DTM_PF_RETURN)) {
		ir_load(cc, g->f, 8, nr, ctx, 8);
		return nr;
	}
	regs = cg_vreg(g);
	ir_comment(cc, g->f, "probe_read_kernel(fp%+d, 4, &regs->%s)", slot,
		   nr_reg.member);
	ir_load(cc, g->f, 8, regs, ctx, 0);
	ir_jcci(cc, g->f, BPF_JNE, read_regs(g, IR_FP, slot, 4, regs, &nr_reg),
		0, g->lbl_out);
	ir_load(cc, g->f, 4, nr, IR_FP, slot);
	return nr;
}

/* ---- 32-bit (compat) syscalls ---------------------------------------------------- */

/* A 32-bit process's syscalls reach sys_enter/sys_exit too, with their
 * ia32 numbers (ia32 getpid is 20, x86-64 writev).  DTrace's syscall
 * provider sits on the syscalls:sys_enter_NAME events, which the kernel
 * does not fire for compat syscalls; so once the number has matched:
 *
 *   t = get_current_task_btf()
 *   st = *(u32 *)(t + offsetof(task_struct, thread_info.status))  ; CO-RE
 *   st &= TS_COMPAT; if (st != 0) goto out
 *
 * thread_info is task_struct's first member on x86-64 (THREAD_INFO_IN_TASK,
 * every BTF kernel) and has carried `status` since; TS_COMPAT (0x0002) is
 * set from syscall entry until the return to user mode, so both entry and
 * return are skipped.  The check is emitted only when the compile-time
 * kernel BTF has task_struct.thread_info.status: on arm64 (where compat is
 * TIF_32BIT in thread_info.flags, whose bit number varies across kernel
 * versions) and without BTF, 32-bit syscalls are not filtered. */
#define TS_COMPAT	0x0002

/* The index of member `name` in struct/union st (named members only), or -1 */
static int member_index(struct type *st, const char *name, struct member **mp)
{
	struct type *r = st ? type_resolve(st) : NULL;
	struct member *m;
	int i = 0;

	if (!r || (r->kind != TY_STRUCT && r->kind != TY_UNION))
		return -1;
	for (m = r->members; m; m = m->next, i++)
		if (m->name && !strcmp(m->name, name)) {
			*mp = m;
			return i;
		}
	return -1;
}

/* The CO-RE relocation of task_struct.thread_info.status (4 bytes), its
 * offset in *off; NULL if the kernel BTF has no such field. */
static struct ir_core *compat_core(struct cg *g, int32_t *off)
{
	struct type *ts = btf_lookup_type(g->cc, "struct task_struct");
	struct member *ti, *st;
	struct ir_core *c;
	int i, j;
	char acc[32];

	if (!ts || !ts->btf_id || (i = member_index(ts, "thread_info", &ti)) < 0 ||
	    (j = member_index(ti->type, "status", &st)) < 0 ||
	    st->bit_size || type_size(st->type) != 4)
		return NULL;
	snprintf(acc, sizeof(acc), "0:%d:%d", i, j);
	c = dcc_alloc(g->cc, sizeof(*c));
	c->btf_id = ts->btf_id;
	c->access = dcc_intern(g->cc, acc);
	c->kind = BPF_CORE_FIELD_BYTE_OFFSET;
	*off = (int32_t)(ti->offset + st->offset);
	return c;
}

static void compat_filter(struct cg *g)
{
	struct dcc *cc = g->cc;
	struct ir_core *c;
	int32_t off;
	vreg_t t, v;

	if (!(c = compat_core(g, &off)))
		return;
	ir_comment(cc, g->f, "if (current->thread_info.status & TS_COMPAT) goto out");
	t = cg_call(g, BPF_FUNC_get_current_task_btf, 0);
	v = cg_vreg(g);
	ir_load(cc, g->f, 4, v, t, off)->core = c;
	ir_alui(cc, g->f, BPF_AND, v, TS_COMPAT);	/* not jset: llvm-objdump 14 */
	ir_jcci(cc, g->f, BPF_JNE, v, 0, g->lbl_out);
}

/* One named syscall: if (nr != rodata.nr) goto out; the prid is the u32
 * after it (read where needed, see gen_rec_header).  ctx->id is an int
 * sign-extended by the kernel, so the 64-bit compare with the u32 is the
 * 32-bit one for every real syscall number. */
static bool const_filter(struct cg *g, vreg_t ctx)
{
	struct dcc *cc = g->cc;
	const char *func = pd_str(g->probe->pdesc->pd_func);
	uint32_t slot;
	vreg_t nr, want;

	if (!*func || prov_has_glob(func) || !(slot = rodata_slot(g)))
		return false;
	g->probe->param = slot;
	g->prid_data = slot + 4;
	ir_comment(cc, g->f, "if (syscall nr != rodata[%u] (%s, set by dload)) goto out",
		   slot - 1, func);
	nr = syscall_nr(g, ctx, g->probe->flags & DTM_PF_RETURN ?
			       ir_stack_alloc(g->f, 8, 8) : 0);
	want = cg_vreg(g);
	ir_ld_data(cc, g->f, want, slot - 1);
	ir_load(cc, g->f, 4, want, want, 0);
	ir_jcc(cc, g->f, BPF_JNE, nr, want, g->lbl_out);
	return true;
}

/*
 * Runs before the master-switch check (a glob, else const_filter):
 *   key = {epid, nr}		; nr = (u32)ctx->id, or regs->orig_ax on return
 *   v = map_lookup_elem(&dt_syscalls, &key); if (!v) goto out
 *   *(fp + slot_prid) = *v
 */
static void syscall_filter(struct cg *g, vreg_t ctx)
{
	struct dcc *cc = g->cc;
	int32_t key;
	vreg_t m, k, v, nr;

	if (const_filter(g, ctx)) {
		compat_filter(g);
		return;
	}
	key = ir_stack_alloc(g->f, 8, 8);
	ir_map_add(cc, g->p, DTM_MAP_SYSCALLS, BPF_MAP_TYPE_HASH,
		   sizeof(struct dtm_syscall_key), sizeof(uint32_t), 1);
	ir_comment(cc, g->f, "key = {epid %d, syscall nr}", g->epid);
	ir_storei(cc, g->f, 4, IR_FP, key, g->epid);
	nr = syscall_nr(g, ctx, key + 4);
	if (!(g->probe->flags & DTM_PF_RETURN))
		ir_store(cc, g->f, 4, IR_FP, key + 4, nr);
	ir_comment(cc, g->f, "prid = map_lookup_elem(&%s, &key) ?: goto out",
		   DTM_MAP_SYSCALLS);
	m = cg_vreg(g);
	ir_ld_map(cc, g->f, m, DTM_MAP_SYSCALLS);
	k = cg_vreg(g);
	ir_mov(cc, g->f, k, IR_FP);
	ir_alui(cc, g->f, BPF_ADD, k, key);
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, k);
	ir_jcci(cc, g->f, BPF_JEQ, v, 0, g->lbl_out);
	nr = cg_vreg(g);
	ir_load(cc, g->f, 4, nr, v, 0);
	g->slot_prid = ir_stack_alloc(g->f, 8, 8);
	ir_store(cc, g->f, 8, IR_FP, g->slot_prid, nr);
	compat_filter(g);
}

/* arg_i = regs->{di,si,dx,r10,r8,r9}[i] for the arguments used; the
 * others 0 (nothing at all if the clause reads no argument) */
static void entry_args(struct cg *g, vreg_t ctx, uint32_t used)
{
	vreg_t regs = cg_vreg(g), s;
	int i;

	if (!used)
		return;
	ir_comment(g->cc, g->f, "mstate.argN = regs->argN (used: %#x)",
		   used & 0x3ff);
	ir_load(g->cc, g->f, 8, regs, ctx, 0);
	for (i = 0; i < 6; i++)
		if (used & (1u << i))
			read_regs(g, cg_sptr(g), CG_MST_ARG(i), 8, regs,
				  &arg_regs[i]);
	s = cg_sptr(g);
	for (i = 0; i < CG_NARGS; i++)
		if (i >= 6 || !(used & (1u << i)))
			ir_storei(g->cc, g->f, 8, s, CG_MST_ARG(i), 0);
}

/* arg0 = arg1 = ret; errno = ret in [-4095, -1] ? -ret : 0 */
static void return_args(struct cg *g, vreg_t ctx, vreg_t s)
{
	struct dcc *cc = g->cc;
	vreg_t r = cg_vreg(g), e = cg_vreg(g);
	int l = ir_label(g->f);
	int i;

	ir_comment(cc, g->f, "arg0 = arg1 = ret; errno = -4095 <= ret < 0 ? -ret : 0");
	ir_load(cc, g->f, 8, r, ctx, 8);
	ir_store(cc, g->f, 8, s, CG_MST_ARG(0), r);
	ir_store(cc, g->f, 8, s, CG_MST_ARG(1), r);
	if (clause_args(g) & ~3u)
		for (i = 2; i < CG_NARGS; i++)
			ir_storei(cc, g->f, 8, s, CG_MST_ARG(i), 0);
	ir_movi(cc, g->f, e, 0);
	ir_jcci(cc, g->f, BPF_JSGE, r, 0, l);
	ir_jcci(cc, g->f, BPF_JSLT, r, -MAX_ERRNO, l);
	ir_mov(cc, g->f, e, r);
	ir_emit(cc, g->f, IR_NEG)->dst = e;
	ir_place_label(cc, g->f, l);
	ir_store(cc, g->f, 8, s, CG_MST_ERRNO, e);
}

static void syscall_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	if (g->probe->flags & DTM_PF_RETURN) {
		return_args(g, ctx, s);
		return;
	}
	ir_storei(g->cc, g->f, 8, s, CG_MST_ERRNO, 0);
	entry_args(g, ctx, clause_args(g));
}

/* ---- typed args[] (sema) --------------------------------------------------------- */

/* sys_enter_NAME/format of a single (non-glob) syscall, or -1 */
static int enter_format(struct node *pd, char types[][128], int max)
{
	const char *func = pd_str(pd->pd_func);
	char path[512];

	if (!*func || prov_has_glob(func) || !prov_glob(pd->pd_name, "entry") ||
	    prov_glob(pd->pd_name, "return"))
		return -1;
	snprintf(path, sizeof(path), SYSCALLS_DIR "/sys_enter_%s/format", func);
	return prov_format_fields(path, 16, types, max);
}

/* args[i] of an entry probe: the type of the syscall's parameter (user
 * pointers); of a return probe: the return value (long) */
static struct type *syscall_arg_type(struct dcc *cc, struct node *pd, int i)
{
	char types[6][128];
	int n;

	if (!prov_glob(pd->pd_name, "entry"))
		return i < 2 ? type_base(cc, "long") : NULL;
	n = enter_format(pd, types, 6);
	return i < n && i < 6 ? prov_field_type(cc, types[i], true) : NULL;
}

static int syscall_arg_count(struct dcc *cc, struct node *pd)
{
	if (!prov_glob(pd->pd_name, "entry"))
		return prov_glob(pd->pd_name, "return") ? 2 : -1;
	return enter_format(pd, NULL, 0);
}

const struct provider prov_syscall = {
	.arg_type = syscall_arg_type,
	.arg_count = syscall_arg_count,
	.name = "syscall",
	.kind = DTM_PROV_SYSCALL,
	.match = syscall_match,
	.filter = syscall_filter,
	.prologue = syscall_prologue,
};
