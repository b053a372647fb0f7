/* SPDX-License-Identifier: MIT */
/*
 * cg_builtins.c -- code generation for D's built-in variables: the
 * gen_bi_<name> hooks of builtins.h.  Each returns a vreg holding the value
 * (for strings: a pointer to the string in scratch memory), or -1 when
 * the variable is not supported yet.
 *
 * arg0..arg9 and errno come from the mstate the provider prologue filled;
 * id (prid) and cpu from the record header; the rest from BPF helpers.
 */
#include <linux/bpf.h>
#include <stddef.h>

#include "builtins.h"
#include "cg.h"
#include "prov.h"

static vreg_t mst_load(struct cg *g, int32_t off)
{
	vreg_t s = cg_sptr(g), v = cg_vreg(g);

	ir_load(g->cc, g->f, 8, v, s, off);
	return v;
}

#define ARG(n) \
int gen_bi_arg##n(struct cg *g, struct node *ref) \
{ \
	return mst_load(g, CG_MST_ARG(n)); \
}
ARG(0) ARG(1) ARG(2) ARG(3) ARG(4) ARG(5) ARG(6) ARG(7) ARG(8) ARG(9)
#undef ARG

/* A string args[i] of a user address (a provider definition's string for
 * a USDT probe's char *), copied to a temporary:
 *   rc = probe_read_user_str(tmp, strsize, v); if (rc s< 0) fault BADADDR */
static vreg_t user_str_arg(struct cg *g, vreg_t v, struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;
	vreg_t tmp, rc;

	if (!r || r->kind != TY_STRING || !(t->user_addr || r->user_addr))
		return v;
	tmp = cg_tmp_ptr(g, cg_tmp_alloc(g, g->strsize));
	ir_comment(g->cc, g->f, "string args[]: probe_read_user_str(tmp, %u, p)",
		   g->strsize);
	rc = cg_call(g, BPF_FUNC_probe_read_user_str, 3, tmp,
		     cg_vconst(g, g->strsize), v);
	cg_fault_jcci(g, BPF_JSLT, rc, 0, DTM_FLT_BADADDR, v);
	return tmp;
}

/* The native argument args[i] reads: a provider definition of the
 * program may reorder a USDT probe's arguments, a provider's argument
 * description map it (struct prov_argdesc). */
static int64_t arg_index(struct cg *g, int64_t i)
{
	const struct provider *p = g->probe ? g->probe->prov : NULL;
	struct prov_argdesc d;

	if (!p || i < 0 || i > 255)
		return i;
	if (p == &prov_usdt)
		return prov_decl_arg_map(g->cc, g->probe->pdesc, (int)i);
	if (p->arg_desc && p->arg_desc(g->cc, g->probe->pdesc, (int)i, &d) > i)
		return d.mapping;
	return i;
}

/* args[i]: the mstate argument, converted to the element type. */
int gen_bi_args(struct cg *g, struct node *ref)
{
	struct node *ix = ref->kind == N_INDEX ? ref->kid[1] : NULL;
	vreg_t s, v, i;
	int64_t k;

	if (!ix)
		return -1;
	if (ix->is_const) {
		k = arg_index(g, ix->cval);
		if (k < 0 || k >= CG_NARGS)
			dcc_error(g->cc, ref->loc, "D_ARGS_IDX",
				  "index %lld is out of range for args[ ]",
				  (long long)ix->cval);
		v = mst_load(g, CG_MST_ARG(k));
	} else {
		i = cg_expr(g, ix);
		cg_fault_jcci(g, BPF_JGE, i, CG_NARGS, DTM_FLT_ILLOP, IR_NOREG);
		ir_alui(g->cc, g->f, BPF_LSH, i, 3);
		s = cg_sptr(g);
		ir_alu(g->cc, g->f, BPF_ADD, s, i);
		v = cg_vreg(g);
		ir_load(g->cc, g->f, 8, v, s, CG_MST_ARG(0));
	}
	cg_norm(g, v, ref->type);
	return user_str_arg(g, v, ref->type);
}

/* uregs[i]: slot i of the user registers (task_pt_regs(current)),
 * 0 past struct pt_regs (21 slots on x86_64). */
