/*
 * syscall_open.d -- the syscall provider: the files the -c command opens,
 * with the result of each openat() (errno when it failed).
 *
 *   dcc -o syscall_open.bpf.o syscall_open.d
 *   dload -c "cat /etc/hostname /nonexistent" syscall_open.bpf.o
 */
#pragma D option quiet

syscall::openat:entry
/pid == $target/
{
	self->path = copyinstr(arg1);
}

syscall::openat:return
/self->path != NULL && arg0 >= 0/
{
	printf("%s: open %s = fd %d\n", execname, self->path, arg0);
	self->path = 0;
}

syscall::openat:return
/self->path != NULL/
{
	printf("%s: open %s failed, errno %d\n", execname, self->path, errno);
	self->path = 0;
}
