/*
 * An alloca pointer shows DTrace's value, its offset in the clause's
 * scratch area (the first allocation at 8): trace(), printf("%p"), casts
 * to integers; a cast back to a pointer reaches the same bytes.  trace()
 * of a char * prints the pointer, printf("%s") the string.
 */
#pragma D option quiet

BEGIN
{
	x = (char *)alloca(8);
	y = (char *)alloca(3);
	x[0] = 'h';
	x[1] = 'i';
	x[2] = 0;
	trace(x);
	printf(" %p %d %d %s\n", y, (long)y - (long)x, (int64_t)x >> 8,
	    stringof(x));
	z = (char *)((long)x + 1 - 1);
	*z = 'H';
	printf("%s %s %d\n", x, stringof(z), z == x);
}

BEGIN
{
	s2 = (char *)alloca(1);
	printf("%d %d\n", (long)s2, s2 == x);
	exit(0);
}
