/*
 * fbt_vfs_read.d -- the fbt provider: function entry and return in the
 * kernel.  Counts vfs_read() calls by process and sums the bytes read.
 * dcc emits each fbt clause as a fentry/fexit program and a kprobe/kretprobe
 * alternative; dload loads the one the kernel can attach, or, where the
 * kernel offers neither (as here: fentry loads fail with EPERM and there
 * are no kprobes), refuses in one line (with -Z it runs without the fbt
 * probes: the tick still ends the run).
 *
 *   dcc -o fbt_vfs_read.bpf.o fbt_vfs_read.d && dload fbt_vfs_read.bpf.o
 */
#pragma D option quiet

fbt::vfs_read:entry
{
	@reads[execname] = count();
}

fbt::vfs_read:return
/(long)arg1 > 0/
{
	@bytes[execname] = sum(arg1);
}

tick-1s
{
	printf("one second of vfs_read() calls:\n");
	exit(0);
}
