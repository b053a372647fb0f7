/*
 * fbt_vfs_read.d -- the fbt provider: function entry and return in the
 * kernel (fentry/fexit programs).  Counts vfs_read() calls by process.
 * dcc compiles it anywhere; dload needs a kernel with fentry or kprobes
 * and refuses to attach otherwise (with -Z it runs without the fbt probes:
 * the tick still ends the run).
 *
 *   dcc -o fbt_vfs_read.bpf.o fbt_vfs_read.d && dload fbt_vfs_read.bpf.o
 */
#pragma D option quiet

fbt::vfs_read:entry
{
	@reads[execname] = count();
}

tick-1s
{
	printf("one second of vfs_read() calls:\n");
	exit(0);
}
