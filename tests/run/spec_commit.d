/*
 * Speculations: ids are claimed in order, a speculative record is printed
 * only on commit() (in order), dropped on discard(); the first of
 * commit()/discard() wins; a drained id is reused by speculation().
 */
#pragma D option quiet
#pragma D option nspec=2

int done, s;

BEGIN
{
	a = speculation();
	b = speculation();
	c = speculation();
	printf("ids %d %d %d\n", a, b, c);
}

BEGIN
{
	speculate(a);
	printf("kept 1\n");
}

BEGIN
{
	speculate(b);
	printf("discarded\n");
}

BEGIN
{
	speculate(a);
	printf("kept 2\n");
}

BEGIN
{
	commit(a);
	discard(a);
	discard(b);
	commit(b);
}

BEGIN
{
	printf("after commit\n");
}

tick-10ms
/!done/
{
	s = speculation();
}

tick-10ms
/s && !done/
{
	speculate(s);
	printf("reused id %d\n", s);
}

tick-10ms
/s && !done/
{
	commit(s);
	done = 1;
}

tick-10ms
/done/
{
	exit(0);
}
