/*
 * speculate() on an unused id drops the rest of the clause; commit() and
 * discard() of an unused id do nothing; records over specsize are dropped;
 * a speculative clause without data prints the probe when committed.
 */
#pragma D option specsize=40

BEGIN
{
	speculate(0);
	printf("not reached\n");
}

BEGIN
{
	commit(0);
	discard(1);
	x = speculation();
}

BEGIN
{
	speculate(x);
}

BEGIN
{
	speculate(x);
	printf("%d", 42);
}

BEGIN
{
	speculate(x);
	printf("over specsize");
}

BEGIN
{
	commit(x);
}

BEGIN
{
	exit(0);
}