int gen_bi_uregs(struct cg *g, struct node *ref)
{
	struct node *ix = ref->kind == N_INDEX ? ref->kid[1] : NULL;
	uint32_t tmp = cg_tmp_alloc(g, 8);
	vreg_t task, regs, i, v, n;
	int l = ir_label(g->f);

	if (!ix)
		return -1;
	i = cg_vreg(g);
	ir_mov(g->cc, g->f, i, cg_expr(g, ix));
	task = cg_call(g, BPF_FUNC_get_current_task_btf, 0);
	regs = cg_call(g, BPF_FUNC_task_pt_regs, 1, task);
	v = cg_vreg(g);
	ir_movi(g->cc, g->f, v, 0);
	ir_jcci(g->cc, g->f, BPF_JGE, i, 21, l);
	ir_alui(g->cc, g->f, BPF_LSH, i, 3);
	ir_alu(g->cc, g->f, BPF_ADD, regs, i);
	n = cg_vreg(g);
	ir_movi(g->cc, g->f, n, 8);
	cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp), n, regs);
	ir_load(g->cc, g->f, 8, v, cg_tmp_ptr(g, tmp), 0);
	ir_place_label(g->cc, g->f, l);
	return v;
}

/* pid_tgid: tgid in the upper 32 bits, tid in the lower */
static vreg_t pid_tgid(struct cg *g, bool upper)
{
	vreg_t v = cg_call(g, BPF_FUNC_get_current_pid_tgid, 0);

	if (upper) {
		ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	} else {
		ir_alui(g->cc, g->f, BPF_LSH, v, 32);
		ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	}
	return v;
}

int gen_bi_pid(struct cg *g, struct node *ref)
{
	return pid_tgid(g, true);
}

int gen_bi_tid(struct cg *g, struct node *ref)
{
	return pid_tgid(g, false);
}

/* Read base->member (size bytes) of struct sname with a CO-RE relocated
 * offset; fault BADADDR on a bad address. */
static vreg_t struct_field(struct cg *g, vreg_t base, const char *sname,
			   const char *member, uint32_t size)
{
	uint32_t tmp = cg_tmp_alloc(g, 8);
	vreg_t p, n, r, v;

	p = cg_core_field_ptr(g, base, sname, member, NULL);
	if (p == IR_NOREG)
		return IR_NOREG;
	n = cg_vreg(g);
	ir_movi(g->cc, g->f, n, size);
	r = cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp), n, p);
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, p);
	v = cg_vreg(g);
	ir_load(g->cc, g->f, size, v, cg_tmp_ptr(g, tmp), 0);
	return v;
}

static vreg_t task_field(struct cg *g, vreg_t task, const char *member,
			 uint32_t size)
{
	return struct_field(g, task, "struct task_struct", member, size);
}

int gen_bi_ppid(struct cg *g, struct node *ref)
{
	vreg_t t = cg_call(g, BPF_FUNC_get_current_task, 0), p;

	ir_comment(g->cc, g->f, "ppid = curthread->real_parent->tgid");
	p = task_field(g, t, "real_parent", 8);
	if (p == IR_NOREG)
		return -1;
	return task_field(g, p, "tgid", 4);
}

static vreg_t uid_gid(struct cg *g, bool gid)
{
	vreg_t v = cg_call(g, BPF_FUNC_get_current_uid_gid, 0);

	if (gid) {
		ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	} else {
		ir_alui(g->cc, g->f, BPF_LSH, v, 32);
		ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	}
	return v;
}

int gen_bi_uid(struct cg *g, struct node *ref)
{
	return uid_gid(g, false);
}

int gen_bi_gid(struct cg *g, struct node *ref)
{
	return uid_gid(g, true);
}

/* get_current_comm(tmp, 16): tmp is strsize bytes, zero-padded */
int gen_bi_execname(struct cg *g, struct node *ref)
{
	uint32_t tmp = cg_tmp_alloc(g, g->strsize);
	vreg_t n = cg_vreg(g);

	ir_comment(g->cc, g->f, "execname: get_current_comm(tmp, 16)");
	ir_movi(g->cc, g->f, n, 16);
	cg_call(g, BPF_FUNC_get_current_comm, 2, cg_tmp_ptr(g, tmp), n);
	return cg_tmp_ptr(g, tmp);
}

