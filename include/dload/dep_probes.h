/* SPDX-License-Identifier: MIT */
/*
 * dep_probes.h -- the probes of the proc, sched and io providers, shared by
 * dcc (which emits one program per matched entry, "tracepoint/CAT/EVENT"
 * or, for a raw entry, "raw_tp/EVENT", with dtm_probe.param = the index in
 * this table) and dload (which names the concrete probe
 * PROVIDER:vmlinux::NAME from that index and attaches the program).
 *
 * Several probes share a tracepoint (exit and lwp-exit, create and
 * lwp-create, signal-send and signal-discard): the program itself filters
 * (group_dead, CLONE_THREAD, the signal's fate...).  Only probes a
 * tracepoint can implement are listed; DTrace's fbt-based ones
 * (proc:::start, sched:::on-cpu...) are not.
 *
 * A raw entry's program reads the kernel objects the tracepoint passes
 * (struct task_struct *, struct bio *...): dtm_dep_args gives each probe's
 * argument signature as DTrace declares it (dt_prov_proc.c,
 * dt_prov_sched.c, dt_prov_io.c): args[argno] is the native argument
 * arg<mapping> of type native, seen through a translator as xlate.
 */
#ifndef DLOAD_DEP_PROBES_H
#define DLOAD_DEP_PROBES_H

#include <stdbool.h>

struct dtm_dep_probe {
	const char *prov;	/* "proc", "sched", "io" */
	const char *name;	/* probe name */
	const char *tp;		/* tracepoint "category/event" */
	bool raw;		/* attached as the raw tracepoint "event" */
};

enum dtm_dep_id {
	DTM_DEP_EXEC, DTM_DEP_EXEC_AT, DTM_DEP_EXEC_SUCCESS,
	DTM_DEP_EXEC_FAILURE, DTM_DEP_EXEC_FAILURE_AT, DTM_DEP_EXIT,
	DTM_DEP_LWP_EXIT, DTM_DEP_CREATE, DTM_DEP_LWP_CREATE,
	DTM_DEP_SIGNAL_HANDLE, DTM_DEP_SIGNAL_DISCARD, DTM_DEP_SIGNAL_SEND,
	DTM_DEP_OFF_CPU, DTM_DEP_WAKEUP,
	DTM_DEP_IO_START, DTM_DEP_IO_DONE, DTM_DEP_IO_DONE_BIO,
	DTM_DEP__MAX
};

/* Indexed by enum dtm_dep_id.  A probe may need two programs (execve and
 * execveat give proc:::exec both; io:::done is a request's completion or a
 * bio-based driver's bio's). */
static const struct dtm_dep_probe dtm_dep_probes[DTM_DEP__MAX] = {
	[DTM_DEP_EXEC] = { "proc", "exec", "syscalls/sys_enter_execve", 0 },
	[DTM_DEP_EXEC_AT] = { "proc", "exec", "syscalls/sys_enter_execveat",
			      0 },
	[DTM_DEP_EXEC_SUCCESS] = { "proc", "exec-success",
				   "sched/sched_process_exec", 0 },
	[DTM_DEP_EXEC_FAILURE] = { "proc", "exec-failure",
				   "syscalls/sys_exit_execve", 0 },
	[DTM_DEP_EXEC_FAILURE_AT] = { "proc", "exec-failure",
				      "syscalls/sys_exit_execveat", 0 },
	[DTM_DEP_EXIT] = { "proc", "exit", "sched/sched_process_exit", 0 },
	[DTM_DEP_LWP_EXIT] = { "proc", "lwp-exit", "sched/sched_process_exit",
			       0 },
	[DTM_DEP_CREATE] = { "proc", "create", "task/task_newtask", 1 },
	[DTM_DEP_LWP_CREATE] = { "proc", "lwp-create", "task/task_newtask", 1 },
	[DTM_DEP_SIGNAL_HANDLE] = { "proc", "signal-handle",
				    "signal/signal_deliver", 1 },
	[DTM_DEP_SIGNAL_DISCARD] = { "proc", "signal-discard",
				     "signal/signal_generate", 1 },
	[DTM_DEP_SIGNAL_SEND] = { "proc", "signal-send",
				  "signal/signal_generate", 1 },
	[DTM_DEP_OFF_CPU] = { "sched", "off-cpu", "sched/sched_switch", 1 },
	[DTM_DEP_WAKEUP] = { "sched", "wakeup", "sched/sched_wakeup", 1 },
	[DTM_DEP_IO_START] = { "io", "start", "block/block_bio_queue", 1 },
	[DTM_DEP_IO_DONE] = { "io", "done", "block/block_rq_complete", 1 },
	[DTM_DEP_IO_DONE_BIO] = { "io", "done", "block/block_bio_complete", 1 },
};

