/* proc provider: exec-success of the -c target, then its exit */
#pragma D option quiet

proc:::exec-success
/execname == "true"/
{
	printf("%s:%s:%s:%s %s\n", probeprov, probemod, probefunc, probename,
	    execname);
}

proc:::exit
/execname == "true"/
{
	printf("exit %d\n", arg0);
}
