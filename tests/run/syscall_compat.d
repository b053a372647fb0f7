/*
 * 32-bit syscalls (issue 7): the -c target tests/progs/ia32.s is a static
 * ia32 program whose int $0x80 syscalls getpid (ia32 nr 20), getppid (64)
 * and exit (1) carry the x86-64 numbers of writev, semget and write.
 * Like DTrace (whose syscall provider sits on the syscalls:sys_enter_NAME
 * events, which the kernel does not fire for compat syscalls), no syscall
 * probe fires for them: not writev, not getpid, nothing after the 64-bit
 * execve:entry (whose return is already a compat one).  64-bit syscalls
 * still fire: the execve:entry of the child.
 */
#pragma D option quiet

syscall::execve:entry
/pid == $target/
{
	printf("%s:%s\n", probefunc, probename);
	self->execd = 1;
}

syscall::writev:entry,
syscall::getpid:entry,
syscall::getppid:entry
/pid == $target/
{
	printf("%s:%s\n", probefunc, probename);
}

syscall:::entry,
syscall:::return
/self->execd/
{
	@[probefunc, probename] = count();
}

END
{
	printa("from execve on: %s:%s %@d\n", @);
	printf("done\n");
}