/* timestamp is fixed for the whole clause, as in DTrace:
 * if (!mst.ts) mst.ts = ktime_get_ns(); v = mst.ts */
int gen_bi_timestamp(struct cg *g, struct node *ref)
{
	vreg_t v = mst_load(g, CG_MST_TS), t;
	int l = ir_label(g->f);

	ir_jcci(g->cc, g->f, BPF_JNE, v, 0, l);
	t = cg_call(g, BPF_FUNC_ktime_get_ns, 0);
	ir_mov(g->cc, g->f, v, t);
	ir_store(g->cc, g->f, 8, cg_sptr(g), CG_MST_TS, v);
	ir_place_label(g->cc, g->f, l);
	return v;
}

int gen_bi_vtimestamp(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_ktime_get_ns, 0);
}

/* Wall clock: the TAI clock is the closest the helpers offer
 * (CLOCK_TAI = CLOCK_REALTIME + the TAI offset, 37s if set, else 0). */
int gen_bi_walltimestamp(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_ktime_get_tai_ns, 0);
}

int gen_bi_cpu(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_get_smp_processor_id, 0);
}

/* curcpu: this CPU's scratch value stands for its cpuinfo_t (a per-CPU
 * address); the pointer goes through the mstate to become a number. */
int gen_bi_curcpu(struct cg *g, struct node *ref)
{
	vreg_t s = cg_sptr(g);

	ir_store(g->cc, g->f, 8, s, CG_MST_SCRATCH, s);
	return mst_load(g, CG_MST_SCRATCH);
}

/* id: the prid in the record header */
int gen_bi_id(struct cg *g, struct node *ref)
{
	vreg_t s = cg_sptr(g), v = cg_vreg(g);

	ir_load(g->cc, g->f, 4, v, s, g->rec_off + 4);
	return v;
}

int gen_bi_epid(struct cg *g, struct node *ref)
{
	vreg_t v = cg_vreg(g);

	ir_movi(g->cc, g->f, v, g->epid);
	return v;
}

int gen_bi_errno(struct cg *g, struct node *ref)
{
	return mst_load(g, CG_MST_ERRNO);
}

/* dt_probes[prid].<field> copied to a string temporary */
static vreg_t probe_name(struct cg *g, uint32_t field)
{
	struct dcc *cc = g->cc;
	uint32_t ktmp = cg_tmp_alloc(g, 8), tmp = cg_tmp_alloc(g, g->strsize);
	vreg_t s = cg_sptr(g), id = cg_vreg(g), m = cg_vreg(g), v, n;
	int l_ok = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "probe name: dt_probes[prid] + %u", field);
	ir_load(cc, g->f, 4, id, s, g->rec_off + 4);
	ir_store(cc, g->f, 4, cg_tmp_ptr(g, ktmp), 0, id);
	ir_ld_map(cc, g->f, m, DTM_MAP_PROBES);
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, cg_tmp_ptr(g, ktmp));
	ir_jcci(cc, g->f, BPF_JNE, v, 0, l_ok);
	ir_storei(cc, g->f, 1, cg_tmp_ptr(g, tmp), 0, 0);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_ok);
	ir_alui(cc, g->f, BPF_ADD, v, field);
	n = cg_vreg(g);
	ir_movi(cc, g->f, n, g->strsize < DTM_PROBE_STRLEN ? g->strsize
							    : DTM_PROBE_STRLEN);
	cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, cg_tmp_ptr(g, tmp), n, v);
	ir_place_label(cc, g->f, l_end);
	return cg_tmp_ptr(g, tmp);
}

int gen_bi_probeprov(struct cg *g, struct node *ref)
{
	return probe_name(g, offsetof(struct dtm_probe_info, prov));
}

int gen_bi_probemod(struct cg *g, struct node *ref)
{
	return probe_name(g, offsetof(struct dtm_probe_info, mod));
}

