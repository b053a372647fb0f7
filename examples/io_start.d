/*
 * io_start.d -- the io provider: block I/O requests as they are issued
 * (start) and completed (done), counted by process and device.  Run with
 * a command that writes to disk synchronously.
 *
 *   dcc -o io_start.bpf.o io_start.d
 *   dload -c "dd if=/dev/zero of=/var/tmp/io_start.tmp bs=64k count=16 oflag=direct" io_start.bpf.o
 */
#pragma D option quiet

io:::start
{
	@start[execname] = count();
}

io:::done
{
	@done = count();
}

END
{
	printa("%-16s issued %@d I/O requests\n", @start);
	printa("completed: %@d\n", @done);
}
