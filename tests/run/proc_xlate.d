/*
 * proc provider, translated arguments: proc:::create's args[0] (psinfo_t *
 * of the new process), proc:::signal-send's args[0..2] (lwpsinfo_t * and
 * psinfo_t * of the receiver, the signal) and proc:::exit's args[0], for
 * a shell that system() starts and that sends itself SIGUSR1 (dies of it).
 */
#pragma D option quiet
#pragma D option destructive

BEGIN
{
	loader = pid;
	system("kill -USR1 $$; sleep 1");
}

proc:::create
/pid == loader && !child/
{
	child = args[0]->pr_pid;
	printf("create: new pid %d, ppid is the parent %d, fname %s\n",
	    args[0]->pr_pid != pid, args[0]->pr_ppid == pid,
	    stringof(args[0]->pr_fname) == execname ? "of the parent" :
	    args[0]->pr_fname);
}

proc:::signal-send
/pid == child && args[2] == SIGUSR1/
{
	printf("signal-send: pid %d, lwp %d, fname %s, sig %d\n",
	    args[1]->pr_pid == pid, args[0]->pr_lwpid == tid, args[1]->pr_fname,
	    args[2]);
}

proc:::exit
/pid == child/
{
	printf("exit: reason %d\n", args[0]);
	exit(0);
}

tick-10s
{
	printf("timed out\n");
	exit(1);
}