int gen_bi_probefunc(struct cg *g, struct node *ref)
{
	return probe_name(g, offsetof(struct dtm_probe_info, func));
}

int gen_bi_probename(struct cg *g, struct node *ref)
{
	return probe_name(g, offsetof(struct dtm_probe_info, name));
}

int gen_bi_curthread(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_get_current_task, 0);
}

/* n = get_stack(ctx, tmp, 8 * max, flags): bytes, or < 0; tmp in *buf */
static vreg_t get_stack(struct cg *g, uint32_t max, uint64_t flags,
			uint32_t *buf)
{
	vreg_t n = cg_vreg(g), f = cg_vreg(g);

	*buf = cg_tmp_alloc(g, 8 * max);
	ir_movi(g->cc, g->f, n, 8 * max);
	ir_movi(g->cc, g->f, f, (int64_t)flags);
	return cg_call(g, BPF_FUNC_get_stack, 4, cg_ctx(g), cg_tmp_ptr(g, *buf), n, f);
}

/* caller / ucaller: frame 1 of the (user) stack, 0 if there is none */
static vreg_t stack_frame1(struct cg *g, uint64_t flags)
{
	uint32_t buf;
	vreg_t n, v = cg_vreg(g);
	int l = ir_label(g->f);

	ir_comment(g->cc, g->f, "%scaller = frame 1 of get_stack()",
		   flags ? "u" : "");
	n = get_stack(g, 2, flags, &buf);
	ir_movi(g->cc, g->f, v, 0);
	ir_jcci(g->cc, g->f, BPF_JSLT, n, 16, l);
	ir_load(g->cc, g->f, 8, v, cg_tmp_ptr(g, buf), 8);
	ir_place_label(g->cc, g->f, l);
	return v;
}

int gen_bi_caller(struct cg *g, struct node *ref)
{
	return stack_frame1(g, 0);
}

int gen_bi_ucaller(struct cg *g, struct node *ref)
{
	return stack_frame1(g, BPF_F_USER_STACK);
}

/* (u)stackdepth = get_stack(...) / 8, 0 on error */
static vreg_t depth(struct cg *g, uint64_t flags)
{
	uint32_t buf;
	vreg_t n = get_stack(g, 127, flags, &buf), v = cg_vreg(g);
	int l = ir_label(g->f);

	ir_movi(g->cc, g->f, v, 0);
	ir_jcci(g->cc, g->f, BPF_JSLT, n, 0, l);
	ir_mov(g->cc, g->f, v, n);
	ir_alui(g->cc, g->f, BPF_RSH, v, 3);
	ir_place_label(g->cc, g->f, l);
	return v;
}

/* BEGIN, END and ERROR run from dload (bpf_prog_test_run): no kernel
 * stack of a traced event, DTrace reports 0 there. */
int gen_bi_stackdepth(struct cg *g, struct node *ref)
{
	if (g->probe && g->probe->prov && g->probe->prov->kind == DTM_PROV_DTRACE)
		return gen_bi_ipl(g, ref);
	return depth(g, 0);
}

int gen_bi_ustackdepth(struct cg *g, struct node *ref)
{
	return depth(g, BPF_F_USER_STACK);
}

/* Linux has no interrupt priority level visible here: always 0. */
int gen_bi_ipl(struct cg *g, struct node *ref)
{
	vreg_t v = cg_vreg(g);

	ir_movi(g->cc, g->f, v, 0);
	return v;
}

int gen_bi_curpsinfo(struct cg *g, struct node *ref) { return -1; }
int gen_bi_curlwpsinfo(struct cg *g, struct node *ref) { return -1; }
/* for (i = 0; i < strsize && i + 2 <= len; i++) NUL -> ' ' (branch-free,
 * the counter from a constant: one verifier state per iteration) */
