/* rawtp globs match the listed probes rawtp:GROUP::EVENT (dtrace -l -P
 * rawtp): sched_process_exe* is sched_process_exec (the target's exec);
 * an empty module matches every group; args[] are typed from BTF */
#pragma D option quiet

rawtp:sched::sched_process_exe*
/pid == $target/
{
	printf("%s:%s:%s:%s %s\n", probeprov, probemod, probefunc, probename,
	    execname);
}

rawtp:::sched_process_exit
/pid == $target/
{
	printf("%s:%s:%s:%s %d\n", probeprov, probemod, probefunc, probename,
	    args[0]->pid == $target);
	exit(0);
}
