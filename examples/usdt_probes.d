/*
 * usdt_probes.d -- the usdt provider: the static probes an application
 * declares with <sys/sdt.h> (DTRACE_PROBEn / STAP_PROBEn).  The provider is
 * the name given in the program followed by the pid; `dload -l -u` lists
 * the probes of every running process that has some.
 *
 *   dcc -o usdt_probes.bpf.o usdt_probes.d
 *   dload -c build/progs/uprog usdt_probes.bpf.o
 */
#pragma D option quiet

uprog$target:::greet
{
	printf("%s: greet(\"%s\", %d)\n", probefunc, copyinstr(arg0), arg1);
}

uprog$target:::mul-done
{
	printf("%s: %d * %d * 3 = %d\n", probefunc, arg0, arg1, arg2);
}