static void args_spaces(struct cg *g, vreg_t buf, vreg_t len)
{
	struct dcc *cc = g->cc;
	vreg_t i = cg_vconst(g, 0), p, c, t, lim = cg_vcopy(g, len);
	int l_loop = ir_label(g->f), l_cont = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "execargs: NUL separators -> ' '");
	ir_alui(cc, g->f, BPF_SUB, lim, 1);		/* i < len - 1 */
	ir_place_label(cc, g->f, l_loop);
	ir_jcc(cc, g->f, BPF_JLT, i, lim, l_cont);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_cont);
	p = cg_vcopy(g, buf);
	ir_alu(cc, g->f, BPF_ADD, p, i);
	c = cg_vreg(g);
	ir_load(cc, g->f, 1, c, p, 0);
	t = cg_vcopy(g, c);
	ir_alui(cc, g->f, BPF_SUB, t, 1);
	ir_alui(cc, g->f, BPF_RSH, t, 63);
	ir_alui(cc, g->f, BPF_LSH, t, 5);
	ir_alu(cc, g->f, BPF_OR, c, t);
	ir_store(cc, g->f, 1, p, 0, c);
	ir_alui(cc, g->f, BPF_ADD, i, 1);
	ir_jcci(cc, g->f, BPF_JLT, i, g->strsize, l_loop);
	ir_place_label(cc, g->f, l_end);
}

/* execargs, as dtrace-utils defines it: the process's arguments
 * (mm->arg_start .. arg_end, NUL-separated) joined by spaces, at most
 * strsize bytes; "" for a task without mm (kernel threads) or with fewer
 * than 2 bytes of arguments:
 *   buf[0] = 0; mm = curthread->mm; if (!mm) goto done
 *   a = mm->arg_start; len = mm->arg_end - a
 *   if (len s< 2) goto done; if (len > strsize) len = strsize
 *   if (probe_read_user(buf, len, a) < 0) fault BADADDR(a)
 *   buf[len] = 0
 *   for (i = 0; i < strsize && i + 2 <= len; i++)	(the last NUL stays)
 *           buf[i] |= (buf[i] - 1) >> 63 << 5		(NUL -> ' ')
 */
int gen_bi_execargs(struct cg *g, struct node *ref)
{
	struct dcc *cc = g->cc;
	vreg_t buf = cg_tmp_ptr(g, cg_tmp_alloc(g, g->strsize + 1));
	vreg_t mm, a, len, r, e;
	int l_done = ir_label(g->f), l_max = ir_label(g->f);

	ir_comment(cc, g->f, "execargs: the arguments at curthread->mm->arg_start");
	ir_storei(cc, g->f, 1, buf, 0, 0);
	mm = task_field(g, cg_call(g, BPF_FUNC_get_current_task, 0), "mm", 8);
	if (mm == IR_NOREG)
		return -1;
	ir_jcci(cc, g->f, BPF_JEQ, mm, 0, l_done);
	a = struct_field(g, mm, "struct mm_struct", "arg_start", 8);
	e = struct_field(g, mm, "struct mm_struct", "arg_end", 8);
	if (a == IR_NOREG || e == IR_NOREG)
		return -1;
	len = cg_vcopy(g, e);
	ir_alu(cc, g->f, BPF_SUB, len, a);
	ir_jcci(cc, g->f, BPF_JSLT, len, 2, l_done);
	ir_jcci(cc, g->f, BPF_JLE, len, g->strsize, l_max);
	ir_movi(cc, g->f, len, g->strsize);
	ir_place_label(cc, g->f, l_max);
	ir_comment(cc, g->f, "probe_read_user(buf, len, arg_start); buf[len] = 0");
	r = cg_call(g, BPF_FUNC_probe_read_user, 3, buf, len, a);
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, a);
	r = cg_vcopy(g, buf);
	ir_alu(cc, g->f, BPF_ADD, r, len);
	ir_storei(cc, g->f, 1, r, 0, 0);
	args_spaces(g, buf, len);
	ir_place_label(cc, g->f, l_done);
	return buf;
}

/* $target: bound at load time, dload writes it into the global map.
 *   r = *(u32 *)(g + offsetof(dtm_globals_hdr, target)) */
int gen_bi_target(struct cg *g, struct node *ref)
{
	vreg_t v = cg_vreg(g);

	ir_load(g->cc, g->f, 4, v, cg_gptr(g),
		offsetof(struct dtm_globals_hdr, target));
	return v;
}
