/*
 * NAME_entries sets the size of one dynamic variable's map: a store into
 * a full map is a dynamic variable drop (dtrace reports it on stderr) and
 * ends the clause without output, as in dtrace-utils.  Deleting an element
 * makes room again.
 */
#pragma D option quiet
#pragma D option a_entries=2

BEGIN
{
	a[1] = 1;
	a[2] = 2;
	a[2] = 22;
	printf("two: %d %d\n", a[1], a[2]);
}

BEGIN
{
	a[3] = 3;
	printf("not reached\n");
}

BEGIN
{
	a[1] = 0;
	a[3] = 3;
	printf("%d %d %d\n", a[1], a[2], a[3]);
	exit(0);
}
