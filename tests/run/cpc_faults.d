/* cpc provider: the first user-mode page fault of the -c target (arg0, the
 * kernel pc, is 0 in user mode; arg1 is the user pc) */
#pragma D option quiet

cpc:::page_faults-user-1
/pid == $target && execname == "true"/
{
	printf("%s:%s:%s:%s %s kpc=%d upc=%d\n", probeprov, probemod,
	    probefunc, probename, execname, arg0 != 0, arg1 != 0);
	exit(0);
}