/* The raw tracepoint of a raw entry: the event part of its tp. */
static inline const char *dtm_dep_event(const struct dtm_dep_probe *d)
{
	const char *s = d->tp;

	while (*s && *s != '/')
		s++;
	return *s ? s + 1 : d->tp;
}

/* args[argno] of probe prov:::name (DTrace's dt_argdesc_t). */
struct dtm_dep_arg {
	const char *prov, *name;
	int argno;
	int mapping;		/* the native argument: arg<mapping> */
	const char *native;	/* its type ("string" of a user address) */
	const char *xlate;	/* the translated type; NULL: none */
};

/* Each probe's arguments, in order; a probe not listed has none. */
static const struct dtm_dep_arg dtm_dep_args[] = {
	{ "proc", "create", 0, 0, "struct task_struct *", "psinfo_t *" },
	{ "proc", "exec", 0, 0, "string", 0 },
	{ "proc", "exec-failure", 0, 0, "int", 0 },
	{ "proc", "exit", 0, 0, "int", 0 },
	{ "proc", "lwp-create", 0, 0, "struct task_struct *", "lwpsinfo_t *" },
	{ "proc", "lwp-create", 1, 0, "struct task_struct *", "psinfo_t *" },
	{ "proc", "signal-discard", 0, 0, "struct task_struct *",
	  "lwpsinfo_t *" },
	{ "proc", "signal-discard", 1, 0, "struct task_struct *", "psinfo_t *" },
	{ "proc", "signal-discard", 2, 1, "int", 0 },
	{ "proc", "signal-handle", 0, 0, "int", 0 },
	{ "proc", "signal-handle", 1, 1, "siginfo_t *", 0 },
	{ "proc", "signal-handle", 2, 2, "void (*)(void)", 0 },
	{ "proc", "signal-send", 0, 0, "struct task_struct *", "lwpsinfo_t *" },
	{ "proc", "signal-send", 1, 0, "struct task_struct *", "psinfo_t *" },
	{ "proc", "signal-send", 2, 1, "int", 0 },
	{ "sched", "off-cpu", 0, 0, "struct task_struct *", "lwpsinfo_t *" },
	{ "sched", "off-cpu", 1, 0, "struct task_struct *", "psinfo_t *" },
	{ "sched", "wakeup", 0, 0, "struct task_struct *", "lwpsinfo_t *" },
	{ "sched", "wakeup", 1, 0, "struct task_struct *", "psinfo_t *" },
	{ "io", "start", 0, 0, "struct bio *", "bufinfo_t *" },
	{ "io", "start", 1, 0, "struct bio *", "devinfo_t *" },
	{ "io", "start", 2, 1, "struct file *", "fileinfo_t *" },
	{ "io", "done", 0, 0, "struct bio *", "bufinfo_t *" },
	{ "io", "done", 1, 0, "struct bio *", "devinfo_t *" },
	{ "io", "done", 2, 1, "struct file *", "fileinfo_t *" },
};

#endif /* DLOAD_DEP_PROBES_H */
