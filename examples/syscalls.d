/*
 * syscalls.d -- count system calls by process name for three seconds, then
 * print the counts, as `dtrace -n 'syscall:::entry { @[execname] = count(); }'`
 * does.
 *
 *   dcc -o syscalls.bpf.o syscalls.d && dload syscalls.bpf.o
 */
syscall:::entry
{
	@[execname] = count();
}

tick-3s
{
	exit(0);
}
