/*
 * proc_lifecycle.d -- the proc provider: process creation, exec and exit.
 * Follows the -c command and its children.
 *
 *   dcc -o proc_lifecycle.bpf.o proc_lifecycle.d
 *   dload -c "sh -c /bin/true" proc_lifecycle.bpf.o
 */
#pragma D option quiet

proc:::create
/pid == $target/
{
	printf("%d %s: fork\n", pid, execname);
}

proc:::exec-success
/ppid == $target || pid == $target/
{
	printf("%d %s: exec succeeded\n", pid, execname);
}

proc:::exit
/ppid == $target || pid == $target/
{
	printf("%d %s: exit (reason %d)\n", pid, execname, arg0);
}
