/* SPDX-License-Identifier: MIT */
/*
 * dep_probes.h -- the probes of the proc, sched and io providers, shared by
 * dcc (which emits one "tracepoint/CAT/EVENT" program per matched probe,
 * with dtm_probe.param = the index in this table) and dload (which names
 * the concrete probe PROVIDER:vmlinux::NAME from that index and attaches
 * the program to the tracepoint).
 *
 * Several probes share a tracepoint (exit and lwp-exit, create and
 * lwp-create): the program itself filters (group_dead, CLONE_THREAD...).
 * Only probes a tracepoint can implement are listed; DTrace's fbt-based
 * ones (proc:::start, sched:::on-cpu...) are not.
 */
#ifndef DLOAD_DEP_PROBES_H
#define DLOAD_DEP_PROBES_H

struct dtm_dep_probe {
	const char *prov;	/* "proc", "sched", "io" */
	const char *name;	/* probe name */
	const char *tp;		/* tracepoint "category/event" */
};

enum dtm_dep_id {
	DTM_DEP_EXEC, DTM_DEP_EXEC_AT, DTM_DEP_EXEC_SUCCESS,
	DTM_DEP_EXEC_FAILURE, DTM_DEP_EXEC_FAILURE_AT, DTM_DEP_EXIT,
	DTM_DEP_LWP_EXIT, DTM_DEP_CREATE, DTM_DEP_LWP_CREATE,
	DTM_DEP_SIGNAL_HANDLE, DTM_DEP_SIGNAL_DISCARD,
	DTM_DEP_OFF_CPU, DTM_DEP_WAKEUP,
	DTM_DEP_IO_START, DTM_DEP_IO_DONE,
	DTM_DEP__MAX
};

/* Indexed by enum dtm_dep_id (a probe may need two programs: execve and
 * execveat give proc:::exec both). */
static const struct dtm_dep_probe dtm_dep_probes[DTM_DEP__MAX] = {
	[DTM_DEP_EXEC] = { "proc", "exec", "syscalls/sys_enter_execve" },
	[DTM_DEP_EXEC_AT] = { "proc", "exec", "syscalls/sys_enter_execveat" },
	[DTM_DEP_EXEC_SUCCESS] = { "proc", "exec-success",
				   "sched/sched_process_exec" },
	[DTM_DEP_EXEC_FAILURE] = { "proc", "exec-failure",
				   "syscalls/sys_exit_execve" },
	[DTM_DEP_EXEC_FAILURE_AT] = { "proc", "exec-failure",
				      "syscalls/sys_exit_execveat" },
	[DTM_DEP_EXIT] = { "proc", "exit", "sched/sched_process_exit" },
	[DTM_DEP_LWP_EXIT] = { "proc", "lwp-exit", "sched/sched_process_exit" },
	[DTM_DEP_CREATE] = { "proc", "create", "task/task_newtask" },
	[DTM_DEP_LWP_CREATE] = { "proc", "lwp-create", "task/task_newtask" },
	[DTM_DEP_SIGNAL_HANDLE] = { "proc", "signal-handle",
				    "signal/signal_deliver" },
	[DTM_DEP_SIGNAL_DISCARD] = { "proc", "signal-discard",
				     "signal/signal_generate" },
	[DTM_DEP_OFF_CPU] = { "sched", "off-cpu", "sched/sched_switch" },
	[DTM_DEP_WAKEUP] = { "sched", "wakeup", "sched/sched_wakeup" },
	[DTM_DEP_IO_START] = { "io", "start", "block/block_rq_issue" },
	[DTM_DEP_IO_DONE] = { "io", "done", "block/block_rq_complete" },
};

#endif /* DLOAD_DEP_PROBES_H */
