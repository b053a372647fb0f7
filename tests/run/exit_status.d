/* exit(n) becomes dload's exit status; END runs after exit(). */
#pragma D option quiet

BEGIN
{
	printf("begin\n");
	exit(3);
}

END
{
	printf("end\n");
}
