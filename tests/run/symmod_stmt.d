/*
 * sym(), func() and mod() as statements record their value (DTrace's
 * symmod actions) and print like trace(); the function, not the type
 * (_symaddr for all three), decides how: mod() prints the module only, in
 * records and aggregation keys alike.  sym() and func() drop the offset.
 */
#pragma D option quiet

BEGIN
{
	sym((uint64_t)&`vfs_read);
	func((uint64_t)&`vfs_read + 4);
	mod((uint64_t)&`vfs_read + 4);
	printf("\n");
	trace(mod((uint64_t)&`vfs_read));
	printf("|\n");
	@m[mod((uint64_t)&`vfs_read)] = count();
	@s[sym((uint64_t)&`vfs_read + 2)] = count();
	@s[func((uint64_t)&`vfs_read)] = count();
	exit(0);
}
