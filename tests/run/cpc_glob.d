/* cpc globs match the listed probes (EVENT-all-1000000000, as DTrace lists
 * them): cpu_clock-all-* is cpu_clock at a 1 s period, which CPU 0 takes;
 * *clock* also attaches task_clock-all-1000000000 */
#pragma D option quiet

cpc:::cpu_clock-all-*
{
	printf("%s:%s:%s:%s\n", probeprov, probemod, probefunc, probename);
	exit(0);
}

cpc:*::*clock*
/probename != "cpu_clock-all-1000000000" && probename != "task_clock-all-1000000000"/
{
	printf("unexpected %s\n", probename);
}

tick-5s
{
	printf("timeout\n");
	exit(1);
}
