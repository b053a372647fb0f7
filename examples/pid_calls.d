/*
 * pid_calls.d -- the pid provider: uprobes on the functions of a process
 * (pid$target: the -c command or the -p process).  Prints each call of
 * add() with its arguments and return value, and counts the calls of the
 * program's functions matching mul*.
 *
 *   dcc -o pid_calls.bpf.o pid_calls.d
 *   dload -c build/progs/uprog pid_calls.bpf.o
 */
#pragma D option quiet

pid$target:a.out:add:entry
{
	printf("add(%d, %d)", arg0, arg1);
}

pid$target:a.out:add:return
{
	printf(" = %d\n", arg1);
}

pid$target:a.out:mul*:entry
{
	@calls[probefunc] = count();
}
