/*
 * proc_lifecycle.d -- the proc provider: process creation, exec and exit
 * of the -c command and its children.  proc:::create's args[0] is the new
 * process's psinfo_t, translated from the kernel's task_struct.
 *
 *   dcc -o proc_lifecycle.bpf.o proc_lifecycle.d
 *   dload -c "sh -c /bin/true" proc_lifecycle.bpf.o
 */
#pragma D option quiet

proc:::create
/pid == $target/
{
	printf("%d %s: fork of %d (parent %d)\n", pid, execname,
	    args[0]->pr_pid, args[0]->pr_ppid);
}

proc:::exec-success
/ppid == $target || pid == $target/
{
	printf("%d %s: exec succeeded\n", pid, execname);
}

proc:::exit
/ppid == $target || pid == $target/
{
	printf("%d %s: exit (reason %d)\n", pid, execname, args[0]);
}
