/*
 * getppid.d -- the benchmark's D program: count getppid() calls.  The
 * BEGIN clause tells bench/harness that the probes are attached (dload
 * runs BEGIN after attaching everything).
 */
#pragma D option quiet

BEGIN
{
	printf("ready\n");
}

syscall::getppid:entry
{
	@ = count();
}
