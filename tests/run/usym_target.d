/*
 * User symbols of the -c target (tests/progs/uprog), which exits at once:
 * dload reads its mappings when it exits, so they still resolve when the
 * aggregations are printed.  At a function's entry uregs[R_PC] is the
 * function itself: %A prints it without an offset (and with one a byte
 * further), ufunc() keys merge by function, ustack(1) is that frame.
 */
#pragma D option quiet

pid$target:a.out:add:entry,
pid$target:a.out:mul3:entry
{
	@f[ufunc(uregs[R_PC])] = count();
	@s[ustack(1)] = count();
	printf("%A %A\n", uregs[R_PC], uregs[R_PC] + 1);
}
