/*
 * dtrace_probes.d -- the dtrace provider: BEGIN runs first, ERROR when a
 * clause faults (here: a load from address 0), END last.
 *
 *   dcc -o dtrace_probes.bpf.o dtrace_probes.d && dload dtrace_probes.bpf.o
 */
#pragma D option quiet

BEGIN
{
	printf("BEGIN: tracing starts\n");
}

BEGIN
{
	/* faults: the rest of this clause is skipped and ERROR fires */
	trace(*(int *)0);
}

ERROR
{
	printf("ERROR: fault %d at address %d\n", arg4, arg5);
	exit(0);
}

END
{
	printf("END: tracing stops\n");
}
