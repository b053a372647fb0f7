/*
 * profile.d -- the profile provider: sample every CPU 997 times a second
 * and count the samples by process name and by where the CPU was (kernel
 * or user mode: arg0 is the kernel PC, 0 in user mode).  Stops after five
 * seconds, or when the -c command ends.
 *
 *   dcc -o profile.bpf.o profile.d
 *   dload -c "dd if=/dev/zero of=/dev/null bs=1k count=500000" profile.bpf.o
 */
#pragma D option quiet

profile-997
{
	@samples[execname, arg0 ? "kernel" : "user"] = count();
}

tick-5s
{
	exit(0);
}

END
{
	printf("%-16s %-8s %s\n", "EXECNAME", "MODE", "SAMPLES");
	printa("%-16s %-8s %@d\n", @samples);
}
