/* commit() of an id above nspec is an illegal operation: ERROR runs. */
#pragma D option quiet
#pragma D option nspec=4

BEGIN
{
	commit(5);
}

BEGIN
{
	printf("not reached either\n");
}

ERROR
{
	printf("fault %d\n", arg4);
	exit(3);
}
