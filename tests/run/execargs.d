/*
 * execargs: the process's arguments joined by spaces (dtrace-utils),
 * read from curthread->mm->arg_start .. arg_end with CO-RE offsets.  The
 * process is one that system() starts (destructive: -w).
 */
#pragma D option quiet

BEGIN
{
	system("/bin/true one two three");
}

proc:::exec-success
/execname == "true"/
{
	printf("%s [%s]\n", execname, execargs);
	exit(0);
}

tick-10s
{
	printf("timed out\n");
	exit(1);
}
