/* tick-N fires repeatedly; globals keep their values between firings. */
#pragma D option quiet

tick-10ms
{
	n++;
}

tick-10ms
/n == 5/
{
	printf("n = %d\n", n);
	exit(0);
}
