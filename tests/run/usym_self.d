/*
 * Symbols of known addresses.  BEGIN runs in dload's own process, inside
 * libc's syscall(): ufunc()/usym() of the user pc name it without offset.
 * Kernel: sym()/func() of an address inside vfs_read name the function,
 * printf's %a adds the offset (none at the start).
 */
#pragma D option quiet

BEGIN
{
	@u[ufunc(uregs[R_PC])] = count();
	@u[usym(uregs[R_PC])] = count();
	@k[func((uint64_t)&`vfs_read + 4)] = count();
	@k[sym((uint64_t)&`vfs_read)] = count();
	printf("%a|%a|%a\n", (uint64_t)&`vfs_read + 4, (uint64_t)&`vfs_read,
	    (uint64_t)&`vfs_write + 0x10);
	exit(0);
}
