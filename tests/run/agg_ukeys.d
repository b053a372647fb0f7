/*
 * User-space keys from the -c target (tests/progs/uprog, 3 loop turns):
 * usym() and ufunc() merge the pcs of a function, umod() the pcs of an
 * object, uaddr() keeps each pc (here the function's entry, printed
 * without offset), ustack() keys group by the whole stack, and the kernel
 * stack() of a uprobe (deterministic: uprobes fire from user space, so a
 * kernel stack only shows the machinery dload leaves out) is checked by
 * its count only.  Keys also go through printa() conversions.
 */
#pragma D option quiet

pid$target:a.out:add:entry,
pid$target:a.out:mul3:entry,
pid$target:a.out:greet:entry
{
	@sym[usym(uregs[R_PC])] = count();
	@func[ufunc(uregs[R_PC] + 1)] = count();
	@mod[umod(uregs[R_PC])] = count();
	@addr[uaddr(uregs[R_PC])] = sum(arg1);
	@tup[probefunc, ufunc(uregs[R_PC])] = count();
	@ks[stack()] = count();
}

pid$target:a.out:mul3:entry
{
	@st[ustack(1)] = count();
}

END
{
	printa("%-12A %@d\n", @sym);
	printa(@func);
	printa(@mod);
	printa("%A %@d\n", @addr);
	printa("%s/%A: %@d\n", @tup);
	printa(@st);
}
