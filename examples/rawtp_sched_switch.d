/*
 * rawtp_sched_switch.d -- the rawtp provider: any kernel tracepoint
 * CATEGORY:EVENT as a raw tracepoint, rawtp:CATEGORY::EVENT (or
 * rawtp:::EVENT).  args[] are the tracepoint's raw arguments, typed from
 * the kernel BTF (btf_trace_EVENT): for sched_switch, (bool preempt,
 * struct task_struct *prev, struct task_struct *next, ...).  Counts
 * context switches for one second.
 *
 *   dcc -o rawtp_sched_switch.bpf.o rawtp_sched_switch.d
 *   dload rawtp_sched_switch.bpf.o
 */
#pragma D option quiet

rawtp:sched::sched_switch
{
	@switches = count();
	@to_idle = sum(args[2]->pid == 0);
}

tick-1s
{
	exit(0);
}

END
{
	printa("context switches: %@d\n", @switches);
	printa("switches to the idle task: %@d\n", @to_idle);
}
