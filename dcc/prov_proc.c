/* SPDX-License-Identifier: MIT */
/*
 * prov_proc.c -- the proc provider on tracepoints (see prov_dep.c):
 *
 *   exec            syscalls/sys_enter_execve{,at}  arg0 = path (user char *)
 *   exec-success    sched/sched_process_exec
 *   exec-failure    syscalls/sys_exit_execve{,at}   if ret < 0; arg0 = errno
 *   exit            sched/sched_process_exit        if group_dead;
 *                                                   arg0 = CLD_EXITED/KILLED/DUMPED
 *   lwp-exit        sched/sched_process_exit        if !group_dead
 *   create          task/task_newtask               if !(clone_flags & CLONE_THREAD)
 *   lwp-create      task/task_newtask               if clone_flags & CLONE_THREAD
 *   signal-handle   signal/signal_deliver           arg0 = sig, arg2 = handler
 *   signal-discard  signal/signal_generate          if result == IGNORED;
 *                                                   arg0 = arg1 = pid, arg2 = sig
 *
 * DTrace types create's and the signal probes' psinfo_t/lwpsinfo_t
 * arguments through translators from the kernel's task_struct, which a
 * tracepoint does not give: here those arguments are the pid (int64_t).
 */
#include <linux/bpf.h>
#include <string.h>

#include "cg.h"
#include "dload/dep_probes.h"
#include "prov.h"

#define CLONE_THREAD		0x00010000
#define TRACE_SIGNAL_IGNORED	1
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

/* v = clone_flags & CLONE_THREAD; if (v <thread ? == : !=> 0) goto out */
static void thread_filter(struct cg *g, vreg_t ctx, bool thread)
{
	vreg_t v = prov_dep_field(g, ctx, tp_of(g), "clone_flags");

	ir_comment(g->cc, g->f, "if (%s(clone_flags & CLONE_THREAD)) goto out",
		   thread ? "!" : "");
	ir_alui(g->cc, g->f, BPF_AND, v, CLONE_THREAD);
	ir_jcci(g->cc, g->f, thread ? BPF_JEQ : BPF_JNE, v, 0, g->lbl_out);
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
		out_unless(g, ctx, "result", BPF_JEQ, TRACE_SIGNAL_IGNORED);
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

static void proc_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	static const char *const exec[] = { "filename" };
	static const char *const pid[] = { "pid" };
	static const char *const handle[] = { "sig", "errno", "sa_handler" };
	static const char *const discard[] = { "pid", "pid", "sig" };
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
		prov_dep_args(g, ctx, s, tp, pid, 1);
		break;
	case DTM_DEP_SIGNAL_HANDLE:
		prov_dep_args(g, ctx, s, tp, handle, 3);
		ir_storei(g->cc, g->f, 8, cg_sptr(g), CG_MST_ARG(1), 0);
		break;
	case DTM_DEP_SIGNAL_DISCARD:
		prov_dep_args(g, ctx, s, tp, discard, 3);
		break;
	default:
		prov_dep_args(g, ctx, s, tp, NULL, 0);
	}
}

static bool proc_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	return prov_dep_match(cc, pd, pp, "proc");
}

const struct provider prov_proc = {
	.name = "proc",
	.kind = DTM_PROV_PROC,
	.match = proc_match,
	.filter = proc_filter,
	.prologue = proc_prologue,
};
