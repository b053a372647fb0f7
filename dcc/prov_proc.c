/* SPDX-License-Identifier: MIT */
/*
 * prov_proc.c -- the proc provider on tracepoints (see prov_dep.c); the
 * raw ones pass the kernel's task_struct, which translators make the
 * psinfo_t and lwpsinfo_t of args[] (dtm_dep_args, dep_probes.h):
 *
 *   exec            syscalls/sys_enter_execve{,at}  arg0 = path (user char *)
 *   exec-success    sched/sched_process_exec
 *   exec-failure    syscalls/sys_exit_execve{,at}   if ret < 0; arg0 = errno
 *   exit            sched/sched_process_exit        if group_dead;
 *                                                   arg0 = CLD_EXITED/KILLED/DUMPED
 *   lwp-exit        sched/sched_process_exit        if !group_dead
 *   create          raw task_newtask(task, flags)   if !(flags & CLONE_THREAD);
 *                                                   arg0 = task
 *   lwp-create      raw task_newtask(task, flags)   if flags & CLONE_THREAD;
 *                                                   arg0 = task
 *   signal-handle   raw signal_deliver(sig, info, ka)
 *                                                   arg0 = sig, arg1 = info,
 *                                                   arg2 = ka->sa.sa_handler
 *   signal-send     raw signal_generate(sig, info, task, group, result)
 *                                                   if result is DELIVERED or
 *                                                   LOSE_INFO (the kernel's
 *                                                   complete_signal() ran);
 *                                                   arg0 = task, arg1 = sig
 *   signal-discard  raw signal_generate             if result == IGNORED;
 *                                                   arg0 = task, arg1 = sig
 */
#include <linux/bpf.h>
#include <string.h>

#include "cg.h"
#include "dload/dep_probes.h"
#include "prov.h"

#define CLONE_THREAD		0x00010000
#define TRACE_SIGNAL_DELIVERED	0
#define TRACE_SIGNAL_IGNORED	1
#define TRACE_SIGNAL_LOSE_INFO	4
#define CLD_EXITED		1
#define CLD_KILLED		2
#define CLD_DUMPED		3

static const char *tp_of(struct cg *g)
{
	return dtm_dep_probes[g->probe->param].tp;
}

/* if (!(field <cc> imm)) goto out */
static void out_unless(struct cg *g, vreg_t ctx, const char *field, int cc_,
		       int64_t imm)
{
	vreg_t v = prov_dep_field(g, ctx, tp_of(g), field);

	ir_comment(g->cc, g->f, "if (!(%s %s %lld)) goto out", field,
		   cc_ == BPF_JSLT ? "<" : cc_ == BPF_JNE ? "!=" : "==",
		   (long long)imm);
	if (cc_ == BPF_JSLT)
		ir_jcci(g->cc, g->f, BPF_JSGE, v, imm, g->lbl_out);
	else
		ir_jcci(g->cc, g->f, cc_ == BPF_JNE ? BPF_JEQ : BPF_JNE, v, imm,
			g->lbl_out);
}

/* v = clone_flags (ctx[1]) & CLONE_THREAD; if (v <thread ? == : !=> 0) goto out */
static void thread_filter(struct cg *g, vreg_t ctx, bool thread)
{
	vreg_t v = prov_dep_raw(g, ctx, 1);

	ir_comment(g->cc, g->f, "if (%s(clone_flags & CLONE_THREAD)) goto out",
		   thread ? "!" : "");
	ir_alui(g->cc, g->f, BPF_AND, v, CLONE_THREAD);
	ir_jcci(g->cc, g->f, thread ? BPF_JEQ : BPF_JNE, v, 0, g->lbl_out);
}

/* signal_generate's result (ctx[4]): signal-send if complete_signal() ran
 * (DELIVERED, LOSE_INFO), signal-discard if IGNORED:
 *   if (r == DELIVERED) goto ok; if (r != LOSE_INFO) goto out; ok:    */
static void result_filter(struct cg *g, vreg_t ctx)
{
	vreg_t r = prov_dep_raw(g, ctx, 4);
	int l_ok = ir_label(g->f);

	if (g->probe->param == DTM_DEP_SIGNAL_DISCARD) {
		ir_comment(g->cc, g->f, "if (result != IGNORED) goto out");
		ir_jcci(g->cc, g->f, BPF_JNE, r, TRACE_SIGNAL_IGNORED, g->lbl_out);
		return;
	}
	ir_comment(g->cc, g->f, "if (result != DELIVERED && result != "
		   "LOSE_INFO) goto out");
	ir_jcci(g->cc, g->f, BPF_JEQ, r, TRACE_SIGNAL_DELIVERED, l_ok);
	ir_jcci(g->cc, g->f, BPF_JNE, r, TRACE_SIGNAL_LOSE_INFO, g->lbl_out);
	ir_place_label(g->cc, g->f, l_ok);
}

static void proc_filter(struct cg *g, vreg_t ctx)
{
	switch (g->probe->param) {
	case DTM_DEP_EXEC_FAILURE:
	case DTM_DEP_EXEC_FAILURE_AT:
		out_unless(g, ctx, "ret", BPF_JSLT, 0);
		break;
	case DTM_DEP_EXIT:
		out_unless(g, ctx, "group_dead", BPF_JNE, 0);
		break;
	case DTM_DEP_LWP_EXIT:
		out_unless(g, ctx, "group_dead", BPF_JEQ, 0);
		break;
	case DTM_DEP_CREATE:
	case DTM_DEP_LWP_CREATE:
		thread_filter(g, ctx, g->probe->param == DTM_DEP_LWP_CREATE);
		break;
	case DTM_DEP_SIGNAL_DISCARD:
	case DTM_DEP_SIGNAL_SEND:
		result_filter(g, ctx);
		break;
	}
}

