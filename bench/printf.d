/*
 * printf.d -- the decoding benchmark's D program: one printf record per
 * getppid() call, which dload decodes and prints (bench/run.sh sends the
 * output to the harness, which drains it).  The hand-written equivalent is
 * bench/printf.bpf.c with bench/hand_consumer.c.
 */
#pragma D option quiet
#pragma D option bufsize=64m

BEGIN
{
	printf("ready\n");
}

syscall::getppid:entry
{
	printf("getppid %d %s\n", pid, execname);
}
