/*
 * sched provider, translated arguments: sched:::off-cpu's args[0] and
 * args[1] (lwpsinfo_t * and psinfo_t *) are the thread about to run, the
 * one the sched_switch tracepoint names next (seen with the sdt provider
 * in the same switch); sched:::wakeup's are the woken thread.  The thread
 * is a sleep that system() starts.
 */
#pragma D option quiet
#pragma D option destructive

BEGIN
{
	loader = pid;
	system("exec sleep 0.2");
}

proc:::create
/pid == loader && !child/
{
	child = args[0]->pr_pid;
}

sched:::off-cpu
/pid == child/
{
	self->next_tid = args[0]->pr_lwpid;
	self->next_pid = args[1]->pr_pid;
	self->next_addr = args[0]->pr_addr;
	self->addr_ok = args[1]->pr_addr == args[0]->pr_addr;
	self->next_pri = args[0]->pr_pri;
	self->offcpu = 1;
}

sdt:sched::sched_switch
/pid == child/
{
	self->sdt_tid = args[5];
	self->sdt_pri = args[6];
}

sched:::wakeup
/args[1]->pr_pid == child && child/
{
	woken = args[0]->pr_lwpid == child && args[1]->pr_ppid == loader;
}

proc:::exit
/pid == child/
{
	printf("off-cpu: seen %d, next tid matches %d, next priority matches %d\n",
	    self->offcpu, self->next_tid == self->sdt_tid,
	    self->next_pri == self->sdt_pri);
	printf("off-cpu: lwpsinfo and psinfo of one task %d, next is not us %d\n",
	    self->addr_ok, self->next_addr != (uintptr_t)curthread);
	printf("wakeup: the sleep, child of the loader %d\n", woken);
	exit(0);
}

tick-10s
{
	printf("timed out\n");
	exit(1);
}
