/*
 * usym(), ufunc(), umod() and uaddr() as statements record [pid, address]
 * and print like trace(); the function, not the type (_usymaddr for all
 * four), decides how: umod() prints the module, uaddr() keeps the offset,
 * in records and aggregation keys alike (keys merge by what they print).
 */
#pragma D option quiet

pid$target:a.out:add:entry
/++n == 1/
{
	usym(uregs[R_PC] + 1);
	ufunc(uregs[R_PC]);
	umod(uregs[R_PC]);
	uaddr(uregs[R_PC] + 1);
	printf("\n");
}

pid$target:a.out:add:entry
{
	@m[umod(uregs[R_PC])] = count();
	@a[uaddr(uregs[R_PC] + 2)] = count();
	@u[usym(uregs[R_PC] + 2)] = count();
}