/*
 * arg0 = exit reason, from current->exit_code:
 *   c = probe_read_kernel(&current->exit_code)
 *   r = !(c & 0x7f) ? CLD_EXITED : (c & 0x80) ? CLD_DUMPED : CLD_KILLED
 */
static void exit_reason(struct cg *g)
{
	struct dcc *cc = g->cc;
	uint32_t tmp = cg_tmp_alloc(g, 8);
	vreg_t task = cg_call(g, BPF_FUNC_get_current_task, 0), p, n, c, r;
	int l_done = ir_label(g->f);

	ir_comment(cc, g->f, "arg0 = reason(current->exit_code)");
	p = cg_core_field_ptr(g, task, "struct task_struct", "exit_code", NULL);
	ir_storei(cc, g->f, 8, cg_tmp_ptr(g, tmp), 0, 0);
	if (p != IR_NOREG) {
		n = cg_vreg(g);
		ir_movi(cc, g->f, n, 4);
		cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp), n, p);
	}
	c = cg_vreg(g);
	ir_load(cc, g->f, 4, c, cg_tmp_ptr(g, tmp), 0);
	r = cg_vreg(g);
	ir_movi(cc, g->f, r, CLD_EXITED);
	n = cg_vreg(g);
	ir_mov(cc, g->f, n, c);
	ir_alui(cc, g->f, BPF_AND, n, 0x7f);
	ir_jcci(cc, g->f, BPF_JEQ, n, 0, l_done);
	ir_movi(cc, g->f, r, CLD_KILLED);
	ir_alui(cc, g->f, BPF_AND, c, 0x80);
	ir_jcci(cc, g->f, BPF_JEQ, c, 0, l_done);
	ir_movi(cc, g->f, r, CLD_DUMPED);
	ir_place_label(cc, g->f, l_done);
	ir_store(cc, g->f, 8, cg_sptr(g), CG_MST_ARG(0), r);
}

/*
 * arg2 = ka->sa.sa_handler (ka: ctx[2], a struct k_sigaction *):
 *   p = &ka->sa.sa_handler (CO-RE); tmp = 0; probe_read_kernel(&tmp, 8, p)
 */
static void handler_arg(struct cg *g, vreg_t ctx)
{
	struct dcc *cc = g->cc;
	uint32_t tmp = cg_tmp_alloc(g, 8);
	vreg_t p = cg_core_field_ptr(g, prov_dep_raw(g, ctx, 2),
				     "struct k_sigaction", "sa", NULL), v;

	ir_comment(cc, g->f, "arg2 = ka->sa.sa_handler");
	ir_storei(cc, g->f, 8, cg_tmp_ptr(g, tmp), 0, 0);
	if (p != IR_NOREG)
		p = cg_core_field_ptr(g, p, "struct sigaction", "sa_handler",
				      NULL);
	if (p != IR_NOREG)
		cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp),
			cg_vconst(g, 8), p);
	v = cg_vreg(g);
	ir_load(cc, g->f, 8, v, cg_tmp_ptr(g, tmp), 0);
	ir_store(cc, g->f, 8, cg_sptr(g), CG_MST_ARG(2), v);
}

static void proc_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	static const char *const exec[] = { "filename" };
	static const int task[] = { 0 }, signal[] = { 2, 0 };
	static const int handle[] = { 0, 1 };
	const char *tp = tp_of(g);
	vreg_t v;

	switch (g->probe->param) {
	case DTM_DEP_EXEC:
	case DTM_DEP_EXEC_AT:
		prov_dep_args(g, ctx, s, tp, exec, 1);
		break;
	case DTM_DEP_EXEC_FAILURE:
	case DTM_DEP_EXEC_FAILURE_AT:
		prov_dep_args(g, ctx, s, tp, NULL, 0);
		ir_comment(g->cc, g->f, "arg0 = -ret");
		v = prov_dep_field(g, ctx, tp, "ret");
		ir_emit(g->cc, g->f, IR_NEG)->dst = v;
		ir_store(g->cc, g->f, 8, cg_sptr(g), CG_MST_ARG(0), v);
		break;
	case DTM_DEP_EXIT:
		prov_dep_args(g, ctx, s, tp, NULL, 0);
		exit_reason(g);
		break;
	case DTM_DEP_CREATE:
	case DTM_DEP_LWP_CREATE:
		prov_dep_raw_args(g, ctx, task, 1);
		break;
	case DTM_DEP_SIGNAL_HANDLE:
		prov_dep_raw_args(g, ctx, handle, 2);
		handler_arg(g, ctx);
		break;
	case DTM_DEP_SIGNAL_DISCARD:
	case DTM_DEP_SIGNAL_SEND:
		prov_dep_raw_args(g, ctx, signal, 2);
		break;
	default:
		prov_dep_args(g, ctx, s, tp, NULL, 0);
	}
}

static bool proc_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	return prov_dep_match(cc, pd, pp, "proc");
}

static int proc_arg_desc(struct dcc *cc, struct node *pd, int i,
			 struct prov_argdesc *d)
{
	return prov_dep_arg_desc("proc", pd, i, d);
}

static struct type *proc_arg_type(struct dcc *cc, struct node *pd, int i)
{
	return prov_dep_arg_type(cc, "proc", pd, i);
}

static int proc_arg_count(struct dcc *cc, struct node *pd)
{
	return prov_dep_arg_desc("proc", pd, -1, NULL);
}

const struct provider prov_proc = {
	.name = "proc",
	.arg_desc = proc_arg_desc,
	.arg_type = proc_arg_type,
	.arg_count = proc_arg_count,
	.kind = DTM_PROV_PROC,
	.match = proc_match,
	.filter = proc_filter,
	.prologue = proc_prologue,
};
