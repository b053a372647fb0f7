/*
 * stack() in BEGIN: dload fires BEGIN from user space (as DTrace does), so
 * the kernel stack has no frames: stack() prints only its newline, and a
 * stack() key prints as an empty stack before the value.  %k in printa.
 */
#pragma D option quiet

BEGIN
{
	@s[stack()] = count();
	@s[stack()] = count();
	printf("[");
	stack();
	printf("]\n");
	printa("<%k>%@u\n", @s);
	exit(0);
}
