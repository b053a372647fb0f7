/*
 * sdt_sched_switch.d -- the sdt provider: any kernel tracepoint
 * CATEGORY:EVENT is sdt:CATEGORY::EVENT (list them with `dload -l sdt:::`,
 * their arguments with `dload -lv sdt:sched::sched_switch`).  args[] are
 * the tracepoint's fields; here sched_switch's prev_pid (args[1]) and
 * next_pid (args[5]).  Counts context switches for one second.
 *
 *   dcc -o sdt_sched_switch.bpf.o sdt_sched_switch.d
 *   dload sdt_sched_switch.bpf.o
 */
#pragma D option quiet

sdt:sched::sched_switch
{
	@switches = count();
	@to_idle = sum(args[5] == 0);
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
