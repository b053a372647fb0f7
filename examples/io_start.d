/*
 * io_start.d -- the io provider: block I/O requests as they are issued
 * (start) and completed (done), by process, device and size.  args[0] and
 * args[1] are the bufinfo_t and devinfo_t translated from the kernel's
 * struct bio.  Run with a command that writes to disk synchronously.
 * (dev_statname, with a partition number, needs lltostr(), whose modulo
 * instruction llvm-objdump 14 cannot show: dev_name here.)
 *
 *   dcc -o io_start.bpf.o io_start.d
 *   dload -c "dd if=/dev/zero of=/var/tmp/io_start.tmp bs=64k count=16 oflag=direct" io_start.bpf.o
 */
#pragma D option quiet

io:::start
{
	@start[execname, args[1]->dev_name,
	    args[0]->b_flags & B_WRITE ? "write" : "read"] = count();
	@bytes[args[1]->dev_name] = sum(args[0]->b_bcount);
}

io:::done
{
	@done = count();
}

END
{
	printa("%-16s issued %@d I/O requests (%s %s)\n", @start);
	printa("%s: %@d bytes\n", @bytes);
	printa("completed: %@d\n", @done);
}
