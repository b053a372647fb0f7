/*
 * copyout() and copyoutstr() write into the traced program's memory with
 * bpf_probe_write_user() (destructive: -w).  This machine's kernel is
 * locked down (integrity), which refuses that helper: the load fails and
 * dload says why on stderr ("copyout() and copyoutstr() need
 * bpf_probe_write_user(), which this kernel does not allow ..."), exit
 * status 1, no output.  On a kernel that allows it, the expected output is
 *	rewritten xxABCxxx
 *	exit 0
 * (build/progs/cpout's show() sees the bytes written at fill's entry).
 */
#pragma D option quiet

pid$target:a.out:fill:entry
{
	copyoutstr("rewritten", arg0, 32);
	b = (char *)alloca(4);
	b[0] = 'A';
	b[1] = 'B';
	b[2] = 'C';
	b[3] = 0;
	copyout(b, arg1 + 2, 3);
}

pid$target:a.out:show:entry
{
	printf("%s %s\n", copyinstr(arg0), copyinstr(arg1));
}

proc:::exit
/pid == $target/
{
	printf("exit %d\n", arg0);
	exit(0);
}
